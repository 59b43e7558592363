package cn.tongbei.lessons.coedit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.lessons.PlanTemplate;
import cn.tongbei.lessons.PrepFixture;
import cn.tongbei.platform.storage.EmbeddedS3Server;
import cn.tongbei.testing.Api;
import cn.tongbei.testing.NodeProcess;
import cn.tongbei.testing.TestServer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The server is a child JVM (sharing the test's PostgreSQL) that is killed with SIGKILL while four editors
 * type. It is restarted on the same port: every change that was acknowledged before the kill is in the log
 * with the revision it was acknowledged with, and every editor converges after reconnecting, including the
 * edits typed while the server was down.
 */
@DisplayName("kill -9 of the server while editors type loses no acknowledged change")
class CoeditKillIT {

    @Test
    @DisplayName("SIGKILL mid-typing, restart, reconnect: acknowledged changes kept, all editors converge")
    void killNine() throws Exception {
        Path dir = TestServer.freshDataDir("kill");
        try (EmbeddedS3Server s3 = EmbeddedS3Server.start(dir.resolve("s3"));
                NodeProcess server = NodeProcess.start(0, dir, s3, Map.of())) {
            int port = server.port();
            Api api = server.api();
            Api lead = api.loginDemo("teacher3");
            PrepFixture.Made made = PrepFixture.activity(lead, "断电测试 " + System.nanoTime());
            PrepFixture.transition(lead, made.planId(), "DISCUSSION");
            String[] tokens = {CoeditSimulationIT.token(api, "teacher3"),
                    CoeditSimulationIT.token(api, "teacher1")};
            Vertx vertx = TestServer.get().vertx();
            Context ctx = vertx.getOrCreateContext();
            Random random = new Random(7);
            List<WsEditor> editors = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                editors.add(new WsEditor(vertx, ctx, port, tokens[i % 2], made.docId(), "kill-client-" + i,
                        random.nextLong(), WsEditor.Faults.NONE));
            }
            CoeditSimulationIT.onContext(ctx, () -> Future.all(editors.stream().map(WsEditor::connect).toList())
                    .mapEmpty());
            var typing = CoeditSimulationIT.keepTyping(vertx, ctx, editors, random, 8, 5);
            Thread.sleep(1500);
            server.kill();
            Map<String, Integer> acked = CoeditSimulationIT.acknowledged(ctx, editors);
            assertTrue(acked.size() > 20, "editors had changes acknowledged before the kill: " + acked.size());
            Thread.sleep(500);
            server.restart();
            Thread.sleep(300);
            typing.set(false);
            CoeditSimulationIT.awaitQuiescence(vertx, ctx, editors, made.docId());

            CoeditSimulationIT.assertAcknowledgedKept(made.docId(), acked);
            DocStore store = new DocStore(TestServer.get().pool());
            DocStore.Loaded head = PrepFixture.await(store.load(made.docId(), null));
            Delta replay = PlanTemplate.initial();
            for (Change c : PrepFixture.await(store.changes(made.docId(), 0, head.revision()))) {
                replay = replay.compose(c.delta());
            }
            assertEquals(replay, head.content());
            for (WsEditor e : editors) {
                assertEquals(replay, e.ot().doc(), e.ot().clientId() + " converged after the restart");
            }
            CoeditSimulationIT.onContext(ctx, () -> Future.all(editors.stream().map(WsEditor::close).toList())
                    .mapEmpty());
        }
    }
}
