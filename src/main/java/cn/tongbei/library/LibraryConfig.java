package cn.tongbei.library;

import java.util.Map;

/**
 * The library's limits, read once at start from environment variables or system properties (for example
 * {@code TONGBEI_LIBRARY_MAX_UPLOAD_BYTES} or {@code -Dtongbei.library.maxUploadBytes}), with safe defaults.
 *
 * @param maxUploadBytes largest accepted file (default 2 GiB)
 * @param maxExtractBytes files larger than this are not parsed for text (default 200 MiB)
 * @param maxExtractChars extracted text is cut at this many characters (default 1,000,000)
 * @param extractTimeoutSeconds per-file parse timeout (default 60 s)
 * @param extractThreads worker threads that run Tika (default 2)
 * @param embeddings whether the semantic (embedding) part of search runs (default true)
 */
public record LibraryConfig(long maxUploadBytes, long maxExtractBytes, int maxExtractChars, int extractTimeoutSeconds,
        int extractThreads, boolean embeddings) {

    /** Reads the settings from the environment and system properties. */
    public static LibraryConfig load() {
        return from(System.getenv(), System.getProperties());
    }

    static LibraryConfig from(Map<String, String> env, java.util.Properties props) {
        return new LibraryConfig(
                number(env, props, "maxUploadBytes", "MAX_UPLOAD_BYTES", 2L << 30),
                number(env, props, "maxExtractBytes", "MAX_EXTRACT_BYTES", 200L << 20),
                (int) number(env, props, "maxExtractChars", "MAX_EXTRACT_CHARS", 1_000_000),
                (int) number(env, props, "extractTimeoutSeconds", "EXTRACT_TIMEOUT_SECONDS", 60),
                (int) number(env, props, "extractThreads", "EXTRACT_THREADS", 2),
                !"false".equalsIgnoreCase(props.getProperty("tongbei.library.embeddings",
                        env.getOrDefault("TONGBEI_LIBRARY_EMBEDDINGS", "true"))));
    }

    private static long number(Map<String, String> env, java.util.Properties props, String key, String envKey,
            long fallback) {
        String raw = props.getProperty("tongbei.library." + key, env.get("TONGBEI_LIBRARY_" + envKey));
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        long value = Long.parseLong(raw.trim());
        if (value <= 0) {
            throw new IllegalArgumentException("tongbei.library." + key + " must be positive, got " + raw);
        }
        return value;
    }
}
