package cn.tongbei.lessons.coedit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.lessons.PlanTemplate;
import cn.tongbei.lessons.PrepFixture;
import cn.tongbei.platform.db.DbEndpoint;
import cn.tongbei.platform.storage.EmbeddedS3Server;
import cn.tongbei.testing.Api;
import cn.tongbei.testing.TestServer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (EmbeddedS3Server s3 = EmbeddedS3Server.start(dir.resolve("s3"))) {
            Process server = startServer(port, dir, s3);
            Process restarted = null;
            try {
                Api api = new Api(port);
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
                boolean[] typing = {true};
                CoeditSimulationIT.onContext(ctx, () -> {
                    for (WsEditor e : editors) {
                        vertx.setPeriodic(8 + random.nextInt(5), id -> ctx.runOnContext(v -> {
                            if (!typing[0]) {
                                vertx.cancelTimer(id);
                            } else {
                                e.ot().randomEdit(random);
                            }
                        }));
                    }
                    return Future.succeededFuture();
                });
                Thread.sleep(1500);
                server.destroyForcibly().waitFor();
                Map<String, Integer> acked = acknowledged(ctx, editors);
                assertTrue(acked.size() > 20, "editors had changes acknowledged before the kill: " + acked.size());
                Thread.sleep(500);
                restarted = startServer(port, dir, s3);
                Thread.sleep(300);
                typing[0] = false;
                CoeditSimulationIT.awaitQuiescence(vertx, ctx, editors, made.docId());

                for (Row r : PrepFixture.await(TestServer.get().pool().preparedQuery(
                        "SELECT client_id, seq, revision FROM coedit_change WHERE doc_id = $1")
                        .execute(Tuple.of(made.docId())))) {
                    Integer want = acked.remove(r.getString("client_id") + "#" + r.getLong("seq"));
                    if (want != null) {
                        assertEquals(want, r.getInteger("revision"), "acknowledged revision kept");
                    }
                }
                assertTrue(acked.isEmpty(), "acknowledged but missing from the log: " + acked);
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
            } finally {
                server.destroyForcibly().waitFor();
                if (restarted != null) {
                    restarted.destroy();
                    restarted.waitFor();
                }
            }
        }
    }

    private static Map<String, Integer> acknowledged(Context ctx, List<WsEditor> editors) {
        Map<String, Integer> acked = new HashMap<>();
        CoeditSimulationIT.onContext(ctx, () -> {
            for (WsEditor e : editors) {
                for (JsonObject m : List.copyOf(e.received())) {
                    if ("ack".equals(m.getString("type"))) {
                        acked.put(e.ot().clientId() + "#" + m.getLong("seq"), m.getInteger("revision"));
                    }
                }
            }
            return Future.succeededFuture();
        });
        return acked;
    }

    /** The server as a separate JVM on the test's PostgreSQL and an S3 of this test. */
    private static Process startServer(int port, Path dir, EmbeddedS3Server s3) throws Exception {
        DbEndpoint db = TestServer.get().db();
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-Dai.djl.offline=true", "-cp",
                System.getProperty("java.class.path"), "cn.tongbei.Main");
        Map<String, String> env = pb.environment();
        env.put("TONGBEI_HTTP_PORT", String.valueOf(port));
        env.put("TONGBEI_HTTP_HOST", "127.0.0.1");
        env.put("TONGBEI_DATA_DIR", dir.toAbsolutePath().toString());
        env.put("TONGBEI_DB_URL", db.uri());
        env.put("TONGBEI_DB_USER", db.user());
        String password = db.password() == null || db.password().isEmpty() ? "kill-test" : db.password();
        if (!password.equals(db.password())) {
            // production mode insists on a password; the embedded server trusts local connections anyway
            PrepFixture.await(TestServer.get().pool().query("ALTER USER \"" + db.user() + "\" PASSWORD '"
                    + password + "'").execute());
        }
        env.put("TONGBEI_DB_PASSWORD", password);
        env.put("TONGBEI_S3_ENDPOINT", s3.endpoint());
        env.put("TONGBEI_S3_ACCESS_KEY", s3.accessKey());
        env.put("TONGBEI_S3_SECRET_KEY", s3.secretKey());
        env.put("TONGBEI_AUTH_JWT_SECRET", "kill-test-secret-kill-test-secret-0123456789");
        env.put("TONGBEI_AUTH_ADMIN_PASSWORD", "tongbei-demo");
        env.put("TONGBEI_AUTH_MAX_FAILURES_PER_ADDRESS", "100000");
        File log = dir.resolve("server-" + System.nanoTime() + ".log").toFile();
        log.getParentFile().mkdirs();
        pb.redirectErrorStream(true).redirectOutput(log);
        Process p = pb.start();
        Api api = new Api(port);
        long deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("server exited: " + Files.readString(log.toPath()));
            }
            try {
                if (api.get("/health/ready").status() == 200) {
                    return p;
                }
            } catch (IllegalStateException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        p.destroyForcibly();
        throw new AssertionError("server did not start within 90 s");
    }
}
