package cn.tongbei.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.testing.Api;
import cn.tongbei.testing.Api.Reply;
import cn.tongbei.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Bad input of every shape gets a clear 4xx in the one error format, never a 5xx, and changes nothing. */
class BadInputIT {
    static Api api;
    static Api admin;

    static final List<String[]> WRITES = List.of(
            new String[]{"POST", "/api/v1/groups"},
            new String[]{"PATCH", "/api/v1/groups/1"},
            new String[]{"POST", "/api/v1/groups/1/schools"},
            new String[]{"PATCH", "/api/v1/schools/2"},
            new String[]{"POST", "/api/v1/groups/1/users"},
            new String[]{"PATCH", "/api/v1/users/5"},
            new String[]{"POST", "/api/v1/groups/1/teams"},
            new String[]{"PUT", "/api/v1/teams/1/members/5"},
            new String[]{"POST", "/api/v1/me/password"},
            new String[]{"POST", "/api/v1/auth/login"},
            new String[]{"POST", "/api/v1/auth/refresh"});

    @BeforeAll
    static void start() {
        api = TestServer.api();
        admin = api.loginDemo("admin");
    }

    static void assertClientError(Reply r, String what) {
        assertTrue(r.status() >= 400 && r.status() < 500, what + " → " + r);
        JsonObject error = r.json().getJsonObject("error");
        assertTrue(error.getString("code").matches("[a-z_]+"), what + " → " + r);
        assertTrue(!error.getString("message").isBlank(), what);
        assertTrue(!r.body().contains("Exception") && !r.body().contains("at cn.tongbei"), what + " leaks: " + r);
    }

    @Test
    @DisplayName("malformed JSON, wrong JSON types and empty bodies are 400 on every write route")
    void malformed() {
        for (String[] route : WRITES) {
            for (String body : new String[]{"{", "[]", "\"text\"", "42", "null", "", "{\"name\": }", "{\"name\":1}",
                    "{\"name\":[\"a\"],\"kind\":{},\"mode\":7,\"leadSchool\":\"x\",\"role\":1,\"subjects\":\"数学\"}"}) {
                Reply r = admin.send(route[0], route[1], body);
                assertClientError(r, route[0] + " " + route[1] + " " + body);
            }
        }
    }

    @Test
    @DisplayName("a body over the 1 MiB limit is 413")
    void oversized() {
        String big = "{\"name\":\"" + "长".repeat(600_000) + "\"}";
        Reply r = admin.send("POST", "/api/v1/groups/1/schools", big);
        assertEquals(413, r.status(), r.toString());
        assertEquals("payload_too_large", r.errorCode());
    }

    @Test
    @DisplayName("oversized fields are refused per field with their limit")
    void oversized_fields() {
        Reply r = admin.post("/api/v1/groups/1/teams", new JsonObject().put("kind", "SUBJECT").put("name",
                "组".repeat(101)).put("subject", "数学").put("description", "d".repeat(1001)));
        assertEquals(400, r.status());
        JsonObject fields = r.json().getJsonObject("error").getJsonObject("fields");
        assertEquals("最多 100 个字符", fields.getString("name"));
        assertEquals("最多 1000 个字符", fields.getString("description"));
    }

    @Test
    @DisplayName("non-numeric and unknown ids are 400 and 404")
    void ids() {
        assertEquals(400, admin.get("/api/v1/groups/abc").status());
        assertEquals(400, admin.get("/api/v1/groups/-1/schools").status());
        assertEquals(400, admin.get("/api/v1/groups/99999999999999999999999").status());
        assertEquals(404, admin.get("/api/v1/groups/424242").status());
        assertEquals(404, admin.get("/api/v1/teams/424242").status());
        assertEquals(404, admin.patch("/api/v1/schools/424242", new JsonObject().put("name", "x")).status());
        assertEquals(404, admin.get("/api/v1/no/such/route").status());
        Reply wrongMethod = admin.send("DELETE", "/api/v1/groups/1", null);
        assertEquals(405, wrongMethod.status(), wrongMethod.toString());
        assertEquals("method_not_allowed", wrongMethod.errorCode());
    }

    @Test
    @DisplayName("random garbage thrown at every route never produces a 5xx and leaves the demo group intact")
    void fuzz() {
        Random random = new Random(20261123);
        String[] pieces = {"{", "}", "[", "]", "\"", ":", ",", "null", "true", "1e999", "-0", "\\u0000", "名",
                "\"name\"", "\"kind\"", "\"mode\"", "\"TIGHT\"", "\"URBAN\"", "😀", "\\", "<script>", "'", "%00"};
        for (int i = 0; i < 400; i++) {
            String[] route = WRITES.get(random.nextInt(WRITES.size()));
            StringBuilder body = new StringBuilder();
            int n = random.nextInt(12);
            for (int j = 0; j < n; j++) {
                body.append(pieces[random.nextInt(pieces.length)]);
            }
            Reply r = admin.send(route[0], route[1], body.toString());
            assertTrue(r.status() < 500, route[1] + " " + body + " → " + r);
        }
        JsonObject group = admin.get("/api/v1/groups/1").json();
        assertEquals("中原实验教育集团", group.getString("name"));
        assertEquals("ALLIANCE", group.getString("mode"));
    }

    @Test
    @DisplayName("HTML in names is stored and returned as text")
    void html_is_text() {
        String name = "<img src=x onerror=alert(1)>实验组" + System.nanoTime();
        Reply r = admin.post("/api/v1/groups/1/teams", new JsonObject().put("kind", "SUBJECT").put("name", name)
                .put("subject", "科学"));
        assertEquals(201, r.status());
        assertEquals(name, admin.get("/api/v1/teams/" + r.json().getLong("id")).json().getString("name"));
    }

    @Test
    @DisplayName("responses carry the security headers")
    void security_headers() {
        Reply r = api.get("/health/live");
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""));
        assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
    }
}
