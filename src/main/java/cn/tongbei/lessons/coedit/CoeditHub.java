package cn.tongbei.lessons.coedit;

import cn.tongbei.identity.Authenticator;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
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

/**
 * The realtime hub of co-editing: the websocket endpoint {@code /ws/coedit}, one {@link Sequencer} per open
 * document and the editors connected to it. Everything that touches documents and sessions runs on the hub's
 * own Vert.x context, so each document has exactly one writer. Protocol: {@code docs/protocols/coedit.md}.
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

    private CoeditHub(Vertx vertx, Context context, DocStore store, Authenticator authenticator, DocAccess access,
            CoeditSettings settings) {
        this.vertx = vertx;
        this.context = context;
        this.store = store;
        this.authenticator = authenticator;
        this.access = access;
        this.settings = settings;
    }

    /** Creates the hub on a context of its own. */
    public static Future<CoeditHub> create(Vertx vertx, DocStore store, Authenticator authenticator, DocAccess access,
            CoeditSettings settings) {
        Promise<Context> ctx = Promise.promise();
        return vertx.deployVerticle(new VerticleBase() {
            @Override
            public Future<?> start() {
                ctx.complete(context);
                return Future.succeededFuture();
            }
        }).compose(id -> ctx.future()).map(c -> new CoeditHub(vertx, c, store, authenticator, access, settings));
    }

    /** Mounts the websocket endpoint on the root router. */
    public void mount(Router root) {
        root.route(PATH).handler(this::upgrade);
    }

    private void upgrade(RoutingContext ctx) {
        ctx.request().toWebSocket().onSuccess(ws -> new Connection(this, ws)).onFailure(ctx::fail);
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
            f = Sequencer.open(docId, store, settings, changes -> broadcast(docId, changes));
            sequencers.put(docId, f);
        }
        return f;
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
    }

    void leave(Connection c) {
        Set<Connection> set = editors.get(c.docId());
        if (set == null || !set.remove(c)) {
            return;
        }
        JsonObject msg = new JsonObject().put("type", "leave").put("clientId", c.clientId());
        set.forEach(other -> other.send(msg.encode()));
        if (set.isEmpty()) {
            editors.remove(c.docId());
            Future<Sequencer> f = sequencers.get(c.docId());
            if (f != null && f.isComplete() && (f.failed() || f.result().idle())) {
                sequencers.remove(c.docId());
            }
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
        return out;
    }

    /** Sends to every editor of the document but {@code self}. */
    void relay(Connection self, String message) {
        for (Connection c : editors.getOrDefault(self.docId(), Set.of())) {
            if (c != self) {
                c.send(message);
            }
        }
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
    }

    /**
     * Closes every connection to a document (code 4001) because who may edit it changed, e.g. a workflow
     * transition; clients rejoin and are authorized again.
     */
    public Future<Void> accessChanged(long docId) {
        return onHub(() -> {
            for (Connection c : List.copyOf(editors.getOrDefault(docId, Set.of()))) {
                c.closeForAccessChange();
            }
            return Future.succeededFuture();
        });
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
        }
    }

    /** Number of documents open in memory (for tests and metrics). */
    public Future<Integer> openDocuments() {
        return onHub(() -> Future.succeededFuture(sequencers.size()));
    }
}
