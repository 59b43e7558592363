package cn.tongbei.library.search;

import cn.tongbei.library.Resource;
import cn.tongbei.library.ResourceRepository;
import cn.tongbei.platform.db.PgListener;
import cn.tongbei.platform.http.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds this node's Lucene index from the change log in PostgreSQL ({@link ChangeLog}): one writer thread tails
 * the log (woken by LISTEN/NOTIFY, polled every 500 ms as a fallback), re-reads each changed resource from
 * PostgreSQL and puts or removes its document, refreshes (searchable at once) and commits every two seconds with
 * the applied log position in the commit's user data, so a restart resumes where it stopped. An empty index, an
 * index without a position (older than the log) or one behind the pruned horizon is rebuilt from PostgreSQL first,
 * and tailing continues from the position taken before the rebuild read anything. The same path serves one node
 * and many.
 */
public final class IndexFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IndexFeed.class);
    static final String POSITION_KEY = "library.changelog.position";
    static final String SCHEMA_KEY = "library.schema";
    static final int PAGE = 1000;
    static final long POLL_MS = Long.getLong("tongbei.library.pollMillis", 500);
    /**
     * The rebuild's threads run behind requests: with the launcher's scheduling flags (pom.xml,
     * tongbei.sched.flags) the lowest Java priority is the lowest CPU priority (nice 19), the one the JIT compiler
     * threads have, so a rebuild on a cold JVM leaves the compiler its share of the cores and live searches are
     * not slowed by it. Without those flags (tests) Java priorities change nothing.
     */
    public static final int REBUILD_PRIORITY = Thread.MIN_PRIORITY;

    /** Changes are kept this long; a node offline for longer rebuilds on its return. */
    static final long KEEP_SECONDS = Long.getLong("tongbei.library.changeLogKeepSeconds", 7 * 24 * 3600);

    private final Vertx vertx;
    private final ChangeLog log;
    private final ResourceRepository repo;
    private final LibraryIndex index;
    private final LongConsumer reextract;
    private final ExecutorService writes = Executors.newSingleThreadExecutor(daemons("library-index",
            Thread.NORM_PRIORITY));
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean dirty = new AtomicBoolean();

    // writer-thread state
    private final ChangeCursor cursor = new ChangeCursor(ChangeLog.Position.ZERO);

    // metrics (read from any thread)
    private volatile long head;
    private volatile long appliedPos;
    private volatile long oldestPendingAtMillis;
    private volatile long lastPollMillis = System.currentTimeMillis();
    private volatile double rebuildProgress = 1;
    private volatile String state = "starting";
    private final Counter applied;
    private final Timer freshness;

    private PgListener listener;
    private long pollTimer = -1;
    private long commitTimer = -1;
    private long pruneTimer = -1;
    private volatile boolean closed;
    private volatile boolean started;
    private volatile String positionText = "";
    private final PgConnectOptions listenOptions;

    public IndexFeed(Vertx vertx, Pool pool, PgConnectOptions listenOptions, ResourceRepository repo,
            LibraryIndex index, LongConsumer reextract, MeterRegistry meters) {
        this.vertx = vertx;
        this.log = new ChangeLog(pool);
        this.listenOptions = listenOptions;
        this.repo = repo;
        this.index = index;
        this.reextract = reextract;
        this.applied = Counter.builder("tongbei.library.index.changes.applied")
                .description("Change-log rows applied to this node's search index").register(meters);
        this.freshness = Timer.builder("tongbei.library.index.freshness")
                .description("From a change's commit (database clock) to searchable on this node")
                .publishPercentiles(0.5, 0.99).minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60)).register(meters);
        Gauge.builder("tongbei.library.index.lag.positions", this, f -> f.lagPositions())
                .description("Change-log rows committed but not yet applied here (log head minus applied)")
                .register(meters);
        Gauge.builder("tongbei.library.index.lag.seconds", this, f -> f.lagSeconds())
                .description("Age of the oldest change not yet applied here, 0 when caught up").baseUnit("seconds")
                .register(meters);
        Gauge.builder("tongbei.library.index.rebuild.progress", this, f -> f.rebuildProgress)
                .description("Progress of this node's index rebuild, 0 to 1 (1 when not rebuilding)").register(meters);
    }

    /** The writer thread (searches never run on it). */
    ExecutorService writer() {
        return writes;
    }

    /**
     * Starts feeding: rebuilds first when the index is empty, has no log position or is behind the pruned
     * horizon; then tails.
     */
    public void start() {
        begin();
        listen();
        pollTimer = vertx.setPeriodic(POLL_MS, t -> wake());
        commitTimer = vertx.setPeriodic(2000, t -> commitIfDirty());
        pruneTimer = vertx.setPeriodic(3_600_000, t -> log.prune(KEEP_SECONDS).onSuccess(n -> {
            if (n > 0) {
                LOG.info("pruned {} library change-log rows older than {} s", n, KEEP_SECONDS);
            }
        }));
    }

    private void begin() {
        writes.execute(() -> {
            try {
                Map<String, String> data = index.commitData();
                ChangeLog.Position stored = ChangeLog.Position.decode(data.get(POSITION_KEY));
                ChangeLog.Position horizon = await(log.horizon());
                if (index.createdEmpty() || stored == null || stored.compareTo(horizon) < 0) {
                    LOG.info("library index {}: rebuilding from PostgreSQL", index.createdEmpty()
                            ? "is new"
                            : stored == null ? "has no change-log position" : "is behind the pruned change log");
                    rebuildNow();
                } else {
                    cursor.reset(stored);
                    positionText = stored.encode();
                    LOG.info("library index resumes tailing the change log after {}", stored.encode());
                }
                started = true;
                state = "tailing";
            } catch (Exception e) {
                LOG.error("library index could not start feeding; retrying in 5 s", e);
                if (!closed) {
                    vertx.setTimer(5000, t -> begin());
                }
            }
        });
    }

    /** LISTEN on a connection of its own (reconnecting); the poll covers the time without it. */
    private void listen() {
        if (closed || listenOptions == null) {
            return;
        }
        // lost: the poll covers the time without it
        listener = new PgListener(vertx, listenOptions, "library_change", PgListener.Events.of(this::wake,
                payload -> wake(), () -> {
                }));
        listener.start();
    }

    /** Asks the writer thread to read the log now (folded when a read is already queued). */
    public void wake() {
        if (!closed && scheduled.compareAndSet(false, true)) {
            try {
                writes.execute(this::poll);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                scheduled.set(false);
            }
        }
    }

    private void poll() {
        scheduled.set(false);
        if (!started) {
            return;
        }
        try {
            ChangeLog.Batch batch;
            do {
                batch = await(log.read(cursor.position(), cursor.seenPos(), PAGE));
                apply(batch);
            } while (batch.full() && !closed);
            lastPollMillis = System.currentTimeMillis();
        } catch (Exception e) {
            LOG.warn("reading the library change log failed: {}", e.toString());
        }
    }

    /** Applies one batch on the writer thread. */
    private void apply(ChangeLog.Batch batch) throws Exception {
        head = batch.head();
        List<ChangeLog.Change> changes = cursor.take(batch);
        Set<Long> ids = new java.util.LinkedHashSet<>();
        long newest = 0;
        for (ChangeLog.Change c : changes) {
            ids.add(c.resourceId());
            newest = Math.max(newest, c.atMillis());
        }
        for (Long id : ids) {
            reindex(id);
        }
        if (!ids.isEmpty()) {
            index.refresh();
            dirty.set(true);
            long searchable = System.currentTimeMillis();
            for (ChangeLog.Change c : changes) {
                freshness.record(Math.max(0, searchable - c.atMillis()), TimeUnit.MILLISECONDS);
            }
            applied.increment(changes.size());
        }
        positionText = cursor.position().encode();
        long maxApplied = Math.max(appliedPos, cursor.seenPos());
        for (ChangeLog.Change c : batch.finals()) {
            maxApplied = Math.max(maxApplied, c.pos());
        }
        appliedPos = maxApplied;
        // while behind (a full page), the age of the changes being applied now; 0 once caught up
        oldestPendingAtMillis = batch.full() ? newest : 0;
    }

    private void reindex(long id) {
        try {
            Resource r;
            try {
                r = await(repo.find(id));
            } catch (ApiException e) {
                index.remove(id);
                return;
            }
            var indexed = await(repo.indexed(id));
            index.put(new IndexSchema.Source(r, indexed.text(), indexed.vector()));
        } catch (Exception e) {
            LOG.warn("could not index resource {}: {}", id, e.toString());
        }
    }

    /** Commits pending changes with the applied position, if any (every two seconds). */
    public void commitIfDirty() {
        if (dirty.getAndSet(false)) {
            writes.execute(this::commitNow);
        }
    }

    private void commitNow() {
        try {
            index.commit(
                    Map.of(POSITION_KEY, cursor.position().encode(), SCHEMA_KEY, String.valueOf(IndexSchema.VERSION)));
        } catch (Exception e) {
            LOG.warn("index commit failed: {}", e.toString());
        }
    }

    /** Rebuilds the whole index from PostgreSQL on the writer thread, then tails on; answers the document count. */
    public Future<Integer> rebuild() {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        writes.execute(() -> {
            try {
                done.complete(rebuildNow());
            } catch (Exception e) {
                LOG.error("library index rebuild failed", e);
                done.completeExceptionally(e);
            } finally {
                state = "tailing";
                rebuildProgress = 1;
            }
        });
        return Future.fromCompletionStage(done);
    }

    private int rebuildNow() throws Exception {
        state = "rebuilding";
        rebuildProgress = 0;
        long t0 = System.nanoTime();
        // taken before anything is read: every change at or before it is in what the pages below read
        ChangeLog.Position from = await(log.finalHead());
        long total = Math.max(1, await(repo.count()));
        index.removeAll();
        long after = 0;
        int count = 0;
        long lastLog = System.nanoTime();
        // documents are analysed and added by one thread per core (the IndexWriter is thread-safe): analysis is
        // the cost of a rebuild, and one thread left the other cores idle
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService builders = Executors.newFixedThreadPool(threads, daemons("library-rebuild",
                REBUILD_PRIORITY));
        try {
            while (!closed) {
                List<Resource> page = await(repo.page(after, 500));
                if (page.isEmpty()) {
                    break;
                }
                List<java.util.concurrent.Future<?>> added = new java.util.ArrayList<>();
                for (Resource r : page) {
                    added.add(builders.submit(() -> {
                        var indexed = await(repo.indexed(r.id()));
                        index.put(new IndexSchema.Source(r, indexed.text(), indexed.vector()));
                        if (!r.status().equals("ready") && indexed.text().isEmpty()) {
                            reextract.accept(r.id());
                        }
                        return null;
                    }));
                }
                for (var f : added) {
                    f.get();
                }
                after = page.getLast().id();
                count += page.size();
                rebuildProgress = Math.min(0.99, (double) count / total);
                if (System.nanoTime() - lastLog > 5_000_000_000L) {
                    lastLog = System.nanoTime();
                    LOG.info("library index rebuild: {} of about {} resources ({} %)", count, total,
                            Math.round(rebuildProgress * 100));
                }
            }
        } finally {
            builders.shutdownNow();
        }
        index.refresh();
        cursor.reset(from);
        positionText = from.encode();
        commitNow();
        rebuildProgress = 1;
        state = "tailing";
        LOG.info("library index rebuilt: {} documents in {} ms; tailing the change log after {}", count,
                (System.nanoTime() - t0) / 1_000_000, from.encode());
        return count;
    }

    /** Waits until every change committed before the call is applied and searchable (tests, the benchmark). */
    public void flush() throws Exception {
        writes.submit(this::poll).get(120, TimeUnit.SECONDS);
    }

    /** The feed's state for the status route: rebuilding or tailing, progress, lag, position. */
    public Map<String, Object> status() {
        return Map.of("state", state, "rebuildProgress", rebuildProgress, "lagPositions", lagPositions(),
                "lagSeconds", lagSeconds(), "position", positionText());
    }

    private String positionText() {
        return positionText;
    }

    double lagPositions() {
        return Math.max(0, head - appliedPos);
    }

    double lagSeconds() {
        long now = System.currentTimeMillis();
        double behind = oldestPendingAtMillis == 0 ? 0 : (now - oldestPendingAtMillis) / 1000.0;
        double silent = (now - lastPollMillis) / 1000.0;
        return Math.max(behind, silent > 5 ? silent : 0);
    }

    ChangeLog.Position position() {
        return cursor.position();
    }

    static <T> T await(Future<T> f) throws Exception {
        return SearchService.await(f);
    }

    /** Daemon threads at an explicit priority (a thread would otherwise inherit its creator's). */
    private static java.util.concurrent.ThreadFactory daemons(String name, int priority) {
        return Thread.ofPlatform().name(name).daemon().priority(priority).factory();
    }

    @Override
    public void close() throws Exception {
        closed = true;
        for (long t : new long[]{pollTimer, commitTimer, pruneTimer}) {
            if (t >= 0) {
                vertx.cancelTimer(t);
            }
        }
        if (listener != null) {
            listener.close();
        }
        writes.shutdown();
        writes.awaitTermination(10, TimeUnit.SECONDS);
        if (dirty.get()) {
            commitNow();
        }
    }
}
