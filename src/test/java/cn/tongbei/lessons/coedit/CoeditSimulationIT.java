package cn.tongbei.lessons.coedit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.lessons.PlanTemplate;
import cn.tongbei.lessons.PrepFixture;
import cn.tongbei.testing.Api;
import cn.tongbei.testing.TestServer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A seeded simulation over real websockets against the embedded PostgreSQL: several editors type random
 * concurrent edits while their messages are delayed and reordered, duplicated, and their connections dropped
 * (losing what is in flight). At quiescence every client, the server, a replay of the whole change log and
 * the latest snapshot plus its tail hold the same document.
 */
@DisplayName("Co-editing converges under delayed, reordered, dropped and duplicated messages")
class CoeditSimulationIT {
    private static final int EDITS_PER_CLIENT = 40;

    @Test
    @DisplayName("six editors, three users, 240 edits: every client = server = log replay = snapshot + tail")
    void converges() throws Exception {
        Api api = TestServer.api();
        Api lead = api.loginDemo("teacher3");
        PrepFixture.Made made = PrepFixture.activity(lead, "模拟协同 " + System.nanoTime());
        PrepFixture.transition(lead, made.planId(), "DISCUSSION");
        String[] tokens = {token(api, "teacher3"), token(api, "teacher1")};
        Vertx vertx = TestServer.get().vertx();
        Context ctx = vertx.getOrCreateContext();
        long seed = Long.getLong("coedit.seed", 20261123L);
        Random random = new Random(seed);
        List<WsEditor> editors = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            editors.add(new WsEditor(vertx, ctx, api.port(), tokens[i % 2], made.docId(), "sim-client-" + i,
                    random.nextLong(), new WsEditor.Faults(25, 0.1, 0.04)));
        }
        onContext(ctx, () -> Future.all(editors.stream().map(WsEditor::connect).toList()).mapEmpty());

        onContext(ctx, () -> typeConcurrently(vertx, ctx, editors, random));
        editors.forEach(e -> e.setFaults(WsEditor.Faults.NONE));
        awaitQuiescence(vertx, ctx, editors, made.docId());

        DocStore store = new DocStore(TestServer.get().pool());
        DocStore.Loaded server = PrepFixture.await(store.load(made.docId(), null));
        Delta replay = PlanTemplate.initial();
        for (Change c : PrepFixture.await(store.changes(made.docId(), 0, server.revision()))) {
            replay = replay.compose(c.delta());
        }
        Delta served = PlainJson.delta(lead.get("/api/v1/prep/plans/" + made.planId() + "/content").json()
                .getJsonObject("content"));
        assertEquals(replay, server.content(), "snapshot + tail = replay of the log");
        assertEquals(replay, served, "the server's live document = replay of the log");
        for (WsEditor e : editors) {
            assertEquals(replay, e.ot().doc(), e.ot().clientId() + " converged");
            assertEquals(server.revision(), e.ot().revision(), e.ot().clientId() + " at the head revision");
        }
        long changes = PrepFixture.await(TestServer.get().pool().preparedQuery(
                "SELECT count(*) AS n FROM coedit_change WHERE doc_id = $1").execute(Tuple.of(made.docId())))
                .iterator().next().getLong("n");
        assertEquals(server.revision(), changes, "one log row per revision, none applied twice");
        assertTrue(changes >= 6 * EDITS_PER_CLIENT / 4, "edits were committed (some merged in buffers): " + changes);
        onContext(ctx, () -> Future.all(editors.stream().map(WsEditor::close).toList()).mapEmpty());
    }

    static String token(Api api, String user) {
        return api.post("/api/v1/auth/login", new io.vertx.core.json.JsonObject().put("username", user)
                .put("password", "tongbei-demo")).json().getString("accessToken");
    }

    static Future<Void> typeConcurrently(Vertx vertx, Context ctx, List<WsEditor> editors, Random random) {
        List<Future<Void>> all = new ArrayList<>();
        for (WsEditor e : editors) {
            Promise<Void> done = Promise.promise();
            int[] left = {EDITS_PER_CLIENT};
            long start = 5 + random.nextInt(20);
            Runnable[] step = new Runnable[1];
            step[0] = () -> {
                if (e.ot().joined()) {
                    e.randomEdit();
                    left[0]--;
                }
                if (left[0] <= 0) {
                    done.complete();
                } else {
                    vertx.setTimer(3 + random.nextInt(25), id -> ctx.runOnContext(v -> step[0].run()));
                }
            };
            vertx.setTimer(start, id -> ctx.runOnContext(v -> step[0].run()));
            all.add(done.future());
        }
        return Future.all(all).mapEmpty();
    }

    /** Waits until every client is joined, has nothing unacknowledged and is at the server's head. */
    static void awaitQuiescence(Vertx vertx, Context ctx, List<WsEditor> editors, long docId)
            throws Exception {
        DocStore store = new DocStore(TestServer.get().pool());
        long deadline = System.currentTimeMillis() + 20_000;
        int lastHead = -1;
        int stable = 0;
        while (System.currentTimeMillis() < deadline) {
            int head = PrepFixture.await(store.head(docId));
            boolean[] ready = {true};
            boolean stuck = stable > 3;
            onContext(ctx, () -> {
                for (WsEditor e : editors) {
                    if (!e.connected()) {
                        e.connect();
                        ready[0] = false;
                    } else if (!e.ot().settled() || e.ot().revision() != head) {
                        ready[0] = false;
                        if (stuck) {
                            e.drop();
                        }
                    }
                }
                return Future.succeededFuture();
            });
            stable = head == lastHead ? stable + 1 : 0;
            lastHead = head;
            if (ready[0]) {
                return;
            }
            Thread.sleep(200);
        }
        StringBuilder sb = new StringBuilder("no quiescence within 60 s; head " + lastHead);
        for (WsEditor e : editors) {
            sb.append("\n ").append(e.ot().clientId()).append(" connected=").append(e.connected()).append(" joined=")
                    .append(e.ot().joined()).append(" settled=").append(e.ot().settled()).append(" rev=")
                    .append(e.ot().revision()).append(" errors=").append(e.errors().stream().limit(5).toList());
        }
        throw new AssertionError(sb.toString());
    }

    static void onContext(Context ctx, java.util.function.Supplier<Future<Void>> task) {
        Promise<Void> p = Promise.promise();
        ctx.runOnContext(v -> task.get().onComplete(p));
        PrepFixture.await(p.future());
    }

    /**
     * Every editor makes a random edit every {@code minMs}..{@code minMs + spreadMs - 1} ms until the returned flag
     * is cleared (typing through outages: edits made while disconnected are sent on reconnect).
     */
    static java.util.concurrent.atomic.AtomicBoolean keepTyping(Vertx vertx, Context ctx, List<WsEditor> editors,
            Random random, int minMs, int spreadMs) {
        java.util.concurrent.atomic.AtomicBoolean typing = new java.util.concurrent.atomic.AtomicBoolean(true);
        onContext(ctx, () -> {
            for (WsEditor e : editors) {
                vertx.setPeriodic(minMs + random.nextInt(spreadMs), id -> ctx.runOnContext(v -> {
                    if (!typing.get()) {
                        vertx.cancelTimer(id);
                    } else {
                        e.ot().randomEdit(random);
                    }
                }));
            }
            return Future.succeededFuture();
        });
        return typing;
    }

    /** The acknowledgements the editors received so far: "clientId#seq" → acknowledged revision. */
    static java.util.Map<String, Integer> acknowledged(Context ctx, List<WsEditor> editors) {
        java.util.Map<String, Integer> acked = new java.util.HashMap<>();
        onContext(ctx, () -> {
            for (WsEditor e : editors) {
                for (io.vertx.core.json.JsonObject m : List.copyOf(e.received())) {
                    if ("ack".equals(m.getString("type"))) {
                        // the first ack of a seq is its commit's; a network-duplicated stale copy of an older seq
                        // is re-acknowledged later with the client's latest revision (Sequencer keeps only the last
                        // seq per client), which the client ignores as it is not waiting for that seq
                        acked.putIfAbsent(e.ot().clientId() + "#" + m.getLong("seq"), m.getInteger("revision"));
                    }
                }
            }
            return Future.succeededFuture();
        });
        return acked;
    }

    /** Every acknowledged change is in the document's log with the revision it was acknowledged with. */
    static void assertAcknowledgedKept(long docId, java.util.Map<String, Integer> acknowledged) {
        java.util.Map<String, Integer> missing = new java.util.HashMap<>(acknowledged);
        for (io.vertx.sqlclient.Row r : PrepFixture.await(TestServer.get().pool().preparedQuery(
                "SELECT client_id, seq, revision FROM coedit_change WHERE doc_id = $1").execute(Tuple.of(docId)))) {
            Integer want = missing.remove(r.getString("client_id") + "#" + r.getLong("seq"));
            if (want != null) {
                assertEquals(want, r.getInteger("revision"), "acknowledged revision kept");
            }
        }
        assertTrue(missing.isEmpty(), "acknowledged but missing from the log: " + missing);
    }
}
