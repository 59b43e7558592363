package cn.tongbei.platform.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads and validates a JSON request body field by field, collecting every problem, then {@link #validate()}
 * throws one {@code validation_failed} error listing them all. Strings are trimmed; control characters are
 * refused.
 */
public final class Fields {
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]|[\\u2028\\u2029]");

    private final JsonObject body;
    private final String prefix;
    private final List<ApiException.FieldError> errors;

    private Fields(JsonObject body) {
        this(body, "", new ArrayList<>());
    }

    private Fields(JsonObject body, String prefix, List<ApiException.FieldError> errors) {
        this.body = body;
        this.prefix = prefix;
        this.errors = errors;
    }

    /**
     * The fields of a nested object, reporting into this one's problems as {@code name.field}; null (with
     * a problem recorded) when the object is missing or not an object.
     */
    public Fields object(String name) {
        JsonObject nested = requiredObject(name);
        return nested == null ? null : new Fields(nested, prefix + name + ".", errors);
    }

    /** The request body as a JSON object, or a 400 {@code invalid_json}. */
    public static Fields of(RoutingContext ctx) {
        String text = ctx.body() == null ? null : ctx.body().asString("UTF-8");
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("invalid_json");
        }
        try {
            Object parsed = io.vertx.core.json.Json.decodeValue(text);
            if (parsed instanceof JsonObject object) {
                return new Fields(object);
            }
        } catch (DecodeException e) {
            throw ApiException.badRequest("invalid_json");
        }
        throw ApiException.badRequest("json_object_expected");
    }

    public static Fields of(JsonObject body) {
        return new Fields(body);
    }

    /** Refuses fields this request does not know, so a typo is not silently ignored. */
    public Fields allowOnly(String... names) {
        java.util.Set<String> allowed = java.util.Set.of(names);
        for (String name : body.fieldNames()) {
            if (!allowed.contains(name)) {
                fail(name.length() > 64 ? name.substring(0, 64) : name, "unknown_field");
            }
        }
        return this;
    }

    /** The raw JSON value of a field, for checks this class does not offer. */
    public Object raw(String name) {
        return body.getValue(name);
    }

    public boolean has(String name) {
        return body.containsKey(name) && body.getValue(name) != null;
    }

    public String requiredString(String name, int min, int max) {
        String value = string(name, min, max);
        if (value == null && !hasError(name)) {
            errors.add(new ApiException.FieldError(prefix + name, "required", List.of()));
        }
        return value;
    }

    /** A secret (password) taken exactly as sent: not trimmed, length checked in characters. */
    public String requiredSecret(String name, int min, int max) {
        if (!has(name)) {
            return fail(name, "required");
        }
        if (!(body.getValue(name) instanceof String value)) {
            return fail(name, "must_be_string");
        }
        if (value.isEmpty()) {
            return fail(name, "required");
        }
        if (value.length() < min || value.length() > max) {
            return fail(name, "password_length");
        }
        return value;
    }

    /** A string or null when absent; present values are checked like required ones. */
    public String optionalString(String name, int max) {
        return string(name, 0, max);
    }

    public String requiredMatching(String name, int min, int max, Pattern pattern) {
        String value = requiredString(name, min, max);
        if (value != null && !pattern.matcher(value).matches()) {
            return fail(name, "invalid_format");
        }
        return value;
    }

    public <E extends Enum<E>> E requiredEnum(String name, Class<E> type) {
        E value = optionalEnum(name, type);
        if (value == null && !hasError(name)) {
            errors.add(new ApiException.FieldError(prefix + name, "required", List.of()));
        }
        return value;
    }

    public <E extends Enum<E>> E optionalEnum(String name, Class<E> type) {
        if (!has(name)) {
            return null;
        }
        Object raw = body.getValue(name);
        String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        if (raw instanceof String s) {
            try {
                return Enum.valueOf(type, s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // falls through to the error below
            }
        }
        errors.add(new ApiException.FieldError(prefix + name, "one_of", List.of(allowed)));
        return null;
    }

    public Boolean optionalBoolean(String name) {
        if (!has(name)) {
            return null;
        }
        if (body.getValue(name) instanceof Boolean b) {
            return b;
        }
        return fail(name, "must_be_boolean");
    }

    /** A list of distinct non-blank strings, or null when absent. */
    public List<String> optionalStrings(String name, int maxItems, int maxLength) {
        if (!has(name)) {
            return null;
        }
        if (!(body.getValue(name) instanceof JsonArray array)) {
            return fail(name, "must_be_array");
        }
        if (array.size() > maxItems) {
            return fail(name, "too_many", maxItems);
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (Object item : array) {
            if (!(item instanceof String s) || s.isBlank() || CONTROL.matcher(s).find()) {
                return fail(name, "invalid_format");
            }
            if (s.trim().length() > maxLength) {
                return fail(name, "too_long", maxLength);
            }
            out.add(s.trim());
        }
        return List.copyOf(out);
    }

    public JsonObject requiredObject(String name) {
        if (body.getValue(name) instanceof JsonObject object) {
            return object;
        }
        return fail(name, has(name) ? "must_be_object" : "required");
    }

    /** Records a problem found by the caller's own rule. */
    public <T> T fail(String name, String code, Object... args) {
        if (!hasError(name)) {
            errors.add(new ApiException.FieldError(prefix + name, code, List.of(args)));
        }
        return null;
    }

    public boolean hasError(String name) {
        return errors.stream().anyMatch(e -> e.field().equals(prefix + name));
    }

    /** Throws the collected problems, if any. */
    public void validate() {
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }

    private String string(String name, int min, int max) {
        if (!has(name)) {
            return null;
        }
        if (!(body.getValue(name) instanceof String raw)) {
            return fail(name, "must_be_string");
        }
        String value = raw.strip();
        if (value.isEmpty() && min > 0) {
            return fail(name, "required");
        }
        if (CONTROL.matcher(value).find()) {
            return fail(name, "control_characters");
        }
        if (value.codePointCount(0, value.length()) > max) {
            return fail(name, "too_long", max);
        }
        if (value.codePointCount(0, value.length()) < min) {
            return fail(name, "too_short", min);
        }
        return value;
    }

    /** Parses a numeric path parameter, or answers 400 {@code invalid_id}. */
    public static long pathId(RoutingContext ctx, String name) {
        String raw = ctx.pathParam(name);
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw ApiException.badRequest("invalid_id", name);
    }
}
