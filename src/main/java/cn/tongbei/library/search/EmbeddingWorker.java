package cn.tongbei.library.search;

import cn.tongbei.library.Resource;
import cn.tongbei.library.ResourceRepository;
import cn.tongbei.platform.http.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes each resource's embedding once for the whole cluster and stores it in PostgreSQL
 * ({@code library_text.embedding}); every node's index reads it from there when the change log says the row
 * changed. A node claims work with {@code FOR UPDATE SKIP LOCKED} and a claim time (expiring after ten minutes,
 * so a node dying mid-way delays a vector but never loses it). Woken after a local extraction and every 30 s
 * (to pick up work left by other nodes or a rebuild).
 */
public final class EmbeddingWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingWorker.class);
    static final String CLAIM = """
            UPDATE library_text t SET embed_claimed_at = now()
            WHERE t.resource_id IN (
              SELECT x.resource_id FROM library_text x JOIN library_resource r ON r.id = x.resource_id
              WHERE x.embedding IS NULL AND r.status <> 'processing'
                AND (x.embed_claimed_at IS NULL OR x.embed_claimed_at < now() - interval '10 minutes')
              ORDER BY x.resource_id LIMIT $1 FOR UPDATE OF x SKIP LOCKED)
            RETURNING t.resource_id""";

    static final String PENDING = """
            SELECT count(*) FROM library_text x JOIN library_resource r ON r.id = x.resource_id
            WHERE x.embedding IS NULL AND r.status <> 'processing'
              AND (x.embed_claimed_at IS NULL OR x.embed_claimed_at < now() - interval '10 minutes')""";

    private final Pool pool;
    private final ResourceRepository repo;
    private final Embedder embedder;
    private final Vertx vertx;
    private final ThreadPoolExecutor thread = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(2),
            // priority explicit, not its creator's (which may be a rebuild's: IndexFeed.REBUILD_PRIORITY)
            Thread.ofPlatform().name("library-embed").daemon().priority(Thread.NORM_PRIORITY).factory(),
            new ThreadPoolExecutor.DiscardPolicy());
    private final AtomicBoolean queued = new AtomicBoolean();
    private final Timer timer;
    private long sweep = -1;
    private volatile boolean closed;

    public EmbeddingWorker(Vertx vertx, Pool pool, ResourceRepository repo, Embedder embedder, MeterRegistry meters) {
        this.vertx = vertx;
        this.pool = pool;
        this.repo = repo;
        this.embedder = embedder;
        this.timer = Timer.builder("tongbei.library.embedding").description("Time to embed one resource")
                .register(meters);
    }

    public void start() {
        sweep = vertx.setPeriodic(30_000, t -> nudge());
        nudge();
    }

    /** Looks for resources without a vector now (folded when a look is already queued). */
    public void nudge() {
        if (!closed && queued.compareAndSet(false, true)) {
            thread.execute(this::drain);
        }
    }

    private void drain() {
        queued.set(false);
        try {
            while (!closed) {
                List<Long> ids = claim(4);
                if (ids.isEmpty()) {
                    return;
                }
                for (long id : ids) {
                    embed(id);
                }
            }
        } catch (Exception e) {
            LOG.warn("embedding worker: {}", e.toString());
        }
    }

    private List<Long> claim(int n) throws Exception {
        return SearchService.await(pool.preparedQuery(CLAIM).execute(Tuple.of(n)).map(rows -> {
            List<Long> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(r.getLong(0));
            }
            return out;
        }));
    }

    private void embed(long id) {
        long t0 = System.nanoTime();
        try {
            Resource r = SearchService.await(repo.find(id));
            String text = SearchService.await(repo.text(id));
            float[] v = embedder.passage(r.meta().title() + "\n" + IndexSchema.metaText(r) + "\n"
                    + r.meta().description() + "\n" + text);
            SearchService.await(repo.saveVector(id, v)); // the change log carries it to every node's index
            timer.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
        } catch (ApiException e) {
            // deleted meanwhile
        } catch (Exception e) {
            LOG.warn("could not embed resource {}: {}", id, e.toString());
        }
    }

    /** Waits until nothing is left to claim and the worker is idle (tests and the benchmark). */
    public void flush() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (System.nanoTime() < deadline) {
            if (!queued.get() && thread.getActiveCount() == 0) {
                long left = SearchService.await(pool.query(PENDING).execute()).iterator().next().getLong(0);
                if (left == 0 && !queued.get() && thread.getActiveCount() == 0) {
                    return;
                }
                nudge();
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        closed = true;
        if (sweep >= 0) {
            vertx.cancelTimer(sweep);
        }
        thread.shutdown();
        try {
            // an embedding in native code must finish before the JVM exits (ONNX Runtime frees its environment in
            // a shutdown hook of its own)
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        embedder.close();
    }
}
