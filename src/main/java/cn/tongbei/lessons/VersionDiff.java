package cn.tongbei.lessons;

import cn.tongbei.lessons.coedit.Delta;
import cn.tongbei.lessons.coedit.Op;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * The difference between two versions of a plan as display segments ({@code same}, {@code ins}, {@code del}),
 * computed on the server's canonical documents with {@link Delta#diff}. Embeds are shown as text: a formula as
 * {@code $latex$}, an image as {@code [图片]}. Format-only changes count as unchanged text.
 */
final class VersionDiff {
    private VersionDiff() {}

    static String label(Map<String, Object> embed) {
        return embed.containsKey("formula") ? "$" + embed.get("formula") + "$" : "[图片]";
    }

    /** Segments turning {@code from} into {@code to}; adjacent segments of one kind are merged. */
    static JsonArray segments(Delta from, Delta to) {
        StringBuilder base = new StringBuilder();
        Map<Integer, String> embeds = new HashMap<>();
        for (Op op : from.ops()) {
            if (op.text() != null) {
                base.append(op.text());
            } else {
                embeds.put(base.length(), label(op.embed()));
                base.append('\uFFFC');
            }
        }
        JsonArray out = new JsonArray();
        int i = 0;
        for (Op op : from.diff(to).ops()) {
            if (op.isInsert()) {
                add(out, "ins", op.text() != null ? op.text() : label(op.embed()));
            } else {
                int n = op.length();
                add(out, op.isDelete() ? "del" : "same", slice(base, embeds, i, i + n));
                i += n;
            }
        }
        if (i < base.length()) {
            add(out, "same", slice(base, embeds, i, base.length()));
        }
        return out;
    }

    private static String slice(StringBuilder base, Map<Integer, String> embeds, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int k = from; k < to; k++) {
            String e = embeds.get(k);
            if (e != null) {
                sb.append(e);
            } else {
                sb.append(base.charAt(k));
            }
        }
        return sb.toString();
    }

    private static void add(JsonArray out, String kind, String text) {
        if (text.isEmpty()) {
            return;
        }
        if (!out.isEmpty()) {
            JsonObject last = out.getJsonObject(out.size() - 1);
            if (kind.equals(last.getString("kind"))) {
                last.put("text", last.getString("text") + text);
                return;
            }
        }
        out.add(new JsonObject().put("kind", kind).put("text", text));
    }
}
