package cn.tongbei.lessons.coedit;

import cn.tongbei.identity.Authenticator;
import cn.tongbei.platform.http.WebSocketUpgrade;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The realtime hub of co-editing: the websocket endpoint {@code /ws/coedit}, one {@link Sequencer} per open
 * document and the editors connected to it. Everything that touches documents and sessions runs on the hub's
 * own Vert.x context, so each document has exactly one writer per node. Protocol: {@code docs/protocols/coedit.md}.
 *
 * <p>In cluster mode ({@link Vertx#isClustered()}), the hub of every node that has a document open listens on the
 * event bus address {@code tongbei.coedit.<docId>}: committed changes are published there for the other nodes'
 * editors (their sequencers apply them in order, filling gaps from PostgreSQL), as are presence and leave
 * messages. Alone, a node publishes nothing and subscribes to nothing.
 */
public final class CoeditHub {
    /** The websocket path. */
    public static final String PATH = "/ws/coedit";

    private final Vertx vertx;
    private final Context context;
    private final DocStore store;
    private final Authenticator authenticator;
    private final DocAccess access;
    private final CoeditSettings settings;
    private final Map<Long, Future<Sequencer>> sequencers = new HashMap<>();
    private final Map<Long, Set<Connection>> editors = new HashMap<>();
    private final Set<Connection> sockets = new LinkedHashSet<>();
    private final Map<Long, MessageConsumer<String>> consumers = new HashMap<>();
    private final Map<Long, Map<String, JsonObject>> remotePresences = new HashMap<>();
    private final boolean clustered;
    private final String nodeId = UUID.randomUUID().toString();
    private final AtomicInteger openSockets = new AtomicInteger();
    private final Timer commitLatency;
    private final Counter fanout;
    private final Counter published;
    private final Counter conflicts;
    private boolean draining;

    private CoeditHub(Vertx vertx, Context context, DocStore store, Authenticator authenticator, DocAccess access,
            CoeditSettings settings, MeterRegistry meters) {
        this.vertx = vertx;
        this.context = context;
        this.store = store;
        this.authenticator = authenticator;
        this.access = access;
        this.settings = settings;
        this.clustered = vertx.isClustered();
        this.commitLatency = Timer.builder("tongbei.coedit.commit.latency")
                .description("co-edit submission received to committed in PostgreSQL").publishPercentileHistogram()
                .register(meters);
        this.fanout = Counter.builder("tongbei.coedit.fanout")
                .description("co-edit messages written to editors' websockets for committed changes")
                .register(meters);
        this.published = Counter.builder("tongbei.coedit.bus.published")
                .description("co-edit messages published to the other nodes on the event bus").register(meters);
        this.conflicts = Counter.builder("tongbei.coedit.conflicts")
                .description("co-edit batches that lost the insert race to another node (caught up and retried)")
                .register(meters);
        Gauge.builder("tongbei.coedit.sockets", openSockets, AtomicInteger::get)
                .description("open co-edit websockets on this node").register(meters);
    }

    /** Creates the hub on a context of its own, with meters nobody reads (tests). */
    public static Future<CoeditHub> create(Vertx vertx, DocStore store, Authenticator authenticator, DocAccess access,
            CoeditSettings settings) {
        return create(vertx, store, authenticator, access, settings, new SimpleMeterRegistry());
    }

    /** Creates the hub on a context of its own; its meters ({@code tongbei.coedit.*}) go to {@code meters}. */
    public static Future<CoeditHub> create(Vertx vertx, DocStore store, Authenticator authenticator, DocAccess access,
            CoeditSettings settings, MeterRegistry meters) {
        Promise<Context> ctx = Promise.promise();
        return vertx.deployVerticle(new VerticleBase() {
            @Override
            public Future<?> start() {
                ctx.complete(context);
                return Future.succeededFuture();
            }
        }).compose(id -> ctx.future())
                .map(c -> new CoeditHub(vertx, c, store, authenticator, access, settings, meters));
    }

    /** Mounts the websocket endpoint on the root router. */
    public void mount(Router root) {
        root.route(PATH).handler(this::upgrade);
    }

    private void upgrade(RoutingContext ctx) {
        WebSocketUpgrade.accept(ctx).onSuccess(ws -> new Connection(this, ws)).onFailure(ctx::fail);
    }

    void opened(Connection c) {
        openSockets.incrementAndGet();
        sockets.add(c);
        if (draining) {
            c.closeForDrain();
        }
    }

    void closed(Connection c) {
        if (sockets.remove(c)) {
            openSockets.decrementAndGet();
        }
    }

    /**
     * At the end of a graceful shutdown's drain: closes every co-edit websocket with 1012 ("reconnect,
     * maybe elsewhere"), and any opened later; clients rejoin another node and resync from their revision.
     */
    public Future<Integer> drain() {
        return onHub(() -> {
            draining = true;
            List<Future<Void>> closing = new ArrayList<>();
            for (Connection c : List.copyOf(sockets)) {
                closing.add(c.closeForDrain().recover(e -> Future.succeededFuture()));
            }
            return Future.all(closing).map(x -> closing.size());
        });
    }

    Context context() {
        return context;
    }

    Vertx vertx() {
        return vertx;
    }

    DocStore store() {
        return store;
    }

    Authenticator authenticator() {
        return authenticator;
    }

    DocAccess access() {
        return access;
    }

    CoeditSettings settings() {
        return settings;
    }

    /** The document's sequencer, opened on first use (on the hub context). */
    Future<Sequencer> sequencer(long docId) {
        Future<Sequencer> f = sequencers.get(docId);
        if (f != null && (f.failed() || f.succeeded() && !f.result().healthy())) {
            sequencers.remove(docId);
            f = null;
        }
        if (f == null) {
            Sequencer.Listener listener = new Sequencer.Listener() {
                @Override
                public void committed(List<Change> changes) {
                    broadcast(docId, changes);
                    publishChanges(docId, changes);
                }

                @Override
                public void learned(List<Change> changes) {
                    broadcast(docId, changes);
                }

                @Override
                public void conflict() {
                    conflicts.increment();
                }

                @Override
                public void commitLatency(long nanos) {
                    commitLatency.record(nanos, TimeUnit.NANOSECONDS);
                }
            };
            f = subscribe(docId).compose(v -> Sequencer.open(docId, store, settings, listener, clustered));
            sequencers.put(docId, f);
        }
        return f;
    }

    private static String address(long docId) {
        return "tongbei.coedit." + docId;
    }

    /** In cluster mode: listens to the other nodes' changes and presence for a document (before loading it). */
    private Future<Void> subscribe(long docId) {
        if (!clustered) {
            return Future.succeededFuture();
        }
        MessageConsumer<String> consumer = consumers.get(docId);
        if (consumer == null) {
            consumer = vertx.eventBus().consumer(address(docId), m -> fromOtherNode(docId, m.body()));
            consumers.put(docId, consumer);
        }
        return consumer.completion();
    }

    private void unsubscribe(long docId) {
        MessageConsumer<String> consumer = consumers.remove(docId);
        remotePresences.remove(docId);
        if (consumer != null) {
            consumer.unregister();
        }
    }

    private void fromOtherNode(long docId, String body) {
        JsonObject msg = new JsonObject(body);
        if (nodeId.equals(msg.getString("node"))) {
            return;
        }
        if (msg.containsKey("changes")) {
            List<Change> changes = new ArrayList<>();
            for (Object o : msg.getJsonArray("changes")) {
                JsonObject c = (JsonObject) o;
                changes.add(new Change(docId, c.getInteger("revision"), c.getString("clientId"), c.getLong("seq"),
                        c.getLong("authorId", 0L), PlainJson.delta(c.getValue("delta"))));
            }
            Future<Sequencer> f = sequencers.get(docId);
            if (f != null) {
                f.onSuccess(seq -> seq.learn(changes));
            }
            return;
        }
        if (msg.getBoolean("accessChanged", false)) {
            closeForAccessChange(docId);
            return;
        }
        String relayed = msg.getString("relay");
        if (relayed == null) {
            return;
        }
        JsonObject inner = new JsonObject(relayed);
        String clientId = inner.getString("clientId");
        if ("presence".equals(inner.getString("type"))) {
            remotePresences.computeIfAbsent(docId, k -> new HashMap<>()).put(clientId, inner);
        } else if ("leave".equals(inner.getString("type"))) {
            Map<String, JsonObject> map = remotePresences.get(docId);
            if (map != null) {
                map.remove(clientId);
            }
        }
        for (Connection c : editors.getOrDefault(docId, Set.of())) {
            if (!clientId.equals(c.clientId())) {
                c.send(relayed);
            }
        }
    }

    private void publishChanges(long docId, List<Change> changes) {
        if (!clustered) {
            return;
        }
        JsonArray list = new JsonArray();
        for (Change c : changes) {
            list.add(new JsonObject().put("revision", c.revision()).put("clientId", c.clientId()).put("seq", c.seq())
                    .put("authorId", c.authorId()).put("delta", PlainJson.json(c.delta())));
        }
        vertx.eventBus().publish(address(docId), new JsonObject().put("node", nodeId).put("changes", list).encode());
        published.increment();
    }

    private void publishRelay(long docId, String message) {
        if (!clustered) {
            return;
        }
        vertx.eventBus().publish(address(docId), new JsonObject().put("node", nodeId).put("relay", message).encode());
        published.increment();
    }

    /** Runs {@code task} on the hub context and returns its result there. */
    <T> Future<T> onHub(java.util.function.Supplier<Future<T>> task) {
        Promise<T> p = Promise.promise();
        context.runOnContext(v -> {
            try {
                task.get().onComplete(p);
            } catch (RuntimeException e) {
                p.fail(e);
            }
        });
        return p.future();
    }

    void join(Connection c) {
        editors.computeIfAbsent(c.docId(), k -> new LinkedHashSet<>()).add(c);
        Map<String, JsonObject> remote = remotePresences.get(c.docId());
        if (remote != null) {
            remote.remove(c.clientId()); // it was on another node before
        }
    }

    void leave(Connection c) {
        Set<Connection> set = editors.get(c.docId());
        if (set == null || !set.remove(c)) {
            return;
        }
        String msg = new JsonObject().put("type", "leave").put("clientId", c.clientId()).encode();
        set.forEach(other -> other.send(msg));
        publishRelay(c.docId(), msg);
        if (set.isEmpty()) {
            editors.remove(c.docId());
            closeIfUnused(c.docId());
        }
    }

    /** The latest presence of every other editor of a document. */
    JsonArray presences(Connection self) {
        JsonArray out = new JsonArray();
        for (Connection c : editors.getOrDefault(self.docId(), Set.of())) {
            if (c != self && c.lastPresence() != null) {
                out.add(c.lastPresence());
            }
        }
        for (JsonObject p : remotePresences.getOrDefault(self.docId(), Map.of()).values()) {
            if (!p.getString("clientId").equals(self.clientId())) {
                out.add(p);
            }
        }
        return out;
    }

    /** Sends to every editor of the document but {@code self}. */
    void relay(Connection self, String message) {
        for (Connection c : editors.getOrDefault(self.docId(), Set.of())) {
            if (c != self) {
                c.send(message);
            }
        }
        publishRelay(self.docId(), message);
    }

    /**
     * Sends committed changes to the document's editors. A single change goes to the others as a
     * {@code change}; a group-committed batch goes to everyone as one {@code changes} message, encoded once
     * (senders recognize their own changes by client id and sequence number), which divides the number of
     * websocket writes by the batch size under load.
     */
    private void broadcast(long docId, List<Change> changes) {
        Set<Connection> set = editors.get(docId);
        if (set == null) {
            return;
        }
        if (changes.size() == 1) {
            Change only = changes.get(0);
            String encoded = Connection.changeMessage(only).encode();
            for (Connection c : set) {
                if (!only.clientId().equals(c.clientId())) {
                    c.send(encoded);
                    fanout.increment();
                }
            }
            return;
        }
        JsonArray list = new JsonArray();
        changes.forEach(ch -> list.add(Connection.changeMessage(ch)));
        String encoded = new JsonObject().put("type", "changes").put("changes", list).encode();
        for (Connection c : set) {
            c.send(encoded);
        }
        fanout.increment(set.size());
    }

    /**
     * Closes every connection to a document (code 4001) because who may edit it changed, e.g. a workflow
     * transition; clients rejoin and are authorized again.
     */
    public Future<Void> accessChanged(long docId) {
        return onHub(() -> {
            closeForAccessChange(docId);
            if (clustered) {
                vertx.eventBus().publish(address(docId),
                        new JsonObject().put("node", nodeId).put("accessChanged", true).encode());
            }
            return Future.succeededFuture();
        });
    }

    private void closeForAccessChange(long docId) {
        for (Connection c : List.copyOf(editors.getOrDefault(docId, Set.of()))) {
            c.closeForAccessChange();
        }
    }

    /** Submits a change made by the server on a user's behalf (e.g. restoring a version). */
    public Future<Sequencer.Outcome> submit(long docId, Sequencer.Submission s) {
        return onHub(() -> sequencer(docId).compose(seq -> seq.submit(s)).onComplete(x -> closeIfUnused(docId)));
    }

    /** The head revision and content of a document. */
    public Future<DocStore.Loaded> head(long docId) {
        return onHub(() -> sequencer(docId).map(seq -> new DocStore.Loaded(seq.revision(), seq.content()))
                .onComplete(x -> closeIfUnused(docId)));
    }

    /** Drops a document opened for a REST call (head, restore) when no editor has it open and it is idle. */
    private void closeIfUnused(long docId) {
        Future<Sequencer> f = sequencers.get(docId);
        if (!editors.containsKey(docId) && f != null && f.isComplete() && (f.failed() || f.result().idle())) {
            sequencers.remove(docId);
            unsubscribe(docId);
        }
    }

    /** Number of documents open in memory (for tests and metrics). */
    public Future<Integer> openDocuments() {
        return onHub(() -> Future.succeededFuture(sequencers.size()));
    }
}
