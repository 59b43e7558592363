package cn.tongbei.lessons.coedit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The fast-diff port outside the golden vectors")
class TextDiffTest {
    @Test
    @DisplayName("a lone surrogate that makes the reference overflow its stack is refused with a DeltaException")
    void lone_surrogate() {
        Delta a = new Delta().insert("\ud842\u91cd\u96be\u70b9\ud83d");
        Delta b = new Delta().insert("\ude00 \ude00\u5b66  \ud83d\udc4d\ud83c\udffd\u91cd\u96be\u70b9\ud83d\ude00"
                + "\u6559 \u5b66\ud842\udfb7\ud83d\ude00\ud83d");
        assertThrows(DeltaException.class, () -> a.diff(b));
    }

    @Test
    @DisplayName("two large wholly different texts still give a correct diff within the work budget")
    void large_and_different() {
        StringBuilder x = new StringBuilder();
        StringBuilder y = new StringBuilder();
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < 60_000; i++) {
            x.append((char) ('a' + r.nextInt(26)));
            y.append((char) ('\u4e00' + r.nextInt(2000)));
        }
        x.append('\n');
        y.append('\n');
        Delta a = new Delta().insert(x.toString());
        Delta b = new Delta().insert(y.toString());
        assertEquals(b, a.compose(a.diff(b)));
    }
}
