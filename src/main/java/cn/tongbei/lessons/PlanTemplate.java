package cn.tongbei.lessons;

import cn.tongbei.lessons.coedit.Delta;
import java.util.List;
import java.util.Map;

/**
 * The starting document of a lesson plan: the seven sections of a Chinese lesson plan form as level-2
 * headings, each followed by an empty paragraph. All sections live in one co-edited document so that one
 * revision counter, one history and one cursor space cover the whole plan.
 */
public final class PlanTemplate {
    /** The section headings, in form order. */
    public static final List<String> SECTIONS = List.of("教学目标", "教学重难点", "教学准备", "教学过程", "板书设计",
            "作业设计", "教学反思");

    private PlanTemplate() {}

    /** A fresh plan document. */
    public static Delta initial() {
        Delta d = new Delta();
        for (String s : SECTIONS) {
            d.insert(s).insert("\n", Map.of("header", 2L)).insert("\n");
        }
        return d;
    }
}
