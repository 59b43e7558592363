package cn.tongbei.demo;

import cn.tongbei.platform.auth.PasswordHasher;
import cn.tongbei.platform.db.DbEndpoint;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds a demo education group on the first start in embedded mode: a lead school and member schools of
 * every kind, teachers of several subjects at each, subject groups and prep groups spanning schools. Runs
 * once, at start, over JDBC on the main thread (before the HTTP server listens).
 */
public final class DemoData {
    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);
    public static final String PASSWORD = "tongbei-demo";

    private record Person(String username, String name, String school, String role, String subjects, String stage) {}

    private record TeamSeed(String kind, String name, String subject, String grade, List<String> members) {}

    private static final List<String[]> SCHOOLS = List.of(
            new String[]{"中原实验中学", "URBAN", "郑州市中原区建设西路 18 号", "lead"},
            new String[]{"柳林镇中心学校", "RURAL", "中原区柳林镇", ""},
            new String[]{"新城实验学校", "NEW", "中原区新城路 6 号", ""},
            new String[]{"东郊第二中学", "WEAK", "郑州市东郊工业路 9 号", ""});

    private static final List<Person> PEOPLE = List.of(
            new Person("admin", "王建国", "中原实验中学", "GROUP_ADMIN", "", "SENIOR"),
            new Person("schooladmin1", "李秀兰", "中原实验中学", "SCHOOL_ADMIN", "", "SENIOR"),
            new Person("schooladmin2", "张志强", "柳林镇中心学校", "SCHOOL_ADMIN", "", "MATURE"),
            new Person("teacher1", "刘芳", "中原实验中学", "TEACHER", "数学", "BACKBONE"),
            new Person("teacher2", "陈静", "柳林镇中心学校", "TEACHER", "数学", "NOVICE"),
            new Person("teacher3", "赵磊", "新城实验学校", "TEACHER", "数学", "RISING"),
            new Person("teacher4", "孙丽", "东郊第二中学", "TEACHER", "数学", "MATURE"),
            new Person("teacher5", "周敏", "中原实验中学", "TEACHER", "语文", "BACKBONE"),
            new Person("teacher6", "吴婷", "柳林镇中心学校", "TEACHER", "语文", "NOVICE"),
            new Person("teacher7", "郑华", "东郊第二中学", "TEACHER", "语文", "SENIOR"),
            new Person("teacher8", "王强", "中原实验中学", "TEACHER", "英语", "BACKBONE"),
            new Person("teacher9", "冯雪", "新城实验学校", "TEACHER", "英语", "RISING"),
            new Person("teacher10", "何伟", "中原实验中学", "TEACHER", "物理", "MATURE"),
            new Person("teacher11", "马超", "柳林镇中心学校", "TEACHER", "物理", "NOVICE"),
            new Person("teacher12", "黄颖", "东郊第二中学", "TEACHER", "物理,数学", "RISING"),
            new Person("terminal1", "柳林镇中心学校 七(1)班", "柳林镇中心学校", "TERMINAL", "", null),
            new Person("terminal2", "新城实验学校 七(2)班", "新城实验学校", "TERMINAL", "", null),
            new Person("terminal3", "东郊第二中学 八(3)班", "东郊第二中学", "TERMINAL", "", null),
            new Person("observer1", "集团教研员 高明", null, "OBSERVER", "", "SENIOR"));

    private static final List<TeamSeed> TEAMS = List.of(
            new TeamSeed("SUBJECT", "数学学科教研组", "数学", null,
                    List.of("teacher1:LEAD", "teacher2", "teacher3", "teacher4", "teacher12")),
            new TeamSeed("SUBJECT", "语文学科教研组", "语文", null, List.of("teacher5:LEAD", "teacher6", "teacher7")),
            new TeamSeed("SUBJECT", "英语学科教研组", "英语", null, List.of("teacher8:LEAD", "teacher9")),
            new TeamSeed("PREP", "七年级数学备课组", "数学", "七年级", List.of("teacher3:LEAD", "teacher1", "teacher2")),
            new TeamSeed("PREP", "八年级物理备课组", "物理", "八年级",
                    List.of("teacher10:LEAD", "teacher11", "teacher12")));

    private DemoData() {}

    /** Seeds the demo group unless any user exists. Returns true when it seeded. */
    public static boolean seedIfEmpty(DbEndpoint db, PasswordHasher hasher) {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            if (hasUsers(c)) {
                return false;
            }
            c.setAutoCommit(false);
            seed(c, hasher);
            c.commit();
            LOG.info("demo data seeded: 1 education group, {} schools, {} users, {} teams (password '{}')",
                    SCHOOLS.size(), PEOPLE.size(), TEAMS.size(), PASSWORD);
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("could not seed demo data: " + e.getMessage(), e);
        }
    }

    /** In production: creates the first administrator (may create groups) unless any user exists. */
    public static boolean bootstrapAdmin(DbEndpoint db, PasswordHasher hasher, String username, String password) {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            if (hasUsers(c)) {
                return false;
            }
            c.setAutoCommit(false);
            long id = insertUser(c, new Person(username, "系统管理员", null, "GROUP_ADMIN", "", null), hasher.hash(password),
                    null, null);
            insertGrant(c, id, "GROUP_ADMIN", null, null);
            c.commit();
            LOG.info("first administrator '{}' created", username);
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the first administrator: " + e.getMessage(), e);
        }
    }

    private static boolean hasUsers(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT EXISTS (SELECT 1 FROM app_user)")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static void seed(Connection c, PasswordHasher hasher) throws SQLException {
        long groupId = insertReturning(c,
                "INSERT INTO edu_group (name, mode, description) VALUES (?, 'ALLIANCE', ?) RETURNING id",
                "中原实验教育集团", "以中原实验中学为龙头校，联合城区、农村、新建和薄弱学校，共研共享、同步课堂。");
        Map<String, Long> schools = new HashMap<>();
        for (String[] s : SCHOOLS) {
            long id = insertReturning(c,
                    "INSERT INTO school (group_id, name, kind, address, is_lead) VALUES (?, ?, ?, ?, ?) RETURNING id",
                    groupId, s[0], s[1], s[2], !s[3].isEmpty());
            schools.put(s[0], id);
            if (!s[3].isEmpty()) {
                exec(c, "UPDATE edu_group SET lead_school_id = ? WHERE id = ?", id, groupId);
            }
        }
        Map<String, Long> users = new HashMap<>();
        for (Person p : PEOPLE) {
            Long schoolId = p.school() == null ? null : schools.get(p.school());
            long id = insertUser(c, p, hasher.hash(PASSWORD), groupId, schoolId);
            insertGrant(c, id, p.role(), groupId, schoolId);
            users.put(p.username(), id);
        }
        for (TeamSeed t : TEAMS) {
            long teamId = insertReturning(c,
                    "INSERT INTO team (group_id, kind, name, subject, grade) VALUES (?, ?, ?, ?, ?) RETURNING id",
                    groupId,
                    t.kind(), t.name(), t.subject(), t.grade());
            for (String m : t.members()) {
                String[] parts = m.split(":");
                exec(c, "INSERT INTO team_member (team_id, user_id, role) VALUES (?, ?, ?)", teamId,
                        users.get(parts[0]), parts.length > 1 ? parts[1] : "MEMBER");
            }
        }
    }

    private static long insertUser(Connection c, Person p, String hash, Long groupId, Long schoolId)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO app_user (username, display_name, password_hash, group_id, school_id, stage, subjects)
                VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")) {
            ps.setString(1, p.username());
            ps.setString(2, p.name());
            ps.setString(3, hash);
            ps.setObject(4, groupId);
            ps.setObject(5, schoolId);
            ps.setString(6, p.stage());
            ps.setArray(7, c.createArrayOf("text", p.subjects().isEmpty() ? new String[0] : p.subjects().split(",")));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void insertGrant(Connection c, long userId, String role, Long groupId, Long schoolId)
            throws SQLException {
        exec(c, "INSERT INTO role_grant (user_id, role, group_id, school_id) VALUES (?, ?, ?, ?)", userId, role,
                groupId, schoolId);
    }

    private static long insertReturning(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args)) {
            ps.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }
}
