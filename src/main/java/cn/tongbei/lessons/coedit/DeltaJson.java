package cn.tongbei.lessons.coedit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes deltas in quill-delta's JSON shape ({@code [{"insert": "…", "attributes": {…}}, …]}) from
 * and to plain Java values (lists, maps, strings, numbers, booleans, null), validating untrusted input: every
 * operation must have exactly one of insert/retain/delete, positive integer lengths, object attributes and
 * single-key embed objects. The operations are taken as given (not re-canonicalized), like {@code new Delta(ops)}.
 */
public final class DeltaJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DeltaJson() {}

    /** Parses the {@code ops} array of a delta. */
    public static Delta read(Object opsValue) {
        if (!(opsValue instanceof List<?> list)) {
            throw new DeltaException("ops must be an array");
        }
        List<Op> ops = new ArrayList<>(list.size());
        for (Object item : list) {
            ops.add(readOp(item));
        }
        return new Delta(ops);
    }

    /** Parses a JSON text holding an ops array. */
    public static Delta parse(String json) {
        try {
            return read(MAPPER.readValue(json, Object.class));
        } catch (JsonProcessingException e) {
            throw new DeltaException("not JSON");
        }
    }

    private static Op readOp(Object item) {
        if (!(item instanceof Map<?, ?> raw)) {
            throw new DeltaException("each op must be an object");
        }
        int kinds = (raw.containsKey("insert") ? 1 : 0) + (raw.containsKey("retain") ? 1 : 0)
                + (raw.containsKey("delete") ? 1 : 0);
        if (kinds != 1) {
            throw new DeltaException("each op needs exactly one of insert, retain, delete");
        }
        for (Object key : raw.keySet()) {
            if (!List.of("insert", "retain", "delete", "attributes").contains(key)) {
                throw new DeltaException("unknown op field: " + key);
            }
        }
        Map<String, Object> attrs = attributes(raw.get("attributes"));
        if (raw.containsKey("delete")) {
            if (attrs != null) {
                throw new DeltaException("delete takes no attributes");
            }
            return Op.delete(positive(raw.get("delete"), "delete"));
        }
        if (raw.containsKey("retain")) {
            Object r = raw.get("retain");
            if (r instanceof Map<?, ?> m) {
                return Op.retainEmbed(embed(m), attrs);
            }
            return Op.retain(positive(r, "retain"), attrs);
        }
        Object ins = raw.get("insert");
        if (ins instanceof String s) {
            if (s.isEmpty()) {
                throw new DeltaException("insert must not be empty");
            }
            return Op.insert(s, attrs);
        }
        if (ins instanceof Map<?, ?> m) {
            return Op.insertEmbed(embed(m), attrs);
        }
        throw new DeltaException("insert must be a string or an object");
    }

    private static int positive(Object v, String what) {
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.doubleValue() >= 1
                && n.doubleValue() <= Integer.MAX_VALUE - 1) {
            return n.intValue();
        }
        throw new DeltaException(what + " must be a positive integer");
    }

    private static Map<String, Object> attributes(Object v) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new DeltaException("attributes must be an object");
        }
        Map<String, Object> out = normalizeMap(m);
        return out.isEmpty() ? null : out;
    }

    private static Map<String, Object> embed(Map<?, ?> m) {
        if (m.size() != 1) {
            throw new DeltaException("an embed must have exactly one key");
        }
        return java.util.Collections.unmodifiableMap(normalizeMap(m));
    }

    private static Map<String, Object> normalizeMap(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, val) -> out.put(String.valueOf(k), normalize(val)));
        return out;
    }

    /** Makes JSON values comparable: integral numbers as Long, others as Double, containers copied. */
    static Object normalize(Object v) {
        if (v instanceof Map<?, ?> m) {
            return normalizeMap(m);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(normalize(x)));
            return out;
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 9.0e15) {
                return n.longValue();
            }
            return d;
        }
        if (v == null || v instanceof String || v instanceof Boolean) {
            return v;
        }
        throw new DeltaException("unsupported JSON value");
    }

    /** The ops array as plain Java values. */
    private static List<Object> plain(Delta delta) {
        List<Object> out = new ArrayList<>();
        for (Op op : delta.ops()) {
            Map<String, Object> m = new LinkedHashMap<>();
            switch (op.kind()) {
                case INSERT -> m.put("insert", op.text() != null ? op.text() : op.embed());
                case RETAIN -> m.put("retain", op.embed() != null ? op.embed() : (Object) op.count());
                case DELETE -> m.put("delete", op.count());
            }
            if (op.attributes() != null) {
                m.put("attributes", op.attributes());
            }
            out.add(m);
        }
        return out;
    }

    /** The ops array as plain Java values. */
    public static List<Object> toJava(Delta delta) {
        return plain(delta);
    }

    /** The ops array as JSON text. */
    public static String write(Delta delta) {
        try {
            return MAPPER.writeValueAsString(toJava(delta));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
