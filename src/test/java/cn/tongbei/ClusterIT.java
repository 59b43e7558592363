package cn.tongbei;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.tongbei.platform.db.DbEndpoint;
import cn.tongbei.platform.db.EmbeddedPostgresServer;
import cn.tongbei.platform.storage.EmbeddedS3Server;
import cn.tongbei.testing.Api;
import cn.tongbei.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on loopback, one PostgreSQL and one S3 server, joined in a Vert.x cluster (Hazelcast, TCP member
 * list): they share the event bus, sessions and data.
 */
class ClusterIT {

    @Test
    @DisplayName("two clustered nodes share the event bus, logins and data")
    void two_nodes() throws Exception {
        Path dir = TestServer.freshDataDir("cluster");
        int portA = freePort();
        int portB = freePort();
        String members = "127.0.0.1:" + portA + ",127.0.0.1:" + portB;
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dir.resolve("db"));
                EmbeddedS3Server s3 = EmbeddedS3Server.start(dir.resolve("s3"))) {
            DbEndpoint db = postgres.endpoint();
            try (Tongbei a = Tongbei.start(TestServer.config(dir.resolve("a"), node(db, s3, portA, members)));
                    Tongbei b = Tongbei.start(TestServer.config(dir.resolve("b"), node(db, s3, portB, members)))) {
                CompletableFuture<String> received = new CompletableFuture<>();
                a.vertx().eventBus().<String>consumer("tongbei.test.ping", m -> received.complete(m.body()))
                        .completion().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!received.isDone() && System.nanoTime() < deadline) {
                    b.vertx().eventBus().publish("tongbei.test.ping", "你好，来自 B");
                    Thread.sleep(200);
                }
                assertEquals("你好，来自 B", received.get(1, TimeUnit.SECONDS));

                Api adminOnA = new Api(a.port()).login("root-admin", "initial-admin-password");
                long group = adminOnA.post("/api/v1/groups", new JsonObject().put("name", "跨节点集团").put("mode",
                        "TIGHT").put("leadSchool", new JsonObject().put("name", "一中").put("kind", "URBAN"))).json()
                        .getLong("id");
                String token = adminOnA.post("/api/v1/auth/login", new JsonObject().put("username", "root-admin")
                        .put("password", "initial-admin-password")).json().getString("accessToken");
                Api adminOnB = new Api(b.port()).as(token);
                assertEquals("跨节点集团", adminOnB.get("/api/v1/groups/" + group).json().getString("name"));
            }
        }
    }

    static Map<String, Object> node(DbEndpoint db, EmbeddedS3Server s3, int clusterPort, String members) {
        return Map.of(
                "db", Map.of("url", db.uri(), "user", db.user(), "password", "trust"),
                "s3", Map.of("endpoint", s3.endpoint(), "accessKey", s3.accessKey(), "secretKey", s3.secretKey()),
                "auth", Map.of("jwtSecret", "cluster-test-secret-of-at-least-32-chars", "adminUsername", "root-admin",
                        "adminPassword", "initial-admin-password", "argon2MemoryKib", 4096, "argon2Iterations", 1),
                "cluster",
                Map.of("enabled", true, "name", "tongbei-test-" + members.hashCode(), "host", "127.0.0.1", "port",
                        clusterPort, "members", members));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
