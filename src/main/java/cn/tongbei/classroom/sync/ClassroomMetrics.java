package cn.tongbei.classroom.sync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The classroom's meters ({@code tongbei.classroom.*}, documented in docs/operations.md): how long a command takes
 * from arrival at its hub to the committed log row and to the broadcast, open sockets, events appended, and the
 * cross-node figures (append races lost, events learned from other nodes, gaps filled from the log).
 */
public final class ClassroomMetrics {
    private final Timer persisted;
    private final Timer broadcast;
    private final Counter appended;
    private final Counter conflicts;
    private final Counter remote;
    private final Counter gaps;
    private final AtomicInteger sockets = new AtomicInteger();

    public ClassroomMetrics(MeterRegistry registry) {
        MeterRegistry r = registry == null ? new SimpleMeterRegistry() : registry;
        persisted = Timer.builder("tongbei.classroom.event.persisted")
                .description("command received by its session hub until its event is committed to PostgreSQL")
                .publishPercentiles(0.5, 0.99).register(r);
        broadcast = Timer.builder("tongbei.classroom.event.broadcast")
                .description("command received by its session hub until its event is handed to every socket's loop")
                .publishPercentiles(0.5, 0.99).register(r);
        appended = Counter.builder("tongbei.classroom.events.appended").description("events appended to the log")
                .register(r);
        conflicts = Counter.builder("tongbei.classroom.cluster.conflicts")
                .description("appends lost to another node (the hub re-read the log and sequenced again)").register(r);
        remote = Counter.builder("tongbei.classroom.cluster.remote.events")
                .description("events committed by another node and broadcast here").register(r);
        gaps = Counter.builder("tongbei.classroom.cluster.gaps")
                .description("gaps in the event-bus stream filled from the log").register(r);
        Gauge.builder("tongbei.classroom.sockets", sockets, AtomicInteger::get).description("open classroom websockets")
                .register(r);
    }

    void appended(long persistedNs, long broadcastNs) {
        appended.increment();
        persisted.record(persistedNs, TimeUnit.NANOSECONDS);
        broadcast.record(broadcastNs, TimeUnit.NANOSECONDS);
    }

    void conflict() {
        conflicts.increment();
    }

    void remote(int events) {
        remote.increment(events);
    }

    void gapFilled() {
        gaps.increment();
    }

    void socketOpened() {
        sockets.incrementAndGet();
    }

    void socketClosed() {
        sockets.decrementAndGet();
    }
}
