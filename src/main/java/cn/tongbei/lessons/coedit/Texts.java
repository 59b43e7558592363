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
}
