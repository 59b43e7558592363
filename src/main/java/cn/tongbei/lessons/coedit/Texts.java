package cn.tongbei.lessons.coedit;

/** Text checks for stored documents. */
final class Texts {
    private Texts() {}

    /** True when every text operation is well-formed UTF-16 on its own (no lone surrogate), as JSON storage needs. */
    static boolean wellFormed(Delta d) {
        for (Op op : d.ops()) {
            String t = op.text();
            if (t == null) {
                continue;
            }
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (Character.isHighSurrogate(c)) {
                    if (i + 1 >= t.length() || !Character.isLowSurrogate(t.charAt(i + 1))) {
                        return false;
                    }
                    i++;
                } else if (Character.isLowSurrogate(c)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Why an image this change inserts is refused, or null when there is none or all are acceptable: only our
     * uploaded plan images and small data: URLs of allowed types ({@link cn.tongbei.lessons.PlanImages}).
     */
    static String imageProblem(Delta change) {
        for (Op op : change.ops()) {
            if (op.embed() != null && op.embed().containsKey("image")) {
                String problem = cn.tongbei.lessons.PlanImages.problem(op.embed().get("image"));
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }
}
