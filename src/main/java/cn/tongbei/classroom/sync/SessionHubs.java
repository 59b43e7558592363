package cn.tongbei.classroom.sync;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live sessions of this node: one {@link SessionHub} per session, created on first join and loaded from the
 * log. With several nodes each node that has sockets of a session runs a hub for it; they agree through the log
 * (see {@link Cluster} and docs/classroom.md).
 */
public final class SessionHubs {
    private final Vertx vertx;
    private final EventStore store;
    private final SessionDirectory directory;
    private final Limits limits;
    private final Media media;
    private final Map<Long, Future<SessionHub>> hubs = new ConcurrentHashMap<>();
    private final ClassroomMetrics metrics;
    private final Cluster cluster;

    public SessionHubs(Vertx vertx, EventStore store, SessionDirectory directory, Limits limits, Media media) {
        this(vertx, store, directory, limits, media, new ClassroomMetrics(null));
    }

    /** With cluster mode when Vert.x is clustered (sessions then live on every node that has their sockets). */
    public SessionHubs(Vertx vertx, EventStore store, SessionDirectory directory, Limits limits, Media media,
            ClassroomMetrics metrics) {
        this.metrics = metrics;
        this.cluster = new Cluster(vertx, vertx.isClustered(), metrics);
        this.vertx = vertx;
        this.media = media;
        this.store = store;
        this.directory = directory;
        this.limits = limits;
    }

    /** Where sessions and join codes are looked up. */
    public SessionDirectory directory() {
        return directory;
    }

    /**
     * Whether a student hello from {@code address} may try a join code now: 10 attempts at once, then one every 2 s
     * per address, so that the 10^6 six-digit codes cannot be walked through.
     */
    public boolean studentAttempt(String address) {
        synchronized (studentAttempts) {
            if (studentAttempts.size() > 10_000) {
                studentAttempts.clear();
            }
            return studentAttempts.computeIfAbsent(address == null ? "" : address, a -> new RateLimit(0.5, 10))
                    .tryTake();
        }
    }

    private final java.util.Map<String, RateLimit> studentAttempts = new java.util.HashMap<>();

    public Limits limits() {
        return limits;
    }

    /** The hub of a session, loading it if needed; fails when the session does not exist. */
    public Future<SessionHub> hub(long sessionId) {
        return hubs.computeIfAbsent(sessionId, id -> {
            Future<SessionHub> created = directory.info(id).compose(info -> {
                SessionHub hub = new SessionHub(id, vertx, vertx.getOrCreateContext(), store, directory, info, limits,
                        media, cluster, () -> hubs.remove(id));
                cluster.join(hub);
                return hub.ready().map(hub);
            });
            created.onFailure(e -> vertx.runOnContext(v -> hubs.remove(id, created)));
            return created;
        });
    }

    public ClassroomMetrics metrics() {
        return metrics;
    }

    /** Closes every joined socket on this node (drain): clients reconnect, maybe to another node, and resume. */
    public void closeAll(short code, String reason) {
        hubs.values().forEach(f -> {
            if (f.succeeded()) {
                f.result().closeAll(code, reason);
            }
        });
    }

    /** The hub of a session if it is live on this node. */
    public SessionHub live(long sessionId) {
        Future<SessionHub> f = hubs.get(sessionId);
        return f != null && f.succeeded() ? f.result() : null;
    }
}
