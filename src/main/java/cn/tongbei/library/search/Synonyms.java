package cn.tongbei.library.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Groups of names for the same thing (道法 = 道德与法治, 北师版 = 北师大版, 浮力 = buoyancy). Applied at query time,
 * so an administrator's addition works at once without reindexing: each part of a query is searched as
 * typed and with every synonym substituted.
 */
public final class Synonyms {
    /** The list shipped with the server; administrators add more (stored in PostgreSQL). */
    public static final List<List<String>> BUILT_IN = List.of(
            List.of("道法", "道德与法治", "思想品德", "思品"),
            List.of("北师版", "北师大版", "北师大"),
            List.of("人教版", "人教", "人民教育出版社"),
            List.of("苏教版", "苏教"),
            List.of("外研版", "外研社版", "外研"),
            List.of("统编版", "部编版", "部编"),
            List.of("教案", "教学设计", "lesson plan"),
            List.of("课件", "ppt", "幻灯片"),
            List.of("学案", "导学案"),
            List.of("试题", "习题", "练习", "试卷", "exercise"),
            List.of("微课", "微视频", "micro lecture"),
            List.of("浮力", "buoyancy"),
            List.of("二次函数", "quadratic function"),
            List.of("勾股定理", "毕达哥拉斯定理", "pythagorean theorem"),
            List.of("光合作用", "photosynthesis"),
            List.of("一元一次方程", "linear equation"),
            List.of("信息科技", "信息技术"),
            List.of("体育与健康", "体育"));

    private volatile List<List<String>> groups;

    public Synonyms(List<List<String>> extra) {
        replace(extra);
    }

    /** Replaces the administrator-added groups (the built-in ones stay). */
    public void replace(List<List<String>> extra) {
        List<List<String>> all = new ArrayList<>();
        BUILT_IN.forEach(g -> all.add(g.stream().map(Synonyms::norm).toList()));
        extra.forEach(g -> all.add(g.stream().map(Synonyms::norm).toList()));
        groups = List.copyOf(all);
    }

    /** The part as typed, plus each variant with one synonym substituted (at most 8). */
    public List<String> variants(String part) {
        String lower = norm(part);
        Set<String> out = new LinkedHashSet<>();
        out.add(part);
        for (List<String> group : groups) {
            for (String term : group) {
                boolean whole = lower.equals(term);
                if (!whole && !(ChineseAnalysis.containsHan(term) && lower.contains(term))) {
                    continue;
                }
                for (String other : group) {
                    if (out.size() >= 8 || other.equals(term)) {
                        continue;
                    }
                    if (whole) {
                        out.add(other);
                    } else if (!lower.contains(other)) {
                        out.add(lower.replace(term, other));
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    static String norm(String s) {
        return s.toLowerCase(Locale.ROOT).strip();
    }

    public List<List<String>> all() {
        return groups;
    }
}
