package cn.tongbei.lessons.coedit;

import java.util.ArrayList;
import java.util.List;

/**
 * The text diff quill-delta 5.1 uses, re-implemented from the algorithm of the {@code fast-diff} 1.3 library
 * (itself Neil Fraser's diff-match-patch without the time limit): common prefix/suffix trimming, the
 * "shorter text inside the longer" and half-match speedups, Myers' middle-snake bisection on UTF-16 units,
 * the merge pass that never leaves a surrogate pair split across runs (top level only, as fast-diff's
 * {@code fix_unicode}), then semantic cleanup (quill-delta calls {@code diff(a, b, cursor, true)}) and the
 * optional cursor hint. Every branch and tie-break follows the reference, so {@link Delta#diff} gives exactly
 * quill-delta's result (golden vectors in {@code delta-golden/}).
 */
final class TextDiff {
    /** An edit run, in UTF-16 code units. */
    record Edit(Kind kind, int length) {}

    /** Edit kinds. */
    enum Kind {
        EQUAL, INSERT, DELETE
    }

    private static final int DEL = -1;
    private static final int INS = 1;
    private static final int EQ = 0;

    /** A mutable diff tuple, as in the reference. */
    private static final class T {
        int op;
        String text;

        T(int op, String text) {
            this.op = op;
            this.text = text;
        }
    }

    /**
     * fast-diff has no deadline (diff-match-patch's {@code Diff_Timeout} was removed), so two large, wholly
     * different texts cost O(N·D). Past this many snake steps a bisection answers as diff-match-patch does at
     * its deadline: delete all, insert all (still a correct diff). Far above any lesson plan's size; it only
     * bounds the worker time a pathological restore can take.
     */
    static final long MAX_STEPS = 200_000_000L;

    private static final ThreadLocal<Budget> BUDGET = new ThreadLocal<>();

    private static final class Budget {
        long steps;
    }

    private TextDiff() {}

    static List<Edit> diff(String a, String b) {
        return diff(a, b, -1);
    }

    /** {@code cursor} ≥ 0: the caret position in {@code a} before the edit (fast-diff's numeric cursor hint). */
    static List<Edit> diff(String a, String b, int cursor) {
        List<T> tuples;
        Budget budget = new Budget();
        BUDGET.set(budget);
        try {
            tuples = main(a, b, cursor, true, true);
        } catch (StackOverflowError e) {
            // Only seen with lone surrogates: the surrogate-aware prefix/suffix rule keeps handing the same
            // problem back, and the reference recurses until its stack overflows too ("Maximum call stack size
            // exceeded"). Documents never hold lone surrogates (the sequencer refuses them); fail cleanly.
            throw new DeltaException("diff() cannot handle this text (lone surrogate)");
        } finally {
            BUDGET.remove();
        }
        List<Edit> out = new ArrayList<>(tuples.size());
        for (T t : tuples) {
            if (t.text.isEmpty()) {
                continue;
            }
            Kind k = t.op == EQ ? Kind.EQUAL : t.op == INS ? Kind.INSERT : Kind.DELETE;
            out.add(new Edit(k, t.text.length()));
        }
        return out;
    }

    private static List<T> main(String text1, String text2, int cursor, boolean cleanup, boolean fixUnicode) {
        List<T> diffs = new ArrayList<>();
        if (text1.equals(text2)) {
            if (!text1.isEmpty()) {
                diffs.add(new T(EQ, text1));
            }
            return diffs;
        }
        if (cursor >= 0) {
            List<T> edit = cursorEdit(text1, text2, cursor);
            if (edit != null) {
                return edit;
            }
        }
        int common = commonPrefix(text1, text2);
        String prefix = text1.substring(0, common);
        text1 = text1.substring(common);
        text2 = text2.substring(common);
        common = commonSuffix(text1, text2);
        String suffix = text1.substring(text1.length() - common);
        text1 = text1.substring(0, text1.length() - common);
        text2 = text2.substring(0, text2.length() - common);
        diffs = compute(text1, text2);
        if (!prefix.isEmpty()) {
            diffs.add(0, new T(EQ, prefix));
        }
        if (!suffix.isEmpty()) {
            diffs.add(new T(EQ, suffix));
        }
        cleanupMerge(diffs, fixUnicode);
        if (cleanup) {
            cleanupSemantic(diffs);
        }
        return diffs;
    }

    private static List<T> plain(String text1, String text2) {
        return main(text1, text2, -1, false, false);
    }

    private static List<T> list(T... ts) {
        return new ArrayList<>(List.of(ts));
    }

    private static List<T> compute(String text1, String text2) {
        if (text1.isEmpty()) {
            return list(new T(INS, text2));
        }
        if (text2.isEmpty()) {
            return list(new T(DEL, text1));
        }
        boolean firstLonger = text1.length() > text2.length();
        String longText = firstLonger ? text1 : text2;
        String shortText = firstLonger ? text2 : text1;
        int i = longText.indexOf(shortText);
        if (i != -1) {
            int outer = firstLonger ? DEL : INS;
            return list(new T(outer, longText.substring(0, i)), new T(EQ, shortText),
                    new T(outer, longText.substring(i + shortText.length())));
        }
        if (shortText.length() == 1) {
            return list(new T(DEL, text1), new T(INS, text2));
        }
        String[] hm = halfMatch(text1, text2);
        if (hm != null) {
            List<T> out = plain(hm[0], hm[2]);
            out.add(new T(EQ, hm[4]));
            out.addAll(plain(hm[1], hm[3]));
            return out;
        }
        return bisect(text1, text2);
    }

    private static List<T> bisect(String text1, String text2) {
        int n1 = text1.length();
        int n2 = text2.length();
        int maxD = (n1 + n2 + 1) / 2;
        int vOffset = maxD;
        int vLength = 2 * maxD;
        int[] v1 = new int[vLength];
        int[] v2 = new int[vLength];
        java.util.Arrays.fill(v1, -1);
        java.util.Arrays.fill(v2, -1);
        v1[vOffset + 1] = 0;
        v2[vOffset + 1] = 0;
        int delta = n1 - n2;
        boolean front = delta % 2 != 0;
        int k1start = 0;
        int k1end = 0;
        int k2start = 0;
        int k2end = 0;
        Budget budget = BUDGET.get();
        for (int d = 0; d < maxD; d++) {
            if (budget != null) {
                budget.steps += 2L * d + 2;
                if (budget.steps > MAX_STEPS) {
                    break;
                }
            }
            for (int k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
                int k1Offset = vOffset + k1;
                int x1;
                if (k1 == -d || (k1 != d && v1[k1Offset - 1] < v1[k1Offset + 1])) {
                    x1 = v1[k1Offset + 1];
                } else {
                    x1 = v1[k1Offset - 1] + 1;
                }
                int y1 = x1 - k1;
                while (x1 < n1 && y1 < n2 && text1.charAt(x1) == text2.charAt(y1)) {
                    x1++;
                    y1++;
                }
                v1[k1Offset] = x1;
                if (x1 > n1) {
                    k1end += 2;
                } else if (y1 > n2) {
                    k1start += 2;
                } else if (front) {
                    int k2Offset = vOffset + delta - k1;
                    if (k2Offset >= 0 && k2Offset < vLength && v2[k2Offset] != -1) {
                        int x2 = n1 - v2[k2Offset];
                        if (x1 >= x2) {
                            return bisectSplit(text1, text2, x1, y1);
                        }
                    }
                }
            }
            for (int k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
                int k2Offset = vOffset + k2;
                int x2;
                if (k2 == -d || (k2 != d && v2[k2Offset - 1] < v2[k2Offset + 1])) {
                    x2 = v2[k2Offset + 1];
                } else {
                    x2 = v2[k2Offset - 1] + 1;
                }
                int y2 = x2 - k2;
                while (x2 < n1 && y2 < n2 && text1.charAt(n1 - x2 - 1) == text2.charAt(n2 - y2 - 1)) {
                    x2++;
                    y2++;
                }
                v2[k2Offset] = x2;
                if (x2 > n1) {
                    k2end += 2;
                } else if (y2 > n2) {
                    k2start += 2;
                } else if (!front) {
                    int k1Offset = vOffset + delta - k2;
                    if (k1Offset >= 0 && k1Offset < vLength && v1[k1Offset] != -1) {
                        int x1 = v1[k1Offset];
                        int y1 = vOffset + x1 - k1Offset;
                        if (x1 >= n1 - x2) {
                            return bisectSplit(text1, text2, x1, y1);
                        }
                    }
                }
            }
        }
        return list(new T(DEL, text1), new T(INS, text2));
    }

    private static List<T> bisectSplit(String text1, String text2, int x, int y) {
        List<T> out = plain(text1.substring(0, x), text2.substring(0, y));
        out.addAll(plain(text1.substring(x), text2.substring(y)));
        return out;
    }

    private static boolean highSurrogate(String s, int index) {
        return index >= 0 && index < s.length() && Character.isHighSurrogate(s.charAt(index));
    }

    private static boolean lowSurrogate(String s, int index) {
        return index >= 0 && index < s.length() && Character.isLowSurrogate(s.charAt(index));
    }

    /** Length of the common prefix, never ending between the halves of a surrogate pair. */
    static int commonPrefix(String text1, String text2) {
        int max = Math.min(text1.length(), text2.length());
        int n = 0;
        while (n < max && text1.charAt(n) == text2.charAt(n)) {
            n++;
        }
        if (highSurrogate(text1, n - 1)) {
            n--;
        }
        return n;
    }

    /** Length of the common suffix, never starting between the halves of a surrogate pair. */
    static int commonSuffix(String text1, String text2) {
        int l1 = text1.length();
        int l2 = text2.length();
        int max = Math.min(l1, l2);
        int n = 0;
        while (n < max && text1.charAt(l1 - 1 - n) == text2.charAt(l2 - 1 - n)) {
            n++;
        }
        if (n > 0 && lowSurrogate(text1, l1 - n)) {
            n--;
        }
        return n;
    }

    private static int commonOverlap(String text1, String text2) {
        int l1 = text1.length();
        int l2 = text2.length();
        if (l1 == 0 || l2 == 0) {
            return 0;
        }
        if (l1 > l2) {
            text1 = text1.substring(l1 - l2);
        } else if (l1 < l2) {
            text2 = text2.substring(0, l1);
        }
        int len = Math.min(l1, l2);
        if (text1.equals(text2)) {
            return len;
        }
        int best = 0;
        int length = 1;
        while (true) {
            String pattern = text1.substring(len - length);
            int found = text2.indexOf(pattern);
            if (found == -1) {
                return best;
            }
            length += found;
            if (found == 0 || text1.substring(len - length).equals(text2.substring(0, length))) {
                best = length;
                length++;
            }
        }
    }

    private static String[] halfMatch(String text1, String text2) {
        boolean firstLonger = text1.length() > text2.length();
        String longText = firstLonger ? text1 : text2;
        String shortText = firstLonger ? text2 : text1;
        if (longText.length() < 4 || shortText.length() * 2 < longText.length()) {
            return null;
        }
        String[] hm1 = halfMatchAt(longText, shortText, (longText.length() + 3) / 4);
        String[] hm2 = halfMatchAt(longText, shortText, (longText.length() + 1) / 2);
        String[] hm;
        if (hm1 == null && hm2 == null) {
            return null;
        } else if (hm2 == null) {
            hm = hm1;
        } else if (hm1 == null) {
            hm = hm2;
        } else {
            hm = hm1[4].length() > hm2[4].length() ? hm1 : hm2;
        }
        if (firstLonger) {
            return new String[]{hm[0], hm[1], hm[2], hm[3], hm[4]};
        }
        return new String[]{hm[2], hm[3], hm[0], hm[1], hm[4]};
    }

    private static String[] halfMatchAt(String longText, String shortText, int i) {
        String seed = longText.substring(i, Math.min(longText.length(), i + longText.length() / 4));
        int j = -1;
        String bestCommon = "";
        String[] best = null;
        while ((j = shortText.indexOf(seed, j + 1)) != -1) {
            int prefixLength = commonPrefix(longText.substring(i), shortText.substring(j));
            int suffixLength = commonSuffix(longText.substring(0, i), shortText.substring(0, j));
            if (bestCommon.length() < suffixLength + prefixLength) {
                bestCommon = shortText.substring(j - suffixLength, j) + shortText.substring(j, j + prefixLength);
                best = new String[]{longText.substring(0, i - suffixLength), longText.substring(i + prefixLength),
                        shortText.substring(0, j - suffixLength), shortText.substring(j + prefixLength), bestCommon};
            }
        }
        if (best != null && bestCommon.length() * 2 >= longText.length()) {
            return best;
        }
        return null;
    }

    private static void cleanupSemantic(List<T> diffs) {
        boolean changes = false;
        // The reference's stack pointer may go below zero (two pops after the first equality) and a JavaScript
        // array then keeps negative indices as properties that later pushes and reads use: a map does the same.
        java.util.Map<Integer, Integer> equalities = new java.util.HashMap<>();
        int equalitiesLength = 0;
        String lastEquality = null;
        int pointer = 0;
        int insertions1 = 0;
        int deletions1 = 0;
        int insertions2 = 0;
        int deletions2 = 0;
        while (pointer < diffs.size()) {
            if (diffs.get(pointer).op == EQ) {
                equalities.put(equalitiesLength++, pointer);
                insertions1 = insertions2;
                deletions1 = deletions2;
                insertions2 = 0;
                deletions2 = 0;
                lastEquality = diffs.get(pointer).text;
            } else {
                if (diffs.get(pointer).op == INS) {
                    insertions2 += diffs.get(pointer).text.length();
                } else {
                    deletions2 += diffs.get(pointer).text.length();
                }
                if (lastEquality != null && !lastEquality.isEmpty()
                        && lastEquality.length() <= Math.max(insertions1, deletions1)
                        && lastEquality.length() <= Math.max(insertions2, deletions2)) {
                    int at = equalities.get(equalitiesLength - 1);
                    diffs.add(at, new T(DEL, lastEquality));
                    diffs.get(at + 1).op = INS;
                    equalitiesLength--;
                    equalitiesLength--;
                    pointer = equalitiesLength > 0 ? equalities.get(equalitiesLength - 1) : -1;
                    insertions1 = 0;
                    deletions1 = 0;
                    insertions2 = 0;
                    deletions2 = 0;
                    lastEquality = null;
                    changes = true;
                }
            }
            pointer++;
        }
        if (changes) {
            cleanupMerge(diffs, false);
        }
        cleanupSemanticLossless(diffs);

        pointer = 1;
        while (pointer < diffs.size()) {
            if (diffs.get(pointer - 1).op == DEL && diffs.get(pointer).op == INS) {
                String deletion = diffs.get(pointer - 1).text;
                String insertion = diffs.get(pointer).text;
                int overlap1 = commonOverlap(deletion, insertion);
                int overlap2 = commonOverlap(insertion, deletion);
                if (overlap1 >= overlap2) {
                    if (overlap1 >= deletion.length() / 2.0 || overlap1 >= insertion.length() / 2.0) {
                        diffs.add(pointer, new T(EQ, insertion.substring(0, overlap1)));
                        diffs.get(pointer - 1).text = deletion.substring(0, deletion.length() - overlap1);
                        diffs.get(pointer + 1).text = insertion.substring(overlap1);
                        pointer++;
                    }
                } else {
                    if (overlap2 >= deletion.length() / 2.0 || overlap2 >= insertion.length() / 2.0) {
                        diffs.add(pointer, new T(EQ, deletion.substring(0, overlap2)));
                        diffs.get(pointer - 1).op = INS;
                        diffs.get(pointer - 1).text = insertion.substring(0, insertion.length() - overlap2);
                        diffs.get(pointer + 1).op = DEL;
                        diffs.get(pointer + 1).text = deletion.substring(overlap2);
                        pointer++;
                    }
                }
                pointer++;
            }
            pointer++;
        }
    }

    /** JavaScript's {@code \s}. */
    private static boolean jsWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r' || c == '\u00a0'
                || c == '\u1680' || (c >= '\u2000' && c <= '\u200a') || c == '\u2028' || c == '\u2029'
                || c == '\u202f' || c == '\u205f' || c == '\u3000' || c == '\ufeff';
    }

    private static boolean asciiAlphaNumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean blankLineEnd(String s) {
        return s.endsWith("\n\n") || s.endsWith("\n\r\n");
    }

    private static boolean blankLineStart(String s) {
        return s.startsWith("\n\n") || s.startsWith("\r\n\n") || s.startsWith("\n\r\n") || s.startsWith("\r\n\r\n");
    }

    private static int semanticScore(String one, String two) {
        if (one.isEmpty() || two.isEmpty()) {
            return 6;
        }
        char char1 = one.charAt(one.length() - 1);
        char char2 = two.charAt(0);
        boolean nonAlnum1 = !asciiAlphaNumeric(char1);
        boolean nonAlnum2 = !asciiAlphaNumeric(char2);
        boolean white1 = nonAlnum1 && jsWhitespace(char1);
        boolean white2 = nonAlnum2 && jsWhitespace(char2);
        boolean break1 = white1 && (char1 == '\r' || char1 == '\n');
        boolean break2 = white2 && (char2 == '\r' || char2 == '\n');
        boolean blank1 = break1 && blankLineEnd(one);
        boolean blank2 = break2 && blankLineStart(two);
        if (blank1 || blank2) {
            return 5;
        } else if (break1 || break2) {
            return 4;
        } else if (nonAlnum1 && !white1 && white2) {
            return 3;
        } else if (white1 || white2) {
            return 2;
        } else if (nonAlnum1 || nonAlnum2) {
            return 1;
        }
        return 0;
    }

    /** JavaScript's {@code s.charAt(0)} as an int, -1 for the empty string. */
    private static int first(String s) {
        return s.isEmpty() ? -1 : s.charAt(0);
    }

    private static void cleanupSemanticLossless(List<T> diffs) {
        int pointer = 1;
        while (pointer < diffs.size() - 1) {
            if (diffs.get(pointer - 1).op == EQ && diffs.get(pointer + 1).op == EQ) {
                String equality1 = diffs.get(pointer - 1).text;
                String edit = diffs.get(pointer).text;
                String equality2 = diffs.get(pointer + 1).text;
                int offset = commonSuffix(equality1, edit);
                if (offset > 0) {
                    String common = edit.substring(edit.length() - offset);
                    equality1 = equality1.substring(0, equality1.length() - offset);
                    edit = common + edit.substring(0, edit.length() - offset);
                    equality2 = common + equality2;
                }
                String bestEquality1 = equality1;
                String bestEdit = edit;
                String bestEquality2 = equality2;
                int bestScore = semanticScore(equality1, edit) + semanticScore(edit, equality2);
                while (!edit.isEmpty() && first(edit) == first(equality2)) {
                    equality1 += edit.charAt(0);
                    edit = edit.substring(1) + equality2.charAt(0);
                    equality2 = equality2.substring(1);
                    int score = semanticScore(equality1, edit) + semanticScore(edit, equality2);
                    if (score >= bestScore) {
                        bestScore = score;
                        bestEquality1 = equality1;
                        bestEdit = edit;
                        bestEquality2 = equality2;
                    }
                }
                if (!diffs.get(pointer - 1).text.equals(bestEquality1)) {
                    if (!bestEquality1.isEmpty()) {
                        diffs.get(pointer - 1).text = bestEquality1;
                    } else {
                        diffs.remove(pointer - 1);
                        pointer--;
                    }
                    diffs.get(pointer).text = bestEdit;
                    if (!bestEquality2.isEmpty()) {
                        diffs.get(pointer + 1).text = bestEquality2;
                    } else {
                        diffs.remove(pointer + 1);
                        pointer--;
                    }
                }
            }
            pointer++;
        }
    }

    private static void cleanupMerge(List<T> diffs, boolean fixUnicode) {
        diffs.add(new T(EQ, ""));
        int pointer = 0;
        int countDelete = 0;
        int countInsert = 0;
        String textDelete = "";
        String textInsert = "";
        while (pointer < diffs.size()) {
            if (pointer < diffs.size() - 1 && diffs.get(pointer).text.isEmpty()) {
                diffs.remove(pointer);
                continue;
            }
            T cur = diffs.get(pointer);
            if (cur.op == INS) {
                countInsert++;
                textInsert += cur.text;
                pointer++;
                continue;
            }
            if (cur.op == DEL) {
                countDelete++;
                textDelete += cur.text;
                pointer++;
                continue;
            }
            int previousEquality = pointer - countInsert - countDelete - 1;
            if (fixUnicode) {
                if (previousEquality >= 0 && endsWithPairStart(diffs.get(previousEquality).text)) {
                    T prev = diffs.get(previousEquality);
                    String stray = prev.text.substring(prev.text.length() - 1);
                    prev.text = prev.text.substring(0, prev.text.length() - 1);
                    textDelete = stray + textDelete;
                    textInsert = stray + textInsert;
                    if (prev.text.isEmpty()) {
                        diffs.remove(previousEquality);
                        pointer--;
                        int k = previousEquality - 1;
                        if (k >= 0 && diffs.get(k).op == INS) {
                            countInsert++;
                            textInsert = diffs.get(k).text + textInsert;
                            k--;
                        }
                        if (k >= 0 && diffs.get(k).op == DEL) {
                            countDelete++;
                            textDelete = diffs.get(k).text + textDelete;
                            k--;
                        }
                        previousEquality = k;
                    }
                }
                T here = diffs.get(pointer);
                if (lowSurrogate(here.text, 0)) {
                    String stray = here.text.substring(0, 1);
                    here.text = here.text.substring(1);
                    textDelete += stray;
                    textInsert += stray;
                }
            }
            if (pointer < diffs.size() - 1 && diffs.get(pointer).text.isEmpty()) {
                diffs.remove(pointer);
                continue;
            }
            if (!textDelete.isEmpty() || !textInsert.isEmpty()) {
                if (!textDelete.isEmpty() && !textInsert.isEmpty()) {
                    int common = commonPrefix(textInsert, textDelete);
                    if (common != 0) {
                        if (previousEquality >= 0) {
                            diffs.get(previousEquality).text += textInsert.substring(0, common);
                        } else {
                            diffs.add(0, new T(EQ, textInsert.substring(0, common)));
                            pointer++;
                        }
                        textInsert = textInsert.substring(common);
                        textDelete = textDelete.substring(common);
                    }
                    common = commonSuffix(textInsert, textDelete);
                    if (common != 0) {
                        diffs.get(pointer).text = textInsert.substring(textInsert.length() - common)
                                + diffs.get(pointer).text;
                        textInsert = textInsert.substring(0, textInsert.length() - common);
                        textDelete = textDelete.substring(0, textDelete.length() - common);
                    }
                }
                int n = countInsert + countDelete;
                for (int r = 0; r < n; r++) {
                    diffs.remove(pointer - n);
                }
                pointer -= n;
                if (!textDelete.isEmpty()) {
                    diffs.add(pointer++, new T(DEL, textDelete));
                }
                if (!textInsert.isEmpty()) {
                    diffs.add(pointer++, new T(INS, textInsert));
                }
            }
            if (pointer != 0 && diffs.get(pointer - 1).op == EQ) {
                diffs.get(pointer - 1).text += diffs.get(pointer).text;
                diffs.remove(pointer);
            } else {
                pointer++;
            }
            countInsert = 0;
            countDelete = 0;
            textDelete = "";
            textInsert = "";
        }
        if (diffs.get(diffs.size() - 1).text.isEmpty()) {
            diffs.remove(diffs.size() - 1);
        }

        boolean changes = false;
        pointer = 1;
        while (pointer < diffs.size() - 1) {
            T prev = diffs.get(pointer - 1);
            T cur = diffs.get(pointer);
            T next = diffs.get(pointer + 1);
            if (prev.op == EQ && next.op == EQ) {
                if (cur.text.substring(Math.max(0, cur.text.length() - prev.text.length())).equals(prev.text)) {
                    cur.text = prev.text + cur.text.substring(0, cur.text.length() - prev.text.length());
                    next.text = prev.text + next.text;
                    diffs.remove(pointer - 1);
                    changes = true;
                } else if (cur.text.substring(0, Math.min(cur.text.length(), next.text.length())).equals(next.text)) {
                    prev.text += next.text;
                    cur.text = cur.text.substring(next.text.length()) + next.text;
                    diffs.remove(pointer + 1);
                    changes = true;
                }
            }
            pointer++;
        }
        if (changes) {
            cleanupMerge(diffs, fixUnicode);
        }
    }

    private static boolean endsWithPairStart(String s) {
        return highSurrogate(s, s.length() - 1);
    }

    private static List<T> editSplice(String before, String oldMiddle, String newMiddle, String after) {
        if (endsWithPairStart(before) || lowSurrogate(after, 0)) {
            return null;
        }
        List<T> out = new ArrayList<>();
        for (T t : List.of(new T(EQ, before), new T(DEL, oldMiddle), new T(INS, newMiddle), new T(EQ, after))) {
            if (!t.text.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    /** fast-diff's {@code find_cursor_edit_diff} for a numeric cursor (an empty old and new selection). */
    private static List<T> cursorEdit(String oldText, String newText, int oldCursor) {
        int oldLength = oldText.length();
        int newLength = newText.length();
        String oldBefore = jsSlice(oldText, 0, oldCursor);
        String oldAfter = jsSlice(oldText, oldCursor, oldLength);
        int newCursor = oldCursor + newLength - oldLength;
        if (newCursor >= 0 && newCursor <= newLength) {
            String newBefore = newText.substring(0, newCursor);
            String newAfter = newText.substring(newCursor);
            if (newAfter.equals(oldAfter)) {
                int prefixLength = Math.min(oldCursor, newCursor);
                String oldPrefix = jsSlice(oldBefore, 0, prefixLength);
                String newPrefix = jsSlice(newBefore, 0, prefixLength);
                if (oldPrefix.equals(newPrefix)) {
                    return editSplice(oldPrefix, jsSlice(oldBefore, prefixLength, oldBefore.length()),
                            jsSlice(newBefore, prefixLength, newBefore.length()), oldAfter);
                }
            }
        }
        String newBefore = jsSlice(newText, 0, oldCursor);
        String newAfter = jsSlice(newText, oldCursor, newLength);
        if (newBefore.equals(oldBefore)) {
            int suffixLength = Math.min(oldLength - oldCursor, newLength - oldCursor);
            String oldSuffix = jsSliceFrom(oldAfter, oldAfter.length() - suffixLength);
            String newSuffix = jsSliceFrom(newAfter, newAfter.length() - suffixLength);
            if (oldSuffix.equals(newSuffix)) {
                return editSplice(oldBefore, jsSlice(oldAfter, 0, oldAfter.length() - suffixLength),
                        jsSlice(newAfter, 0, newAfter.length() - suffixLength), oldSuffix);
            }
        }
        return null;
    }

    /** JavaScript's {@code s.slice(from, to)} (negative indices count from the end, out of range clamps). */
    private static String jsSlice(String s, int from, int to) {
        int n = s.length();
        int f = from < 0 ? Math.max(0, n + from) : Math.min(from, n);
        int t = to < 0 ? Math.max(0, n + to) : Math.min(to, n);
        return f < t ? s.substring(f, t) : "";
    }

    private static String jsSliceFrom(String s, int from) {
        return jsSlice(s, from, s.length());
    }
}
