package cn.tongbei;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import cn.tongbei.platform.db.DbEndpoint;
import cn.tongbei.platform.db.EmbeddedPostgresServer;
import cn.tongbei.platform.storage.EmbeddedS3Server;
import cn.tongbei.testing.Api;
import cn.tongbei.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Production mode against servers started separately (standing in for an external PostgreSQL and MinIO): no
 * demo accounts, the first administrator from configuration, and that administrator can build a group.
 */
class ProductionModeIT {

    @Test
    @DisplayName("with external PostgreSQL and S3, no demo data is seeded and the configured admin is created")
    void production_mode() {
        Path dir = TestServer.freshDataDir("production");
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dir.resolve("external-db"));
                EmbeddedS3Server s3 = EmbeddedS3Server.start(dir.resolve("external-s3"))) {
            DbEndpoint db = postgres.endpoint();
            Map<String, Object> production = Map.of(
                    "db", Map.of("url", db.uri(), "user", db.user(), "password", "unused-with-trust-auth"),
                    "s3", Map.of("endpoint", s3.endpoint(), "accessKey", s3.accessKey(), "secretKey", s3.secretKey(),
                            "bucket", "tongbei-prod"),
                    "auth",
                    Map.of("jwtSecret", "production-secret-of-at-least-32-characters", "adminUsername", "root-admin",
                            "adminPassword", "initial-admin-password", "argon2MemoryKib", 4096, "argon2Iterations", 1));
            try (Tongbei server = Tongbei.start(TestServer.config(dir.resolve("app"), production))) {
                Api api = new Api(server.port());
                assertEquals(401, api.post("/api/v1/auth/login", new JsonObject().put("username", "admin")
                        .put("password", "tongbei-demo")).status(), "no demo accounts in production");
                assertEquals("production", api.get("/api/v1/meta").json().getString("mode"));
                Api admin = api.login("root-admin", "initial-admin-password");
                assertEquals(0, admin.get("/api/v1/groups").items().size());
                assertEquals(201, admin.post("/api/v1/groups", new JsonObject().put("name", "第一个集团").put("mode",
                        "TRUSTEESHIP").put("leadSchool", new JsonObject().put("name", "市一中").put("kind", "URBAN")))
                        .status());
                assertEquals(1, admin.get("/api/v1/groups").items().size());
                assertEquals(200, api.get("/health/ready").status());
                assertFalse(dir.resolve("app").resolve("secrets").toFile().exists(),
                        "the configured JWT secret is used, none is generated");
            }
        }
    }
}
