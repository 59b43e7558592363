package cn.tongbei.platform.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.Tongbei;
import cn.tongbei.platform.config.TongbeiConfig;
import cn.tongbei.platform.db.DbEndpoint;
import cn.tongbei.platform.db.EmbeddedPostgresServer;
import cn.tongbei.testing.Api;
import cn.tongbei.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A whole installation (embedded PostgreSQL + S3 with demo data and user content) is backed up with the
 * command-line tool, restored into an EMPTY installation, and started there: every table has its rows, logins,
 * plans, files and search all work again; restoring over data or from a damaged backup is refused.
 */
class BackupRestoreIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String BODY = "浮力的大小等于物体排开液体所受的重力。备份恢复测试专用文本：阿基米德原理。";

    @Test
    @DisplayName("backup, restore into an empty installation, start: everything is found again")
    void backup_and_restore() throws Exception {
        Path root = TestServer.freshDataDir("backup");
        Path source = root.resolve("source");
        Path target = root.resolve("target");
        Path backup = root.resolve("backup-1");

        long resourceId;
        long planId;
        byte[] file = docx(BODY);
        JsonObject planBefore;
        try (Tongbei server = Tongbei.start(config(source))) {
            Api teacher = new Api(server.port()).loginDemo("teacher3");
            assertEquals(204, teacher.post("/api/v1/me/password", new JsonObject().put("currentPassword",
                    "tongbei-demo").put("newPassword", "restored-password-1")).status());
            String token = token(server.port(), "teacher3", "restored-password-1");
            teacher = new Api(server.port()).as(token);
            resourceId = upload(server.port(), token, "浮力教案.docx", file);
            awaitReady(teacher, resourceId);
            JsonObject activity = teacher.post("/api/v1/prep/activities", new JsonObject()
                    .put("teamId", teamId(teacher)).put("topic", "备份演练：浮力")
                    .put("leadId", teacher.get("/api/v1/me").json().getLong("id"))
                    .put("startsAt", "2026-11-23T14:00:00+08:00").put("participantIds", new JsonArray())
                    .put("plan", new JsonObject().put("title", "浮力").put("edition", "人教版"))).json();
            planId = teacher.get("/api/v1/prep/activities/" + activity.getLong("id")).json().getJsonArray("plans")
                    .getJsonObject(0).getLong("id");
            planBefore = teacher.get("/api/v1/prep/plans/" + planId + "/content").json();
        }

        assertEquals(0, BackupCommand.run(new String[]{"backup", backup.toString()}, config(source)));
        JsonObject manifest = Backup.readManifest(backup);
        assertTrue(manifest.getJsonObject("objects").getLong("count") >= 1, manifest.encode());

        assertEquals(0, BackupCommand.run(new String[]{"restore", backup.toString()}, config(target)));
        assertEquals(1, BackupCommand.run(new String[]{"restore", backup.toString()}, config(target)),
                "a second restore over restored data is refused");

        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(target)) {
            assertRowCounts(pg.endpoint(), manifest.getJsonObject("tables"));
        }

        try (Tongbei restored = Tongbei.start(config(target))) {
            String token = token(restored.port(), "teacher3", "restored-password-1");
            Api teacher = new Api(restored.port()).as(token);
            JsonObject resource = teacher.get("/api/v1/resources/" + resourceId).json();
            assertEquals("浮力教案", resource.getString("title"));
            assertEquals("ready", resource.getString("status"));
            assertArrayEquals(file, download(restored.port(), token, resourceId));
            assertEquals(planBefore, teacher.get("/api/v1/prep/plans/" + planId + "/content").json());
            assertTrue(awaitSearch(teacher, "阿基米德"), "the rebuilt index finds the restored resource");
        }
    }

    @Test
    @DisplayName("a damaged or incomplete backup is refused before anything is written")
    void damaged_backup_refused() throws Exception {
        Path root = TestServer.freshDataDir("backup-damaged");
        Path backup = root.resolve("backup");
        Files.createDirectories(backup.resolve("db"));
        Files.writeString(backup.resolve("manifest.json"), new JsonObject().put("format", 1)
                .put("schemaVersion", "1").put("tables", new JsonObject()).put("sha256", new JsonObject()
                        .put("db/app_user.copy.gz", "00"))
                .encode());
        assertEquals(1, BackupCommand.run(new String[]{"restore", backup.toString()}, config(root.resolve("t"))));
        Files.write(backup.resolve("db/app_user.copy.gz"), new byte[]{1, 2, 3});
        assertEquals(1, BackupCommand.run(new String[]{"restore", backup.toString()}, config(root.resolve("t"))));
        assertEquals(1, BackupCommand.run(new String[]{"restore", root.resolve("nothing").toString()}, config(root
                .resolve("t"))));
        assertEquals(2, BackupCommand.run(new String[]{"backup"}, config(root.resolve("t"))));
    }

    private static TongbeiConfig config(Path dataDir) {
        return TestServer.config(dataDir, Map.of());
    }

    private static void assertRowCounts(DbEndpoint db, JsonObject tables) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement s = c.createStatement()) {
            for (String table : tables.fieldNames()) {
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM \"" + table + "\"")) {
                    r.next();
                    assertEquals(tables.getJsonObject(table).getLong("rows"), r.getLong(1), table);
                }
            }
        }
    }

    private static String token(int port, String username, String password) {
        Api.Reply r = new Api(port).post("/api/v1/auth/login", new JsonObject().put("username", username)
                .put("password", password));
        assertEquals(200, r.status(), r.toString());
        return r.json().getString("accessToken");
    }

    private static long teamId(Api teacher) {
        JsonArray teams = teacher.get("/api/v1/me").json().getJsonArray("teams");
        return teams.stream().map(JsonObject.class::cast).filter(t -> "七年级数学备课组".equals(t.getString("name")))
                .findFirst().orElseThrow(() -> new AssertionError("teacher3's team: " + teams)).getLong("id");
    }

    private static long upload(int port, String token, String name, byte[] content) throws Exception {
        String boundary = "----tongbei" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Map<String, String> fields = Map.of("title", "浮力教案", "subject", "物理", "grade", "八年级", "type", "教案",
                "visibility", "group");
        fields.forEach((k, v) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k
                + "\"\r\n\r\n" + v + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/resources")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        return new JsonObject(r.body()).getLong("id");
    }

    private static byte[] download(int port, String token, long id) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/resources/" + id + "/download")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        return r.body();
    }

    private static void awaitReady(Api api, long id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if ("ready".equals(api.get("/api/v1/resources/" + id).json().getString("status"))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("resource " + id + " not ready within 60 s");
    }

    private static boolean awaitSearch(Api api, String q) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject r = api.get("/api/v1/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)).json();
            if (r.getLong("total", 0L) > 0) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** A minimal DOCX whose only paragraph is {@code text}. */
    private static byte[] docx(String text) throws Exception {
        try (org.apache.poi.xwpf.usermodel.XWPFDocument doc = new org.apache.poi.xwpf.usermodel.XWPFDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.createParagraph().createRun().setText(text);
            doc.write(out);
            return out.toByteArray();
        }
    }
}
