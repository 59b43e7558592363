package cn.tongbei.library.search;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads searches run on (off the event loops). After a search, one of them at a time stays awake for a short
 * while, polling for the next search and yielding the processor to any other runnable thread between polls, before
 * it parks: a search that arrives meanwhile starts at once instead of waiting for a parked thread to be woken. On a
 * 2-core virtual machine that wake-up took 1–4.6 ms for ~2 % of the searches (the HTTP search's p99;
 * docs/benchmarks-library.md, "Session 7"); the raw Lucene path never waits for one. Idle, nothing spins. A new
 * task still signals one parked thread, as a thread pool's queue does, which may take it first.
 */
public final class SearchThreads implements Executor, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SearchThreads.class);
    private static final Runnable STOP = () -> {
    };

    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final AtomicBoolean spinning = new AtomicBoolean();
    private final AtomicLong caughtSpinning = new AtomicLong();
    private final AtomicLong run = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private final long spinNanos;
    private volatile boolean closed;

    /**
     * @param count threads (searches at once; more queue)
     * @param spinMicros how long a thread that finished a search polls for the next one before parking (0: never)
     */
    public SearchThreads(int count, long spinMicros) {
        if (count < 1 || spinMicros < 0) {
            throw new IllegalArgumentException("count ≥ 1 and spinMicros ≥ 0");
        }
        this.spinNanos = TimeUnit.MICROSECONDS.toNanos(spinMicros);
        for (int i = 0; i < count; i++) {
            threads.add(Thread.ofPlatform().daemon().name("library-search-" + i).start(this::work));
        }
    }

    /** Registers the queue length and how many searches a spinning thread caught. */
    public SearchThreads bind(MeterRegistry meters) {
        Gauge.builder("tongbei_library_search_queue", queue, q -> q.size())
                .description("searches waiting for a search thread").register(meters);
        Gauge.builder("tongbei_library_search_caught_spinning", caughtSpinning, AtomicLong::get)
                .description("searches picked up by a thread that had not parked yet (since start)").register(meters);
        Gauge.builder("tongbei_library_search_run", run, AtomicLong::get)
                .description("searches run on the search threads (since start)").register(meters);
        return this;
    }

    @Override
    public void execute(Runnable task) {
        if (closed) {
            throw new RejectedExecutionException("search threads closed");
        }
        queue.add(task);
    }

    /** Searches run so far and how many of them a spinning thread caught (for tests and metrics). */
    long[] counts() {
        return new long[]{run.get(), caughtSpinning.get()};
    }

    private void work() {
        try {
            Runnable task = queue.take();
            while (task != STOP) {
                runSafely(task);
                task = next();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next task: polled for a while by one thread at a time (the others park at once), then waited for. */
    private Runnable next() throws InterruptedException {
        if (spinNanos > 0 && spinning.compareAndSet(false, true)) {
            try {
                long until = System.nanoTime() + spinNanos;
                do {
                    Runnable task = queue.poll();
                    if (task != null) {
                        caughtSpinning.incrementAndGet();
                        return task;
                    }
                    Thread.yield();
                } while (System.nanoTime() < until && !closed);
            } finally {
                spinning.set(false);
            }
        }
        return queue.take();
    }

    private void runSafely(Runnable task) {
        run.incrementAndGet();
        try {
            task.run();
        } catch (Throwable e) {
            LOG.error("search task failed", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        threads.forEach(t -> queue.add(STOP));
    }
}
