package cn.tongbei.library;

import cn.tongbei.platform.storage.ObjectStorage;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;
import org.apache.tika.exception.TikaException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;
import org.apache.tika.sax.WriteOutContentHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.SAXException;

/**
 * Extracts each resource's text with Apache Tika in a bounded worker: a fixed number of threads and a bounded
 * queue, files above a size limit skipped, text cut at a character limit, a timeout per file, embedded
 * documents not followed and Tika's zip-bomb guard ({@code SecureContentHandler}) on. A file that cannot be
 * parsed is marked {@code failed} with the reason; it stays downloadable and can be retried.
 */
public final class Extraction implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Extraction.class);

    private final ObjectStorage storage;
    private final ResourceRepository repo;
    private final LibraryConfig config;
    private final LongConsumer onDone;
    private final ThreadPoolExecutor jobs;
    private final ExecutorService parsers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "library-tika");
        t.setDaemon(true);
        return t;
    });

    /** The outcome for one file. */
    record Outcome(String status, String reason, String text) {}

    public Extraction(ObjectStorage storage, ResourceRepository repo, LibraryConfig config, LongConsumer onDone) {
        this.storage = storage;
        this.repo = repo;
        this.config = config;
        this.onDone = onDone;
        this.jobs = new ThreadPoolExecutor(config.extractThreads(), config.extractThreads(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(10_000),
                // priority explicit: a thread inherits its creator's, and an index rebuild's (lowest) thread may be
                // the one that submits a re-extraction
                Thread.ofPlatform().name("library-extract").daemon().priority(Thread.NORM_PRIORITY).factory());
    }

    /** Queues a resource for extraction; a full queue marks it failed (retry later) rather than piling up. */
    public void submit(long id) {
        try {
            jobs.execute(() -> run(id));
        } catch (RejectedExecutionException e) {
            repo.setStatus(id, "failed", "extraction queue full", 0);
        }
    }

    private void run(long id) {
        try {
            Resource r = await(repo.find(id));
            Outcome outcome = extract(r);
            if (outcome.text() != null) {
                await(repo.saveText(id, outcome.text()));
            }
            await(repo.setStatus(id, outcome.status(), outcome.reason(),
                    outcome.text() == null ? 0 : outcome.text().length()));
            onDone.accept(id);
        } catch (Exception e) {
            LOG.warn("extraction of resource {} could not finish: {}", id, e.toString());
        }
    }

    private Outcome extract(Resource r) {
        if (r.mime().startsWith("video/") || r.mime().startsWith("image/")) {
            return new Outcome("ready", null, "");
        }
        if (r.sizeBytes() > config.maxExtractBytes()) {
            return new Outcome("ready", "too large to extract text (over " + (config.maxExtractBytes() >> 20)
                    + " MiB)", "");
        }
        CompletableFuture<String> parse = CompletableFuture.supplyAsync(() -> parse(r), parsers);
        try {
            return new Outcome("ready", null, parse.get(config.extractTimeoutSeconds(), TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            parse.cancel(true);
            return new Outcome("failed", "text extraction timed out after " + config.extractTimeoutSeconds() + " s",
                    null);
        } catch (ExecutionException e) {
            return new Outcome("failed", reason(e.getCause()), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome("failed", "interrupted", null);
        }
    }

    /** Parses one stored file's text; public for the benchmark and tests. */
    String parse(Resource r) {
        try (InputStream in = await(storage.open(r.objectKey(), 0, null))) {
            return parse(in, r.fileName(), config.maxExtractChars());
        } catch (Exception e) {
            throw new IllegalStateException(reason(e), e);
        }
    }

    /** Extracts plain text from a document stream, cut at {@code maxChars}. */
    public static String parse(InputStream in, String fileName, int maxChars) throws Exception {
        WriteOutContentHandler out = new WriteOutContentHandler(maxChars);
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        try (TikaInputStream tis = TikaInputStream.get(in)) {
            if (startsWithZipHeader(tis)) {
                ZipGuard.check(tis.getPath()); // spools to a temporary file that the parse then reads
            }
            new AutoDetectParser().parse(tis, new BodyContentHandler(out), metadata, new ParseContext());
        } catch (SAXException e) {
            if (!org.apache.tika.exception.WriteLimitReachedException.isWriteLimitReached(e)) {
                throw e;
            }
        }
        return clean(out.toString());
    }

    private static boolean startsWithZipHeader(TikaInputStream tis) throws java.io.IOException {
        byte[] head = new byte[4];
        return tis.peek(head) == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }

    /** Drops NUL and collapses runs of blank lines (PostgreSQL text refuses NUL). */
    static String clean(String text) {
        return text.replace("\u0000", "").replaceAll("[ \\t\\x0B\\f\\r]+\\n", "\n").replaceAll("\\n{3,}", "\n\n")
                .strip();
    }

    static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root && !(root instanceof TikaException)) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        Throwable deepest = e;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        if (String.valueOf(deepest.getMessage()).contains("maxElementDepth")) {
            return "refused: XML elements nested too deeply";
        }
        if (message.toLowerCase(java.util.Locale.ROOT).contains("zip bomb")) {
            return "refused: " + (message.startsWith("suspected zip bomb") ? message : "suspected zip bomb");
        }
        return (root instanceof TikaException ? "cannot parse: " : "") + (message.length() > 300
                ? message.substring(0, 300)
                : message);
    }

    /** Waits for a future from a worker or the launching thread (never an event loop). */
    public static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    @Override
    public void close() {
        jobs.shutdownNow();
        parsers.shutdownNow();
    }
}
