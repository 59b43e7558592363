package cn.tongbei.lessons.coedit;

import java.util.ArrayList;
import java.util.List;

/**
 * A minimal character diff (common prefix and suffix, then Myers' O(ND) algorithm on code points, so
 * surrogate pairs are never split), producing equal/insert/delete runs measured in UTF-16 code units. It is
 * correct but not an exact port of fast-diff: {@link Delta#diff} may choose different (equally valid) edits
 * than quill-delta where several minimal edits exist. Very large middles fall back to replace-all.
 */
final class TextDiff {
    private static final long MAX_WORK = 4_000_000L;

    /** An edit run. */
    record Edit(Kind kind, int length) {}

    /** Edit kinds. */
    enum Kind {
        EQUAL, INSERT, DELETE
    }

    private TextDiff() {}

    static List<Edit> diff(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        int pre = 0;
        while (pre < x.length && pre < y.length && x[pre] == y[pre]) {
            pre++;
        }
        int suf = 0;
        while (suf < x.length - pre && suf < y.length - pre && x[x.length - 1 - suf] == y[y.length - 1 - suf]) {
            suf++;
        }
        List<Edit> out = new ArrayList<>();
        add(out, Kind.EQUAL, units(x, 0, pre));
        middle(out, x, pre, x.length - suf, y, pre, y.length - suf);
        add(out, Kind.EQUAL, units(x, x.length - suf, x.length));
        return out;
    }

    private static void middle(List<Edit> out, int[] x, int x0, int x1, int[] y, int y0, int y1) {
        int n = x1 - x0;
        int m = y1 - y0;
        if ((long) (n + m) * (n + m) > MAX_WORK) {
            add(out, Kind.DELETE, units(x, x0, x1));
            add(out, Kind.INSERT, units(y, y0, y1));
            return;
        }
        int max = n + m;
        int[] v = new int[2 * max + 2];
        List<int[]> trace = new ArrayList<>();
        int found = -1;
        for (int d = 0; d <= max && found < 0; d++) {
            trace.add(v.clone());
            for (int k = -d; k <= d; k += 2) {
                int i;
                if (k == -d || (k != d && v[max + k - 1] < v[max + k + 1])) {
                    i = v[max + k + 1];
                } else {
                    i = v[max + k - 1] + 1;
                }
                int j = i - k;
                while (i < n && j < m && x[x0 + i] == y[y0 + j]) {
                    i++;
                    j++;
                }
                v[max + k] = i;
                if (i >= n && j >= m) {
                    found = d;
                    break;
                }
            }
        }
        List<Edit> rev = new ArrayList<>();
        int i = n;
        int j = m;
        for (int d = found; d > 0; d--) {
            int[] pv = trace.get(d);
            int k = i - j;
            int prevK = (k == -d || (k != d && pv[max + k - 1] < pv[max + k + 1])) ? k + 1 : k - 1;
            int prevI = pv[max + prevK];
            int prevJ = prevI - prevK;
            while (i > prevI && j > prevJ) {
                rev.add(new Edit(Kind.EQUAL, Character.charCount(x[x0 + i - 1])));
                i--;
                j--;
            }
            if (i == prevI) {
                rev.add(new Edit(Kind.INSERT, Character.charCount(y[y0 + j - 1])));
            } else {
                rev.add(new Edit(Kind.DELETE, Character.charCount(x[x0 + i - 1])));
            }
            i = prevI;
            j = prevJ;
        }
        while (i > 0 && j > 0) {
            rev.add(new Edit(Kind.EQUAL, Character.charCount(x[x0 + i - 1])));
            i--;
            j--;
        }
        for (int r = rev.size() - 1; r >= 0; r--) {
            add(out, rev.get(r).kind(), rev.get(r).length());
        }
    }

    private static int units(int[] cps, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n += Character.charCount(cps[i]);
        }
        return n;
    }

    private static void add(List<Edit> out, Kind kind, int length) {
        if (length <= 0) {
            return;
        }
        if (!out.isEmpty() && out.get(out.size() - 1).kind() == kind) {
            out.set(out.size() - 1, new Edit(kind, out.get(out.size() - 1).length() + length));
        } else {
            out.add(new Edit(kind, length));
        }
    }
}
