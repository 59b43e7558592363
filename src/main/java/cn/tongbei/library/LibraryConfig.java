package cn.tongbei.library;

import cn.tongbei.platform.config.TongbeiConfig;

/**
 * The library's limits, from the {@code library} section of the platform configuration
 * ({@code config/tongbei.json}; each key also settable as an environment variable, e.g.
 * {@code TONGBEI_LIBRARY_MAX_UPLOAD_BYTES}); validated (positive) when the configuration is built.
 *
 * @param maxUploadBytes largest accepted file (default 2 GiB)
 * @param maxExtractBytes files larger than this are not parsed for text (default 200 MiB)
 * @param maxExtractChars extracted text is cut at this many characters (default 1,000,000)
 * @param extractTimeoutSeconds per-file parse timeout (default 60 s)
 * @param extractThreads worker threads that run Tika (default 2)
 * @param embeddings whether the semantic (embedding) part of search runs (default true)
 * @param searchThreads threads one search may use at once (default 1; 2 runs the ranked page and the count with
 *        facet counts side by side and splits the page's highlights in two: no measurable gain on 2 vCPUs)
 * @param searchSpinMicros how long a search thread that finished a search stays awake for the next one before it
 *        parks (default 1000 µs; 0 = park at once; {@code search/SearchThreads})
 * @param soffice the LibreOffice binary for Office/WPS previews (default empty: {@code soffice} or
 *        {@code libreoffice} on the PATH, then the usual install locations)
 */
public record LibraryConfig(long maxUploadBytes, long maxExtractBytes, int maxExtractChars, int extractTimeoutSeconds,
        int extractThreads, boolean embeddings, int searchThreads, int searchSpinMicros, String soffice) {

    /** The library's view of the platform configuration. */
    public static LibraryConfig from(TongbeiConfig.Library c) {
        return new LibraryConfig(c.maxUploadBytes(), c.maxExtractBytes(), c.maxExtractChars(),
                c.extractTimeoutSeconds(), c.extractThreads(), c.embeddings(), c.searchThreads(),
                c.searchSpinMicros(), c.soffice());
    }
}
