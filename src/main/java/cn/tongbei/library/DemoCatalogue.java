package cn.tongbei.library;

import cn.tongbei.platform.db.DbEndpoint;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * A demo textbook catalogue for a few subjects (数学 人教版, 语文 统编版, 物理 人教版, 英语 外研版), seeded once per
 * group that has none, in embedded demo mode.
 */
final class DemoCatalogue {
    private DemoCatalogue() {}

    private record Book(String subject, String edition, String volume, Map<String, List<String>> units) {}

    private static final List<Book> BOOKS = List.of(
            new Book("数学", "人教版", "七年级上册", ordered(
                    "第一章 有理数", List.of("1.1 正数和负数", "1.2 有理数", "1.3 有理数的加减法"),
                    "第二章 整式的加减", List.of("2.1 整式", "2.2 整式的加减"),
                    "第三章 一元一次方程", List.of("3.1 从算式到方程", "3.2 解一元一次方程"))),
            new Book("数学", "人教版", "九年级上册", ordered(
                    "第二十二章 二次函数", List.of("22.1 二次函数的图象和性质", "22.2 二次函数与一元二次方程", "22.3 实际问题与二次函数"),
                    "第二十四章 圆", List.of("24.1 圆的有关性质", "24.2 点和圆、直线和圆的位置关系"))),
            new Book("数学", "北师大版", "七年级上册", ordered(
                    "第一章 丰富的图形世界", List.of("1.1 生活中的立体图形", "1.2 展开与折叠"))),
            new Book("语文", "统编版", "七年级上册", ordered(
                    "第一单元", List.of("春", "济南的冬天", "雨的四季"),
                    "第二单元", List.of("秋天的怀念", "散步", "散文诗二首"))),
            new Book("语文", "统编版", "八年级下册", ordered(
                    "第二单元", List.of("大自然的语言", "阿西莫夫短文两篇"),
                    "第五单元", List.of("壶口瀑布", "在长江源头各拉丹冬", "雪"))),
            new Book("物理", "人教版", "八年级下册", ordered(
                    "第十章 浮力", List.of("10.1 浮力", "10.2 阿基米德原理", "10.3 物体的浮沉条件及应用"),
                    "第十一章 功和机械能", List.of("11.1 功", "11.2 功率"))),
            new Book("英语", "外研版", "七年级上册", ordered(
                    "Module 1 My classmates", List.of("Unit 1", "Unit 2"),
                    "Module 2 My family", List.of("Unit 1", "Unit 2"))));

    private static Map<String, List<String>> ordered(Object... pairs) {
        Map<String, List<String>> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> sections = (List<String>) pairs[i + 1];
            map.put((String) pairs[i], sections);
        }
        return map;
    }

    /** Seeds every group without a catalogue. */
    static void seed(DbEndpoint db) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            c.setAutoCommit(false);
            try (ResultSet rs = c.createStatement().executeQuery("""
                    SELECT g.id FROM edu_group g
                    WHERE NOT EXISTS (SELECT 1 FROM library_catalogue k WHERE k.group_id = g.id)""")) {
                while (rs.next()) {
                    seedGroup(c, rs.getLong(1));
                }
            }
            c.commit();
        }
    }

    private static void seedGroup(Connection c, long groupId) throws SQLException {
        Map<String, Long> ids = new java.util.HashMap<>();
        for (Book b : BOOKS) {
            long subject = node(c, ids, groupId, null, "subject", b.subject());
            long edition = node(c, ids, groupId, subject, "edition", b.edition());
            long volume = node(c, ids, groupId, edition, "volume", b.volume());
            for (var unit : b.units().entrySet()) {
                long u = node(c, ids, groupId, volume, "unit", unit.getKey());
                for (String section : unit.getValue()) {
                    node(c, ids, groupId, u, "section", section);
                }
            }
        }
    }

    private static long node(Connection c, Map<String, Long> ids, long groupId, Long parent, String level, String name)
            throws SQLException {
        String key = parent + "/" + name;
        Long known = ids.get(key);
        if (known != null) {
            return known;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO library_catalogue (group_id, parent_id, level, name, position) VALUES (?, ?, ?, ?, ?)
                RETURNING id""")) {
            ps.setLong(1, groupId);
            ps.setObject(2, parent);
            ps.setString(3, level);
            ps.setString(4, name);
            ps.setInt(5, ids.size());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                ids.put(key, rs.getLong(1));
                return rs.getLong(1);
            }
        }
    }
}
