package cn.tongbei.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.tongbei.lessons.coedit.DeltaJson;
import io.vertx.core.json.JsonArray;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The version diff shown in the history panel. */
class VersionDiffTest {
    static String show(JsonArray segments) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            var s = segments.getJsonObject(i);
            String text = s.getString("text");
            sb.append(switch (s.getString("kind")) {
                case "ins" -> "{+" + text + "}";
                case "del" -> "{-" + text + "}";
                default -> text;
            });
        }
        return sb.toString();
    }

    @Test
    @DisplayName("inserted and deleted text is marked, unchanged text kept, as quill-delta's diff groups it")
    void marks_changes() {
        var a = DeltaJson.parse("[{\"insert\":\"理解方程的意义\\n\"}]");
        var b = DeltaJson.parse("[{\"insert\":\"理解一元一次方程\\n\"}]");
        // quill-delta's semantic cleanup folds the short common 方程 into one replacement
        assertEquals("理解{+一元一次方程}{-方程的意义}\n", show(VersionDiff.segments(a, b)));
    }

    @Test
    @DisplayName("formulas show as their LaTeX, a changed formula is one deletion and one insertion, format changes count as unchanged")
    void formulas_and_formats() {
        var a = DeltaJson.parse("[{\"insert\":\"公式\"},{\"insert\":{\"formula\":\"x^2\"}},{\"insert\":\"完\\n\"}]");
        var b = DeltaJson
                .parse("[{\"insert\":\"公式\",\"attributes\":{\"bold\":true}},{\"insert\":{\"formula\":\"x^3\"}},"
                        + "{\"insert\":\"完\\n\"}]");
        assertEquals("公式{+$x^3$}{-$x^2$}完\n", show(VersionDiff.segments(a, b)));
        assertEquals("公式$x^2$完\n", show(VersionDiff.segments(a, a)));
    }

    @Test
    @DisplayName("emoji (surrogate pairs) are never split")
    void emoji() {
        var a = DeltaJson.parse("[{\"insert\":\"好😀\\n\"}]");
        var b = DeltaJson.parse("[{\"insert\":\"好😀😀\\n\"}]");
        assertEquals("好😀{+😀}\n", show(VersionDiff.segments(a, b)));
    }
}
