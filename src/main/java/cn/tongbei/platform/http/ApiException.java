package cn.tongbei.platform.http;

import java.util.List;
import java.util.Map;

/**
 * A failure with an HTTP meaning: status, a stable code, message arguments and optional field errors.
 * The message text is chosen per request language by {@link ErrorHandler} from {@code i18n/messages}.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A field-level problem: the field, a message code and its arguments. */
    public record FieldError(String field, String code, List<Object> args) {}

    private final int status;
    private final String code;
    private final transient List<Object> args;
    private final transient List<FieldError> fields;

    public ApiException(int status, String code, Object... args) {
        this(status, code, List.of(args), List.of());
    }

    private ApiException(int status, String code, List<Object> args, List<FieldError> fields) {
        super(code, null, false, false);
        this.status = status;
        this.code = code;
        this.args = args;
        this.fields = fields;
    }

    public static ApiException validation(List<FieldError> fields) {
        return new ApiException(400, "validation_failed", List.of(fields.size()), List.copyOf(fields));
    }

    public static ApiException badRequest(String code, Object... args) {
        return new ApiException(400, code, args);
    }

    public static ApiException notFound() {
        return new ApiException(404, "not_found");
    }

    public static ApiException forbidden() {
        return new ApiException(403, "forbidden");
    }

    public static ApiException conflict(String code, Object... args) {
        return new ApiException(409, code, args);
    }

    public static ApiException unauthorized(String code) {
        return new ApiException(401, code);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<Object> args() {
        return args;
    }

    public List<FieldError> fields() {
        return fields;
    }

    /** Field errors by field name, for tests and logs. */
    public Map<String, String> fieldCodes() {
        return fields.stream().collect(java.util.stream.Collectors.toMap(FieldError::field, FieldError::code,
                (a, b) -> a));
    }
}
