package cn.tongbei.library.search;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process Chinese text-embedding model (bge-small-zh v1.5, quantized, ONNX Runtime; the weights ship in a
 * Maven Central jar, nothing is downloaded). Loaded in the background at start; until it is ready, search is
 * keyword-only.
 */
public final class Embedder {
    private static final Logger LOG = LoggerFactory.getLogger(Embedder.class);
    /** BGE's instruction for short retrieval queries. */
    private static final String QUERY_PREFIX = "为这个句子生成表示以用于检索相关文章：";
    static final int PASSAGE_CHARS = 500;

    private final CompletableFuture<EmbeddingModel> model;

    private Embedder(CompletableFuture<EmbeddingModel> model) {
        this.model = model;
    }

    /**
     * Starts loading the model on a thread of its own (not the common pool: the MinIO client runs its multipart
     * upload steps there, one thread on 2 cores, and uploads would wait for the seconds the model takes).
     */
    public static Embedder loadInBackground() {
        return new Embedder(CompletableFuture.supplyAsync(() -> {
            long t0 = System.nanoTime();
            EmbeddingModel m = new BgeSmallZhV15QuantizedEmbeddingModel();
            m.embed("预热");
            LOG.info("embedding model bge-small-zh-v1.5-q ready in {} ms", (System.nanoTime() - t0) / 1_000_000);
            return m;
        }, task -> Thread.ofPlatform().daemon().name("embedding-model-load").start(task)));
    }

    /**
     * Waits (at most 60 s) for a model still loading: ONNX Runtime frees its native environment in a JVM shutdown
     * hook of its own, and a session being created at that moment crashes the process.
     */
    public void close() {
        try {
            model.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.debug("embedding model not loaded at close: {}", e.toString());
        }
    }

    public boolean ready() {
        return model.isDone() && !model.isCompletedExceptionally();
    }

    /** The vector of a passage (title, metadata and the start of the text); blocks until the model is loaded. */
    public float[] passage(String text) {
        String cut = text.length() > PASSAGE_CHARS ? text.substring(0, PASSAGE_CHARS) : text;
        return model.join().embed(cut).content().vector();
    }

    /** The vector of a query, or null while the model is still loading. */
    public float[] query(String q) {
        if (!ready() || q == null || q.isBlank()) {
            return null;
        }
        String cut = q.length() > 200 ? q.substring(0, 200) : q;
        return model.join().embed(QUERY_PREFIX + cut).content().vector();
    }
}
