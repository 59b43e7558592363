package cn.tongbei.lessons.coedit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts Vert.x JSON values to the plain Java values {@link DeltaJson} reads, and deltas back. */
public final class PlainJson {
    private PlainJson() {}

    /** A Vert.x JSON value as plain maps, lists and scalars. */
    public static Object plain(Object v) {
        if (v instanceof JsonObject o) {
            return plain(o.getMap());
        }
        if (v instanceof JsonArray a) {
            return plain(a.getList());
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(plain(x)));
            return out;
        }
        return v;
    }

    /** Reads a delta given as {@code {"ops": [...]}} or as the bare ops array. */
    public static Delta delta(Object v) {
        Object p = plain(v);
        if (p instanceof Map<?, ?> m) {
            p = m.get("ops");
        }
        return DeltaJson.read(p);
    }

    /** A delta as {@code {"ops": [...]}}. */
    public static JsonObject json(Delta d) {
        return new JsonObject().put("ops", new JsonArray(DeltaJson.toJava(d)));
    }

    /** The ops array of a delta. */
    public static JsonArray ops(Delta d) {
        return new JsonArray(DeltaJson.toJava(d));
    }
}
