package cn.tongbei.lessons.coedit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * quill-delta's {@code AttributeMap}: compose, diff, invert and transform of attribute maps. A key that is
 * present with a {@code null} value means "remove"; an absent key means "unchanged". Values are JSON values
 * (strings, booleans, numbers as {@link Long} or {@link Double}, maps, lists, null).
 */
public final class Attributes {
    private Attributes() {}

    static Map<String, Object> orNull(Map<String, Object> attrs) {
        return attrs == null || attrs.isEmpty() ? null : Collections.unmodifiableMap(attrs);
    }

    /** Composes {@code a} then {@code b}; with {@code keepNull} false, removals are dropped (for inserts). */
    public static Map<String, Object> compose(Map<String, Object> a, Map<String, Object> b, boolean keepNull) {
        Map<String, Object> left = a == null ? Map.of() : a;
        Map<String, Object> right = b == null ? Map.of() : b;
        Map<String, Object> out = new LinkedHashMap<>();
        for (var e : right.entrySet()) {
            if (keepNull || e.getValue() != null) {
                out.put(e.getKey(), e.getValue());
            }
        }
        for (var e : left.entrySet()) {
            if (!right.containsKey(e.getKey())) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out.isEmpty() ? null : out;
    }

    /** The attribute change that turns {@code a} into {@code b}. */
    public static Map<String, Object> diff(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> left = a == null ? Map.of() : a;
        Map<String, Object> right = b == null ? Map.of() : b;
        List<String> keys = new ArrayList<>(left.keySet());
        keys.addAll(right.keySet());
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : keys) {
            if (!deepEquals(left.get(key), right.get(key), left.containsKey(key), right.containsKey(key))) {
                out.put(key, right.get(key));
            }
        }
        return out.isEmpty() ? null : out;
    }

    /** The attribute change that undoes {@code attr} applied over {@code base}. */
    public static Map<String, Object> invert(Map<String, Object> attr, Map<String, Object> base) {
        Map<String, Object> change = attr == null ? Map.of() : attr;
        Map<String, Object> before = base == null ? Map.of() : base;
        Map<String, Object> out = new LinkedHashMap<>();
        for (var e : before.entrySet()) {
            if (change.containsKey(e.getKey()) && !strictEquals(e.getValue(), change.get(e.getKey()))) {
                out.put(e.getKey(), e.getValue());
            }
        }
        for (var e : change.entrySet()) {
            if (!before.containsKey(e.getKey())) {
                out.put(e.getKey(), null);
            }
        }
        return out;
    }

    /** {@code b} transformed against concurrent {@code a}; with priority, {@code a}'s keys win. */
    public static Map<String, Object> transform(Map<String, Object> a, Map<String, Object> b, boolean priority) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return null;
        }
        if (!priority) {
            return b;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (var e : b.entrySet()) {
            if (!a.containsKey(e.getKey())) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out.isEmpty() ? null : out;
    }

    /** lodash {@code isEqual} on JSON values, with "absent" distinct from null. */
    static boolean deepEquals(Object x, Object y, boolean xPresent, boolean yPresent) {
        if (xPresent != yPresent) {
            return false;
        }
        return Objects.equals(x, y);
    }

    /** JavaScript {@code ===}: containers are never identical across deltas. */
    private static boolean strictEquals(Object x, Object y) {
        if (x instanceof Map || x instanceof List || y instanceof Map || y instanceof List) {
            return false;
        }
        return Objects.equals(x, y);
    }
}
