package cn.tongbei.platform.config;

/** A configuration the server cannot run with; its message says what to change. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
