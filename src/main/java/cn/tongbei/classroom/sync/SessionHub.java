package cn.tongbei.classroom.sync;

import cn.tongbei.access.AccessPolicy.ClassSeat;
import cn.tongbei.platform.http.TextFrames;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of one live session. Every command for the session runs on the hub's own Vert.x context, so
 * sequence numbers are assigned one at a time; events are persisted in order, in batches, and only then
 * broadcast and acknowledged, so a client never sees an event the log does not have.
 */
public final class SessionHub {
    private static final Logger LOG = LoggerFactory.getLogger(SessionHub.class);
    private static final int DEDUP_CAPACITY = 50_000;
    private static final int MAX_WRITE_RETRIES = 10;
    private static final long IDLE_EVICTION_MS = 10 * 60_000;
    /** Every socket is pinged (round trip, weak network) once in this many milliseconds. */
    static final long PING_INTERVAL_MS = 2_000;
    /**
     * Pings go out in this many slices spread over the interval (100 ms apart): pinging thousands of sockets at
     * once, and reading their pongs, delayed the events broadcast at the same moment (docs/benchmarks-classroom.md,
     * "Session 5").
     */
    private static final int PING_SLICES = 20;
    /** Observers get tiles every this many ticks; the master every tick. */
    private static final int OBSERVER_TILES_EVERY_TICKS = 5;

    /** A command sequenced here but not yet committed: who sent it (null: the server) and who awaits the ack. */
    private record Queued(Event event, Rules.Sender sender, List<Peer> ackTo, long receivedNs) {}

    private final long id;
    private final Vertx vertx;
    private final Context context;
    private final EventStore store;
    private final SessionDirectory directory;
    private final SessionDirectory.SessionInfo info;
    private Rules.Session rules;
    private final Limits limits;
    private final Media media;
    private final Runnable onClose;
    private final Set<Peer> peers = new LinkedHashSet<>();
    private final Map<Context, Set<Peer>> groups = new HashMap<>();
    private final Map<Context, Peer[]> byContext = new HashMap<>();
    private final ArrayDeque<Event> recent = new ArrayDeque<>();
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    /** Commands sequenced here and not yet committed, by {@code user:cmdId} (duplicates wait for the commit). */
    private final Map<String, Queued> unconfirmed = new HashMap<>();
    /** Events committed by other nodes that arrived while a write was in flight. */
    private final List<Event> stash = new ArrayList<>();
    /** Commands waiting for a read of the log before they are judged (several nodes only). */
    private final ArrayDeque<Runnable> deferred = new ArrayDeque<>();
    private boolean deferring;
    private final Cluster cluster;
    private final Map<String, Long> commands = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > DEDUP_CAPACITY;
        }
    };
    private final Promise<Void> ready = Promise.promise();
    private ClassroomState pending = ClassroomState.initial();
    private ClassroomState committed = ClassroomState.initial();
    private boolean writing;
    private int failures;
    private long sinceSnapshot;
    private String pointer;
    private Peer pointerFrom;
    private boolean pointerScheduled;
    private long tilesTimer = -1;
    private long pingTimer = -1;
    private long pingTicks;
    private boolean wentLive;
    private boolean closed;
    private long ticks;
    /** Devices joined and left per classroom since the last tick ({joined, left}), flushed as one event. */
    private final Map<Long, int[]> presence = new LinkedHashMap<>();

    SessionHub(long id, Vertx vertx, Context context, EventStore store, SessionDirectory directory,
            SessionDirectory.SessionInfo info, Limits limits, Media media, Cluster cluster, Runnable onClose) {
        this.media = media;
        this.cluster = cluster;
        this.id = id;
        this.directory = directory;
        this.vertx = vertx;
        this.context = context;
        this.store = store;
        this.info = info;
        this.limits = limits;
        this.onClose = onClose;
        this.rules = new Rules.Session(info.ref().classrooms().stream().map(c -> c.terminalId())
                .collect(Collectors.toUnmodifiableSet()), info.pageCount() > 0 ? info.pageCount() : 50);
        context.runOnContext(v -> load());
    }

    public long id() {
        return id;
    }

    public SessionDirectory.SessionInfo info() {
        return info;
    }

    /** The courseware changed: pages up to {@code pageCount} may be shown. */
    public void pages(int pageCount) {
        context.runOnContext(v -> rules = new Rules.Session(rules.classrooms(), pageCount > 0 ? pageCount : 50));
    }

    /** Resolves once the log is loaded. */
    public Future<Void> ready() {
        return ready.future();
    }

    /** The committed state (for tests and the summary of a live session). */
    public Future<ClassroomState> state() {
        return run(() -> committed);
    }

    private void load() {
        store.load(id).onSuccess(loaded -> {
            commands.putAll(loaded.commands());
            ClassroomState s = loaded.snapshot();
            for (Event e : loaded.events()) {
                s = s.apply(e);
                remember(e);
                if (e.cmdId() != null) {
                    commands.put(e.actorId() + ":" + e.cmdId(), e.seq());
                }
            }
            pending = s;
            committed = s;
            wentLive = s.seq() > 0;
            sinceSnapshot = loaded.events().size();
            if (!s.connected().isEmpty() && !cluster.enabled()) {
                sequence(new Event(0, info.ref().masterId(), null, null, 0, new Payload.Presence(0, 0)), null, null,
                        System.nanoTime());
            }
            ready.complete();
        }).onFailure(ready::fail);
    }

    /** Adds a peer and sends it what it misses since {@code lastSeq}: the events, or a snapshot. */
    public void join(Peer peer, long lastSeq) {
        context.runOnContext(v -> {
            if (cluster.enabled() && lastSeq > committed.seq() && !closed) {
                catchUp(() -> welcome(peer, lastSeq));
            } else {
                welcome(peer, lastSeq);
            }
        });
    }

    private void welcome(Peer peer, long lastSeq) {
        {
            if (closed) {
                peer.send(error("hub_moved", "the session was reloaded; reconnect", null));
                peer.close((short) 1012, "hub_moved");
                return;
            }
            JsonObject welcome = new JsonObject().put("type", "welcome").put("session", id).put("seq", committed.seq())
                    .put("role", peer.sender().seat().name().toLowerCase()).put("you", peer.sender().userId())
                    .put("classroom", peer.sender().classroom()).put("media", media.toJson(peer
                            .sender().userId(), System.currentTimeMillis()));
            if (lastSeq > committed.seq()) {
                peer.send(error("seq_in_future", "you resumed from " + lastSeq + " but the session is at "
                        + committed.seq() + "; here is a snapshot", null));
                welcome.put("snapshot", committed.toJson());
            } else if (lastSeq == committed.seq()) {
                welcome.put("events", new JsonArray());
            } else if (!recent.isEmpty() && recent.peekFirst().seq() <= lastSeq + 1) {
                JsonArray events = new JsonArray();
                recent.stream().filter(e -> e.seq() > lastSeq).forEach(e -> events.add(e.toJson(id)));
                welcome.put("events", events);
            } else {
                welcome.put("snapshot", committed.toJson());
            }
            peer.send(welcome);
            peers.add(peer);
            groups.computeIfAbsent(loopOf(peer), c -> new LinkedHashSet<>()).add(peer);
            regroup(loopOf(peer));
            if (peer.sender().seat() == ClassSeat.CLASSROOM) {
                presence.computeIfAbsent(peer.sender().classroom(), c -> new int[2])[0]++;
            }
            if (peer.sender().seat() == ClassSeat.MASTER && !wentLive) {
                wentLive = true;
                statusLater("LIVE");
            }
            startTiles();
        }
    }

    /** Removes a peer (socket closed). */
    public void leave(Peer peer) {
        context.runOnContext(v -> {
            if (!peers.remove(peer)) {
                return;
            }
            Set<Peer> group = groups.get(loopOf(peer));
            if (group != null) {
                group.remove(peer);
            }
            regroup(loopOf(peer));
            if (peer.sender().seat() == ClassSeat.CLASSROOM) {
                presence.computeIfAbsent(peer.sender().classroom(), c -> new int[2])[1]++;
            }
            if (peers.isEmpty()) {
                vertx.setTimer(IDLE_EVICTION_MS, t -> context.runOnContext(x -> evictIfIdle()));
            }
        });
    }

    /** A session nobody has joined for a while leaves memory; the next join reloads it from the log. */
    private void evictIfIdle() {
        if (peers.isEmpty() && queue.isEmpty() && presence.isEmpty() && !writing && !closed) {
            closed = true;
            cluster.leave(this);
            stopTimers();
            onClose.run();
        }
    }

    /** A reliable command: acknowledged again if already known, else checked, sequenced and persisted. */
    public void submit(Peer peer, ClientMessage.Reliable cmd) {
        context.runOnContext(v -> {
            long received = System.nanoTime();
            if (deferring) {
                deferred.add(() -> accept(peer, cmd, received, true));
            } else {
                accept(peer, cmd, received, false);
            }
        });
    }

    private void accept(Peer peer, ClientMessage.Reliable cmd, long received, boolean lastWord) {
        String key = peer.sender().userId() + ":" + cmd.cmdId();
        if (reack(peer, key, cmd.cmdId())) {
            return;
        }
        try {
            Rules.check(rules, pending, peer.sender(), cmd.payload());
        } catch (ProtocolException e) {
            if (cluster.enabled() && !lastWord) {
                // with several nodes this hub may not know the latest events yet (a quiz another node just
                // opened): read the log, then judge again; later commands wait so that their order is kept
                deferring = true;
                deferred.add(() -> accept(peer, cmd, received, true));
                catchUp(this::runDeferred);
                return;
            }
            peer.send(error(e.code(), e.getMessage(), cmd.cmdId()));
            return;
        } catch (RuntimeException e) {
            LOG.warn("session {}: checking a command failed", id, e);
            peer.send(error("internal_error", "the server could not handle this command", cmd.cmdId()));
            return;
        }
        Event event = new Event(0, peer.sender().userId(), peer.sender().classroom(), cmd.cmdId(), 0, cmd
                .payload());
        sequence(event, peer.sender(), peer, received);
    }

    private void runDeferred() {
        deferring = false;
        while (!deferred.isEmpty() && !deferring) {
            deferred.poll().run();
        }
    }

    /** The master's pointer: keeps only the latest and sends it at most every few tens of milliseconds. */
    public void pointer(Peer peer, ClientMessage.Pointer p) {
        context.runOnContext(v -> {
            pointer = new JsonObject().put("type", "pointer").put("session", id).put("page", p.page()).put("x", p.x())
                    .put("y", p.y()).encode();
            pointerFrom = peer;
            if (!pointerScheduled) {
                pointerScheduled = true;
                vertx.setTimer(limits.pointerIntervalMs(), t -> context.runOnContext(x -> flushPointer()));
            }
        });
    }

    /** Relays a WebRTC signaling message to every socket of one user in this session. */
    public void signal(Peer from, ClientMessage.Signal s) {
        context.runOnContext(v -> {
            JsonObject message = new JsonObject().put("type", "signal").put("session", id).put("kind", s.kind())
                    .put("from", from.sender().userId()).put("fromRole", from.sender().seat().name().toLowerCase())
                    .put("fromClassroom", from.sender().classroom()).put("data", s.data());
            boolean fromMaster = from.sender().seat() == ClassSeat.MASTER;
            List<Peer> targets = peers.stream().filter(p -> p.sender().userId() == s.to() && (fromMaster || p
                    .sender().seat() == ClassSeat.MASTER)).toList();
            if (cluster.enabled()) {
                cluster.volatileMessage(this, message.encode(), s.to(), fromMaster);
            } else if (targets.isEmpty()) {
                from.send(error("no_such_peer", "that user is not connected", null));
            }
            targets.forEach(p -> p.send(message));
        });
    }

    private void flushPointer() {
        pointerScheduled = false;
        String message = pointer;
        Peer from = pointerFrom;
        if (cluster.enabled()) {
            cluster.volatileMessage(this, message, 0, true);
        }
        byContext.forEach((ctx, group) -> ctx.runOnContext(v -> {
            for (Peer p : group) {
                if (p != from && !p.congested()) {
                    p.write(message);
                }
            }
        }));
    }

    private void sequence(Event draft, Rules.Sender sender, Peer ackTo, long receivedNs) {
        List<Peer> acks = new ArrayList<>(1);
        if (ackTo != null) {
            acks.add(ackTo);
        }
        enqueue(draft, sender, acks, receivedNs);
        write();
    }

    private void enqueue(Event draft, Rules.Sender sender, List<Peer> acks, long receivedNs) {
        Event event = new Event(pending.seq() + 1, draft.actorId(), draft.classroom(), draft.cmdId(),
                System.currentTimeMillis(), draft.payload());
        pending = pending.apply(event);
        Queued q = new Queued(event, sender, acks, receivedNs);
        if (event.cmdId() != null) {
            unconfirmed.put(event.actorId() + ":" + event.cmdId(), q);
        }
        queue.add(q);
    }

    private void write() {
        if (writing || queue.isEmpty()) {
            return;
        }
        writing = true;
        if (cluster.enabled()) {
            writeLocked();
            return;
        }
        List<Queued> batch = new ArrayList<>(queue);
        queue.clear();
        store.append(id, batch.stream().map(Queued::event).toList()).onComplete(ar -> context.runOnContext(v -> written(
                batch, ar)));
    }

    /**
     * Several nodes: in one transaction holding the session's advisory lock, read what other nodes appended after
     * our committed state, apply it, judge and sequence our queued commands after it, and append them. Appenders
     * of one session are serialized by PostgreSQL, so nobody loses a race over and over.
     */
    private void writeLocked() {
        List<List<Queued>> taken = new ArrayList<>(1);
        store.appendAfter(id, committed.seq(), missed -> {
            Promise<List<Event>> decided = Promise.promise();
            context.runOnContext(v -> {
                if (!missed.isEmpty()) {
                    integrate(missed);
                    rebase();
                }
                List<Queued> batch = new ArrayList<>(queue);
                queue.clear();
                taken.add(batch);
                decided.complete(batch.stream().map(Queued::event).toList());
            });
            return decided.future();
        }).onComplete(ar -> context.runOnContext(v -> written(taken.isEmpty() ? List.of() : taken.get(0), ar)));
    }

    private void written(List<Queued> batch, io.vertx.core.AsyncResult<Void> ar) {
        {
            writing = false;
            if (closed) {
                return;
            }
            if (ar.succeeded()) {
                failures = 0;
                long persisted = System.nanoTime();
                List<String> messages = new ArrayList<>(batch.size());
                batch.forEach(q -> messages.add(commit(q)));
                broadcast(messages);
                batch.forEach(q -> q.ackTo().forEach(p -> p.send(ack(q.event().cmdId(), q.event().seq(), false))));
                cluster.published(this, messages);
                long broadcastNs = System.nanoTime();
                batch.forEach(
                        q -> cluster.metrics().appended(persisted - q.receivedNs(), broadcastNs - q.receivedNs()));
                snapshotIfDue(batch.size());
                if (!stash.isEmpty()) {
                    List<Event> remote = new ArrayList<>(stash);
                    stash.clear();
                    fromOtherNode(remote);
                    return;
                }
            } else if (cn.tongbei.platform.db.Databases.isUniqueViolation(ar.cause())) {
                // another node appended this sequence number (or this command) first: learn what it wrote from
                // the log, then check and sequence our commands again after it
                cluster.metrics().conflict();
                batch.reversed().forEach(queue::addFirst);
                catchUp(() -> {
                });
                return;
            } else if (++failures > MAX_WRITE_RETRIES) {
                LOG.error("session {}: the event log cannot be written, closing the session hub", id, ar.cause());
                shutDown();
                return;
            } else {
                LOG.warn("session {}: writing {} events failed, retrying: {}", id, batch.size(), ar.cause()
                        .getMessage());
                batch.reversed().forEach(queue::addFirst);
                vertx.setTimer(100L * failures, t -> context.runOnContext(x -> write()));
                return;
            }
            write();
        }
    }

    private String commit(Queued q) {
        Event e = q.event();
        if (e.cmdId() != null) {
            String key = e.actorId() + ":" + e.cmdId();
            unconfirmed.remove(key);
            commands.put(key, e.seq());
        }
        committed = committed.apply(e);
        remember(e);
        if (e.payload() instanceof Payload.End) {
            statusLater("ENDED");
        }
        return e.toJson(id).encode();
    }

    /**
     * One task per event loop writes the batch to that loop's sockets, in order. Each message is encoded once into
     * websocket frames that every socket writes (TextFrames); the last task to finish frees them.
     */
    private void broadcast(List<String> messages) {
        int tasks = byContext.size();
        if (tasks == 0) {
            return;
        }
        List<TextFrames.Shared> shared = new ArrayList<>(messages.size());
        messages.forEach(m -> shared.add(TextFrames.share(m, tasks)));
        byContext.forEach((ctx, group) -> ctx.runOnContext(v -> {
            try {
                for (Peer p : group) {
                    for (TextFrames.Shared m : shared) {
                        p.write(m);
                    }
                }
            } finally {
                shared.forEach(TextFrames.Shared::release);
            }
        }));
    }

    /**
     * The event loop's own context under a socket's (per-request, duplicated) context: broadcasts run one task
     * per event loop rather than one per socket.
     */
    private static Context loopOf(Peer peer) {
        return ((io.vertx.core.internal.ContextInternal) peer.context()).unwrap();
    }

    /** Rebuilds the (copy-on-write) array of one event loop's sockets, which broadcast tasks read. */
    private void regroup(Context ctx) {
        Set<Peer> group = groups.get(ctx);
        if (group == null || group.isEmpty()) {
            groups.remove(ctx);
            byContext.remove(ctx);
        } else {
            byContext.put(ctx, group.toArray(Peer[]::new));
        }
    }

    /** A command already known: acknowledged again now (committed) or when it commits; false if new. */
    private boolean reack(Peer peer, String key, String cmdId) {
        Long known = commands.get(key);
        if (known != null) {
            peer.send(ack(cmdId, known, true));
            return true;
        }
        Queued waiting = unconfirmed.get(key);
        if (waiting != null) {
            waiting.ackTo().add(peer);
            return true;
        }
        return false;
    }

    // ---- several nodes: the log in PostgreSQL is the arbiter, the event bus carries committed events ----

    /** Events another node committed (from the event bus, any thread). */
    void onOtherNode(List<Event> events) {
        context.runOnContext(v -> fromOtherNode(events));
    }

    /** Applies other nodes' events if they continue the log, else reads the log. */
    private void fromOtherNode(List<Event> events) {
        if (closed || !ready.future().isComplete()) {
            return;
        }
        if (writing) {
            stash.addAll(events);
            return;
        }
        if (integrate(events)) {
            rebase();
            write();
        } else {
            cluster.metrics().gapFilled();
            catchUp(() -> {
            });
        }
    }

    /** Reads what the log holds after our committed state, applies it, sequences our queued commands after it. */
    private void catchUp(Runnable then) {
        if (closed) {
            then.run();
            return;
        }
        if (writing) {
            vertx.setTimer(5, t -> context.runOnContext(v -> catchUp(then)));
            return;
        }
        writing = true;
        store.events(id, committed.seq(), Integer.MAX_VALUE).onComplete(ar -> context.runOnContext(v -> {
            writing = false;
            if (ar.succeeded()) {
                integrate(ar.result());
                rebase();
            } else {
                LOG.warn("session {}: reading the log failed: {}", id, ar.cause().getMessage());
            }
            then.run();
            write();
        }));
    }

    /** Committed events of other nodes, applied in order and broadcast; false at a gap. */
    private boolean integrate(List<Event> events) {
        List<String> messages = new ArrayList<>();
        boolean continuous = true;
        for (Event e : events) {
            if (e.seq() <= committed.seq()) {
                continue;
            }
            if (e.seq() != committed.seq() + 1) {
                continuous = false;
                break;
            }
            if (e.cmdId() != null) {
                commands.put(e.actorId() + ":" + e.cmdId(), e.seq());
            }
            committed = committed.apply(e);
            remember(e);
            messages.add(e.toJson(id).encode());
        }
        if (!messages.isEmpty()) {
            cluster.metrics().remote(messages.size());
            broadcast(messages);
        }
        return continuous;
    }

    /**
     * After other nodes' events: our queued commands are checked and sequenced again after them. Commands the log
     * already has (sent again to another node) are acknowledged as duplicates; ones no longer allowed get their
     * error.
     */
    private void rebase() {
        if (queue.isEmpty()) {
            pending = committed;
            return;
        }
        List<Queued> old = new ArrayList<>(queue);
        queue.clear();
        unconfirmed.clear();
        pending = committed;
        for (Queued q : old) {
            Event e = q.event();
            String key = e.cmdId() == null ? null : e.actorId() + ":" + e.cmdId();
            if (key != null) {
                Long known = commands.get(key);
                if (known != null) {
                    q.ackTo().forEach(p -> p.send(ack(e.cmdId(), known, true)));
                    continue;
                }
                Queued twin = unconfirmed.get(key);
                if (twin != null) {
                    twin.ackTo().addAll(q.ackTo());
                    continue;
                }
            }
            if (q.sender() != null) {
                try {
                    Rules.check(rules, pending, q.sender(), e.payload());
                } catch (ProtocolException ex) {
                    q.ackTo().forEach(p -> p.send(error(ex.code(), ex.getMessage(), e.cmdId())));
                    continue;
                }
            }
            enqueue(e, q.sender(), q.ackTo(), q.receivedNs());
        }
    }

    /** Closes every socket of this hub (the node is draining): clients reconnect, maybe elsewhere, and resume. */
    public void closeAll(short code, String reason) {
        context.runOnContext(v -> new ArrayList<>(peers).forEach(p -> p.close(code, reason)));
    }

    /** A volatile message from another node (pointer, signal) for this node's sockets. */
    void volatileFromOtherNode(String message, long toUser, boolean fromMaster) {
        context.runOnContext(v -> {
            if (toUser == 0) {
                byContext.forEach((ctx, group) -> ctx.runOnContext(x -> {
                    for (Peer p : group) {
                        if (!p.congested()) {
                            p.write(message);
                        }
                    }
                }));
                return;
            }
            peers.stream().filter(p -> p.sender().userId() == toUser && (fromMaster || p.sender()
                    .seat() == ClassSeat.MASTER)).forEach(p -> p.send(message));
        });
    }

    private void remember(Event e) {
        recent.addLast(e);
        while (recent.size() > limits.replayWindow()) {
            recent.removeFirst();
        }
    }

    private void snapshotIfDue(int appended) {
        sinceSnapshot += appended;
        if (sinceSnapshot >= limits.snapshotEvery()) {
            sinceSnapshot = 0;
            store.snapshot(id, committed).onFailure(e -> LOG.warn("session {}: snapshot failed: {}", id, e
                    .getMessage()));
        }
    }

    private void statusLater(String status) {
        directory.status(id, status).onFailure(e -> LOG.warn("session {}: status {} not saved",
                id, status, e));
    }

    private void startTiles() {
        if (tilesTimer >= 0) {
            return;
        }
        tilesTimer = vertx.setPeriodic(1000, t -> context.runOnContext(v -> sendTiles()));
        pingTimer = vertx.setPeriodic(PING_INTERVAL_MS / PING_SLICES, t -> context.runOnContext(v -> pingSlice()));
    }

    private void stopTimers() {
        if (tilesTimer >= 0) {
            vertx.cancelTimer(tilesTimer);
            vertx.cancelTimer(pingTimer);
            tilesTimer = -1;
            pingTimer = -1;
        }
    }

    /** Pings one slice of every event loop's sockets: each socket once per {@link #PING_INTERVAL_MS}. */
    private void pingSlice() {
        int slice = (int) (pingTicks++ % PING_SLICES);
        byContext.forEach((ctx, group) -> ctx.runOnContext(v -> {
            for (int i = slice; i < group.length; i += PING_SLICES) {
                group[i].ping();
            }
        }));
    }

    /** One event for every device that came or went since the last tick (the summary's join/leave times). */
    private void flushPresence() {
        if (presence.isEmpty() || closed) {
            return;
        }
        List<Payload.RoomPresence> rooms = new ArrayList<>(presence.size());
        presence.forEach((room, n) -> rooms.add(new Payload.RoomPresence(room, n[0], n[1])));
        presence.clear();
        sequence(new Event(0, info.ref().masterId(), null, null, 0, new Payload.PresenceBatch(List.copyOf(rooms))),
                null, null, System.nanoTime());
    }

    private void sendTiles() {
        flushPresence();
        if (cluster.enabled() && !writing && !closed) {
            catchUp(() -> {
            });
        }
        if (peers.isEmpty()) {
            stopTimers();
            return;
        }
        ticks++;
        boolean observersToo = ticks % OBSERVER_TILES_EVERY_TICKS == 0;
        List<Peer> watchers = peers.stream().filter(p -> p.sender().seat() == ClassSeat.MASTER || (observersToo && p
                .sender().seat() == ClassSeat.OBSERVER)).toList();
        if (watchers.isEmpty()) {
            return;
        }
        JsonArray tiles = new JsonArray();
        peers.stream().filter(p -> p.sender().seat() == ClassSeat.CLASSROOM).forEach(p -> tiles.add(p.tile()
                .put("classroom", p.sender().classroom()).put("user", p.sender().userId())));
        String message = new JsonObject().put("type", "tiles").put("session", id).put("devices", tiles).encode();
        watchers.stream().filter(p -> !p.congested()).forEach(p -> p.send(message));
    }

    private void shutDown() {
        closed = true;
        cluster.leave(this);
        stopTimers();
        new ArrayList<>(peers).forEach(p -> p.close((short) 1011, "storage_unavailable"));
        peers.clear();
        groups.clear();
        byContext.clear();
        onClose.run();
    }

    private <T> Future<T> run(java.util.function.Supplier<T> supplier) {
        Promise<T> promise = Promise.promise();
        context.runOnContext(v -> promise.complete(supplier.get()));
        return promise.future();
    }

    static JsonObject error(String code, String detail, String cmdId) {
        JsonObject e = new JsonObject().put("type", "error").put("code", code).put("message", detail);
        if (cmdId != null) {
            e.put("cmdId", cmdId);
        }
        return e;
    }

    static String ack(String cmdId, long seq, boolean duplicate) {
        return new JsonObject().put("type", "ack").put("cmdId", cmdId).put("seq", seq).put("duplicate", duplicate)
                .encode();
    }
}
