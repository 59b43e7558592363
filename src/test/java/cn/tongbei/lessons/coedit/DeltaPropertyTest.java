package cn.tongbei.lessons.coedit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Algebraic laws of the Delta port, on seeded random documents and changes (Chinese, emoji, attributes). */
@DisplayName("Delta laws hold on random documents and changes")
class DeltaPropertyTest {
    private static final int RUNS = 3000;

    /** Random documents and changes over them. */
    static final class Gen {
        private static final String[] TEXT = {"教", "学", "目标", "😀", "👍🏽", "𠮷", "a", " ", "\n", "重难点"};
        private static final List<Map<String, Object>> ATTRS = List.of(Map.of("bold", true), Map.of("italic", true),
                Map.of("color", "#e60000"), Map.of("header", 1L), Map.of("list", "bullet"));
        private final Random random;

        Gen(long seed) {
            random = new Random(seed);
        }

        Map<String, Object> attrs(boolean allowNull) {
            if (random.nextInt(3) != 0) {
                return null;
            }
            Map<String, Object> a = new java.util.LinkedHashMap<>(ATTRS.get(random.nextInt(ATTRS.size())));
            if (allowNull && random.nextInt(3) == 0) {
                a.put(a.keySet().iterator().next(), null);
            }
            return a;
        }

        String text() {
            StringBuilder sb = new StringBuilder();
            for (int i = random.nextInt(4); i >= 0; i--) {
                sb.append(TEXT[random.nextInt(TEXT.length)]);
            }
            return sb.toString();
        }

        Delta doc() {
            Delta d = new Delta();
            for (int i = random.nextInt(6); i >= 0; i--) {
                if (random.nextInt(8) == 0) {
                    d.insert(Map.of("image", "p" + random.nextInt(3) + ".png"), attrs(false));
                } else {
                    d.insert(text(), attrs(false));
                }
            }
            return d;
        }

        Delta change(Delta doc) {
            int length = doc.length();
            Delta d = new Delta();
            int left = length;
            while (left > 0) {
                int r = random.nextInt(10);
                if (r < 3) {
                    d.insert(text(), attrs(true));
                } else if (r < 5) {
                    int n = 1 + random.nextInt(Math.min(left, 4));
                    d.delete(n);
                    left -= n;
                } else {
                    int n = 1 + random.nextInt(Math.min(left, 6));
                    d.retain(n, attrs(true));
                    left -= n;
                }
            }
            if (random.nextInt(4) == 0) {
                d.insert(text(), attrs(true));
            }
            return d.chop();
        }
    }

    @Test
    @DisplayName("TP1: both orders of two concurrent changes give the same document")
    void convergence() {
        Gen g = new Gen(1);
        for (int i = 0; i < RUNS; i++) {
            Delta s = g.doc();
            Delta a = g.change(s);
            Delta b = g.change(s);
            Delta left = s.compose(a).compose(a.transform(b, true));
            Delta right = s.compose(b).compose(b.transform(a, false));
            assertEquals(left, right, () -> "S=" + s + " a=" + a + " b=" + b);
        }
    }

    @Test
    @DisplayName("compose is associative and apply(S, a∘b) = apply(apply(S, a), b)")
    void composition() {
        Gen g = new Gen(2);
        for (int i = 0; i < RUNS; i++) {
            Delta s = g.doc();
            Delta a = g.change(s);
            Delta sa = s.compose(a);
            Delta b = g.change(sa);
            Delta sab = sa.compose(b);
            Delta c = g.change(sab);
            assertEquals(sab, s.compose(a.compose(b)), () -> "S=" + s + " a=" + a + " b=" + b);
            assertEquals(a.compose(b).compose(c), a.compose(b.compose(c)),
                    () -> "a=" + a + " b=" + b + " c=" + c);
        }
    }

    @Test
    @DisplayName("invert undoes a change")
    void invertUndoes() {
        Gen g = new Gen(3);
        for (int i = 0; i < RUNS; i++) {
            Delta s = g.doc();
            Delta a = g.change(s);
            Delta undone = s.compose(a).compose(a.invert(s));
            assertEquals(DeltaGoldenTest.withoutNulls(s), DeltaGoldenTest.withoutNulls(undone),
                    () -> "S=" + s + " a=" + a);
        }
    }

    @Test
    @DisplayName("outputs are canonical: nothing left to merge, no trailing plain retain")
    void canonical() {
        Gen g = new Gen(4);
        for (int i = 0; i < RUNS; i++) {
            Delta s = g.doc();
            Delta a = g.change(s);
            Delta b = g.change(s);
            for (Delta out : List.of(s.compose(a), a.compose(g.change(s.compose(a))), a.transform(b, true),
                    a.transform(b, false), a.invert(s),
                    Texts.wellFormed(s.compose(a)) ? s.diff(s.compose(a)) : new Delta())) {
                assertTrue(isCanonical(out), () -> "not canonical: " + out);
            }
        }
    }

    @Test
    @DisplayName("transformPosition moves a cursor consistently with the text around it")
    void positions() {
        Gen g = new Gen(5);
        for (int i = 0; i < RUNS; i++) {
            Delta s = g.doc();
            Delta a = g.change(s);
            int index = s.length() == 0 ? 0 : new Random(i).nextInt(s.length() + 1);
            int moved = a.transformPosition(index, false);
            assertTrue(moved >= 0 && moved <= s.compose(a).length(), "cursor stays inside the document");
        }
    }

    @Test
    @DisplayName("lengths are UTF-16 code units, as in JavaScript")
    void lengths() {
        assertEquals(2, new Delta().insert("😀").length());
        assertEquals(5, new Delta().insert("教学").insert(Map.of("image", "a.png"), null).insert("𠮷").length());
    }

    static boolean isCanonical(Delta d) {
        List<Op> ops = d.ops();
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            if (i == ops.size() - 1 && op.isCountRetain() && op.attributes() == null) {
                return false;
            }
            if (i > 0) {
                Op prev = ops.get(i - 1);
                boolean sameAttrs = java.util.Objects.equals(prev.attributes(), op.attributes());
                if (prev.isDelete() && op.isDelete() || prev.isDelete() && op.isInsert()
                        || sameAttrs && prev.isTextInsert() && op.isTextInsert()
                        || sameAttrs && prev.isCountRetain() && op.isCountRetain()) {
                    return false;
                }
            }
        }
        return true;
    }
}
