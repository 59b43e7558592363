package cn.tongbei.classroom.sync;

/**
 * A message the server refuses: a stable code (documented in docs/protocols/classroom.md) and a human detail.
 * It travels back to the sender as an {@code error} message and never affects anybody else.
 */
public final class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;

    public ProtocolException(String code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
