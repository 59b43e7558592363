package cn.tongbei.lessons.coedit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.lessons.PlanTemplate;
import cn.tongbei.lessons.PrepFixture;
import cn.tongbei.testing.Api;
import cn.tongbei.testing.NodeProcess;
import cn.tongbei.testing.TestServer;
import cn.tongbei.testing.TwoNodes;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Co-editing with several nodes: editors of one plan split across two clustered nodes (child JVMs on the test's
 * PostgreSQL) converge with one gap-free log; a node killed mid-typing loses no acknowledged change, its
 * editors resume on the other node; a node stopped gracefully closes its editors with 1012 and they resume
 * elsewhere without loss.
 */
@DisplayName("Co-editing across nodes")
class CoeditClusterIT {

    @Test
    @DisplayName("editors on two nodes converge with one gap-free log; node A SIGKILLed mid-typing: its editors "
            + "resume on node B, nothing acknowledged lost")
    void twoNodesThenKill() throws Exception {
        TwoNodes nodes = TwoNodes.get();
        try {
            int a = nodes.a().port();
            int b = nodes.b().port();
            Api lead = new Api(a).loginDemo("teacher3");
            PrepFixture.Made made = PrepFixture.activity(lead, "跨节点协同 " + System.nanoTime());
            PrepFixture.transition(lead, made.planId(), "DISCUSSION");
            String[] tokens = {CoeditSimulationIT.token(new Api(a), "teacher3"),
                    CoeditSimulationIT.token(new Api(b), "teacher1")};
            Vertx vertx = TestServer.get().vertx();
            Context ctx = vertx.getOrCreateContext();
            Random random = new Random(Long.getLong("coedit.seed", 20261124L));
            List<WsEditor> editors = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                boolean onA = i % 2 == 0;
                WsEditor e = new WsEditor(vertx, ctx, onA ? a : b, tokens[(i / 2) % 2], made.docId(),
                        "cluster-client-" + i, random.nextLong(), new WsEditor.Faults(15, 0.05, 0.02));
                e.failover(onA ? a : b, onA ? b : a);
                editors.add(e);
            }
            CoeditSimulationIT.onContext(ctx, () -> Future.all(editors.stream().map(WsEditor::connect).toList())
                    .mapEmpty());

            // 1. random concurrent edits, half the editors on each node
            CoeditSimulationIT.onContext(ctx, () -> CoeditSimulationIT.typeConcurrently(vertx, ctx, editors, random));
            editors.forEach(e -> e.setFaults(WsEditor.Faults.NONE));
            CoeditSimulationIT.awaitQuiescence(vertx, ctx, editors, made.docId());
            Delta replay = assertLogAndConvergence(made.docId(), editors);
            for (int port : new int[]{a, b}) {
                Delta served = PlainJson.delta(new Api(port).as(tokens[0]).get("/api/v1/prep/plans/" + made.planId()
                        + "/content").json().getJsonObject("content"));
                assertEquals(replay, served, "the live document of the node on port " + port + " = log replay");
                assertTrue(meter(port, "tongbei_coedit_bus_published_total") > 0, "node " + port + " fanned out");
                assertTrue(meter(port, "tongbei_coedit_commit_latency_seconds_count") > 0, "commits timed");
                System.out.println("node " + port + ": insert races lost "
                        + meter(port, "tongbei_coedit_conflicts_total"));
            }

            // 2. node A dies mid-typing; its editors move to B, typing through the outage
            var typing = CoeditSimulationIT.keepTyping(vertx, ctx, editors, random, 15, 10);
            Thread.sleep(1200);
            nodes.a().kill();
            Map<String, Integer> acked = CoeditSimulationIT.acknowledged(ctx, editors);
            assertTrue(acked.size() > 20, "changes were acknowledged before the kill: " + acked.size());
            Thread.sleep(1000);
            typing.set(false);
            CoeditSimulationIT.awaitQuiescence(vertx, ctx, editors, made.docId());
            CoeditSimulationIT.assertAcknowledgedKept(made.docId(), acked);
            for (int i = 0; i < editors.size(); i += 2) {
                assertEquals(b, editors.get(i).port(), "the editors of node A moved to node B");
            }
            assertLogAndConvergence(made.docId(), editors);
            CoeditSimulationIT.onContext(ctx, () -> Future.all(editors.stream().map(WsEditor::close).toList())
                    .mapEmpty());
        } finally {
            nodes.ensureRunning();
        }
    }

    @Test
    @DisplayName("a node stopped gracefully (SIGTERM) closes its editors with 1012; they resume on another node "
            + "and nothing is lost")
    void drainWith1012() throws Exception {
        TwoNodes nodes = TwoNodes.get();
        try {
            NodeProcess node = nodes.a();
            int other = nodes.b().port();
            Api lead = node.api().loginDemo("teacher3");
            PrepFixture.Made made = PrepFixture.activity(lead, "平滑下线 " + System.nanoTime());
            PrepFixture.transition(lead, made.planId(), "DISCUSSION");
            String[] tokens = {CoeditSimulationIT.token(node.api(), "teacher3"),
                    CoeditSimulationIT.token(node.api(), "teacher1")};
            Vertx vertx = TestServer.get().vertx();
            Context ctx = vertx.getOrCreateContext();
            Random random = new Random(99);
            List<WsEditor> editors = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                boolean onA = i < 2;
                WsEditor e = new WsEditor(vertx, ctx, onA ? node.port() : other, tokens[i % 2], made.docId(),
                        "drain-client-" + i, random.nextLong(), WsEditor.Faults.NONE);
                e.failover(onA ? node.port() : other, onA ? other : node.port());
                editors.add(e);
            }
            CoeditSimulationIT.onContext(ctx, () -> Future.all(editors.stream().map(WsEditor::connect).toList())
                    .mapEmpty());
            var typing = CoeditSimulationIT.keepTyping(vertx, ctx, editors, random, 15, 10);
            Thread.sleep(800);
            node.stop();
            Map<String, Integer> acked = CoeditSimulationIT.acknowledged(ctx, editors);
            Thread.sleep(500);
            typing.set(false);
            CoeditSimulationIT.awaitQuiescence(vertx, ctx, editors, made.docId());
            for (WsEditor e : editors.subList(0, 2)) {
                List<Short> codes = new ArrayList<>();
                CoeditSimulationIT.onContext(ctx, () -> {
                    codes.addAll(e.closeCodes());
                    return Future.succeededFuture();
                });
                assertEquals(List.of((short) 1012), codes, e.ot().clientId() + " was closed with 1012 once");
                assertEquals(other, e.port(), e.ot().clientId() + " moved to the other node");
            }
            CoeditSimulationIT.assertAcknowledgedKept(made.docId(), acked);
            assertLogAndConvergence(made.docId(), editors);
            CoeditSimulationIT.onContext(ctx, () -> Future.all(editors.stream().map(WsEditor::close).toList())
                    .mapEmpty());
        } finally {
            nodes.ensureRunning();
        }
    }

    /** A meter's value on a node's {@code /metrics} (Prometheus text), summed over its series. */
    private static double meter(int port, String name) {
        double sum = 0;
        for (String line : new Api(port).get("/metrics").body().split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** One log row per revision 1..head, replay = snapshot + tail = every editor's document. */
    private static Delta assertLogAndConvergence(long docId, List<WsEditor> editors) {
        DocStore store = new DocStore(TestServer.get().pool());
        DocStore.Loaded head = PrepFixture.await(store.load(docId, null));
        Delta replay = PlanTemplate.initial();
        int expected = 1;
        for (Change c : PrepFixture.await(store.changes(docId, 0, head.revision()))) {
            assertEquals(expected++, c.revision(), "the log has no gap");
            replay = replay.compose(c.delta());
        }
        assertEquals(head.revision(), expected - 1, "one log row per revision");
        assertEquals(replay, head.content(), "snapshot + tail = replay of the log");
        for (WsEditor e : editors) {
            assertEquals(replay, e.ot().doc(), e.ot().clientId() + " converged");
            assertEquals(head.revision(), e.ot().revision(), e.ot().clientId() + " at the head revision");
        }
        return replay;
    }
}
