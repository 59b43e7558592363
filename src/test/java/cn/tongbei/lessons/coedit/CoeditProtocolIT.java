package cn.tongbei.lessons.coedit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.lessons.PlanTemplate;
import cn.tongbei.lessons.PrepFixture;
import cn.tongbei.testing.Api;
import cn.tongbei.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The coedit websocket protocol, message by message, against the real server and PostgreSQL. */
@DisplayName("Coedit websocket protocol")
class CoeditProtocolIT {
    static Api api;
    static Api lead;
    static PrepFixture.Made plan;
    static Vertx vertx;

    @BeforeAll
    static void setUp() {
        api = TestServer.api();
        lead = api.loginDemo("teacher3");
        plan = PrepFixture.activity(lead, "协议测试 " + System.nanoTime());
        PrepFixture.transition(lead, plan.planId(), "DISCUSSION");
        vertx = TestServer.get().vertx();
    }

    /** A synchronous websocket test client. */
    static final class Socket {
        final WebSocket ws;
        final BlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
        volatile boolean closed;
        volatile Short closeStatus;

        Socket() {
            WebSocketClient client = vertx.createWebSocketClient();
            ws = PrepFixture.await(client.connect(api.port(), "127.0.0.1", CoeditHub.PATH));
            ws.textMessageHandler(t -> inbox.add(new JsonObject(t)));
            ws.closeHandler(v -> {
                closeStatus = ws.closeStatusCode();
                closed = true;
            });
        }

        void send(JsonObject m) {
            ws.writeTextMessage(m.encode());
        }

        JsonObject next() throws InterruptedException {
            JsonObject m = inbox.poll(10, TimeUnit.SECONDS);
            if (m == null) {
                throw new AssertionError("no message within 10 s");
            }
            return m;
        }

        /** The next message of a type, skipping others (presence, leave …). */
        JsonObject next(String type) throws InterruptedException {
            for (int i = 0; i < 500; i++) {
                JsonObject m = next();
                if (type.equals(m.getString("type"))) {
                    return m;
                }
            }
            throw new AssertionError("no " + type);
        }

        static Socket joined(String user, String clientId, Integer revision) throws InterruptedException {
            Socket s = new Socket();
            s.send(new JsonObject().put("type", "auth").put("token", CoeditSimulationIT.token(api, user)));
            assertEquals("ready", s.next().getString("type"));
            s.send(new JsonObject().put("type", "join").put("docId", plan.docId()).put("clientId", clientId)
                    .put("revision", revision));
            return s;
        }

        void awaitClosed() throws InterruptedException {
            for (int i = 0; i < 100 && !closed; i++) {
                Thread.sleep(50);
            }
            assertTrue(closed, "connection closed");
        }
    }

    static JsonObject submit(long seq, int base, Delta d) {
        return new JsonObject().put("type", "submit").put("seq", seq).put("baseRevision", base)
                .put("delta", PlainJson.json(d));
    }

    @Test
    @DisplayName("join sends the document; a submit is acknowledged after commit and broadcast to the others")
    void submitAckBroadcast() throws Exception {
        Socket a = Socket.joined("teacher3", "client-aaaa-1", null);
        JsonObject joined = a.next("joined");
        assertEquals("snapshot", joined.getString("mode"));
        assertEquals("edit", joined.getString("access"));
        int rev = joined.getInteger("revision");
        Socket b = Socket.joined("teacher1", "client-bbbb-1", rev);
        assertEquals(0, b.next("joined").getJsonArray("changes").size());

        a.send(submit(1, rev, new Delta().insert("同备")));
        JsonObject ack = a.next("ack");
        assertEquals(rev + 1, ack.getInteger("revision"));
        JsonObject change = b.next("change");
        assertEquals("client-aaaa-1", change.getString("clientId"));
        assertEquals(rev + 1, change.getInteger("revision"));
        int stored = PrepFixture.await(TestServer.get().pool().preparedQuery(
                "SELECT count(*) AS n FROM coedit_change WHERE doc_id = $1 AND revision = $2")
                .execute(io.vertx.sqlclient.Tuple.of(plan.docId(), rev + 1))).iterator().next().getInteger("n");
        assertEquals(1, stored, "acknowledged means stored");

        a.send(submit(1, rev, new Delta().insert("同备")));
        JsonObject again = a.next("ack");
        assertTrue(again.getBoolean("duplicate"), "a duplicate is re-acknowledged");
        assertEquals(rev + 1, again.getInteger("revision"), "with its original revision");

        b.send(submit(1, rev, new Delta().insert("乙")));
        assertEquals(rev + 2, b.next("ack").getInteger("revision"), "a late change is transformed, not refused");
        JsonObject toA = a.next("change");
        assertEquals(List.of(Map.of("retain", 2L), Map.of("insert", "乙")).toString(),
                DeltaJson.toJava(PlainJson.delta(toA.getJsonObject("delta"))).toString(),
                "b's change moved after a's text");

        Socket late = Socket.joined("teacher1", "client-cccc-1", rev);
        JsonArray missing = late.next("joined").getJsonArray("changes");
        assertEquals(2, missing.size(), "rejoining from an old revision gets exactly the missing changes");
        for (Socket s : List.of(a, b, late)) {
            s.ws.close();
        }
    }

    @Test
    @DisplayName("a comment stays on its text while others insert before it and right after it")
    void commentStaysAttached() throws Exception {
        Socket a = Socket.joined("teacher3", "client-comm-001", null);
        JsonObject joined = a.next("joined");
        int rev = joined.getInteger("revision");
        Delta doc = PlainJson.delta(joined.getJsonObject("content"));
        int at = doc.plainText().indexOf("教学准备");
        Api colleague = api.loginDemo("teacher1");
        String comments = "/api/v1/prep/plans/" + plan.planId() + "/comments";
        var created = colleague.post(comments, new JsonObject().put("revision", rev).put("index", at)
                .put("length", 4).put("body", "准备哪些教具？"));
        assertEquals(201, created.status(), created.toString());
        a.send(submit(1, rev, new Delta().insert("前言：本课时重在建模。\n")));
        a.next("ack");
        a.send(submit(2, rev + 1, new Delta().retain(at + 12 + 4).insert("【插入】")));
        a.next("ack");
        JsonObject c = colleague.get(comments).items().getJsonObject(0);
        assertEquals("教学准备", c.getString("quote"), "the comment still covers its text");
        assertEquals(at + 12, c.getJsonObject("range").getInteger("index"));
        long id = c.getLong("id");
        assertEquals(201, lead.post("/api/v1/prep/comments/" + id + "/replies", new JsonObject().put("body", "直尺、课件"))
                .status());
        assertEquals(400, lead.post(comments, new JsonObject().put("revision", rev).put("index", 0).put("length", 0)
                .put("body", "x")).status());
        assertEquals(200, lead.patch("/api/v1/prep/comments/" + id, new JsonObject().put("resolved", true)).status());
        JsonObject after = colleague.get(comments).items().getJsonObject(0);
        assertTrue(after.getBoolean("resolved"));
        assertEquals("直尺、课件", after.getJsonArray("replies").getJsonObject(0).getString("body"));
        assertEquals(404, api.loginDemo("teacher5").get(comments).status(), "outsiders cannot read comments");
        a.ws.close();
    }

    @Test
    @DisplayName("bad changes get clear errors and leave the document and other editors untouched")
    void badChanges() throws Exception {
        Socket a = Socket.joined("teacher3", "client-bad-0001", null);
        int rev = a.next("joined").getInteger("revision");
        Delta before = PlainJson.delta(lead.get("/api/v1/prep/plans/" + plan.planId() + "/content").json()
                .getJsonObject("content"));
        int len = before.length();
        a.send(submit(1, rev, new Delta().retain(len + 5).insert("x")));
        assertEquals("invalid_change", a.next("error").getString("code"), "longer than the document");
        a.send(submit(2, rev + 1000, new Delta().insert("x")));
        assertEquals("revision_from_future", a.next("error").getString("code"));
        a.send(submit(3, rev, new Delta().delete(len)));
        assertEquals("invalid_change", a.next("error").getString("code"), "deleting the final line break");
        a.send(new JsonObject().put("type", "submit").put("seq", 4).put("baseRevision", rev)
                .put("delta", new JsonObject().put("ops", new JsonArray().add(new JsonObject().put("retain", -1)))));
        assertEquals("invalid_change", a.next("error").getString("code"), "malformed op");
        a.ws.writeTextMessage("{\"type\":\"submit\",\"seq\":5,\"baseRevision\":" + rev
                + ",\"delta\":{\"ops\":[{\"insert\":\"\\ud83d\"}]}}");
        assertEquals("invalid_change", a.next("error").getString("code"), "lone surrogate");
        a.send(submit(6, rev, new Delta().insert(java.util.Map.of("image", "https://example.org/track.png"), null)));
        JsonObject foreign = a.next("error");
        assertEquals("invalid_change", foreign.getString("code"), "an image from another address");
        assertTrue(foreign.toString().contains("uploaded"), foreign.toString());
        a.send(submit(7, rev, new Delta().insert(java.util.Map.of("image", "data:image/png;base64,"
                + "A".repeat(100_000)), null)));
        assertEquals("invalid_change", a.next("error").getString("code"), "an inline image over the limit");
        a.send(submit(8, rev, new Delta().insert(java.util.Map.of("image", "data:text/html;base64,PGI+"), null)));
        assertEquals("invalid_change", a.next("error").getString("code"), "a data: URL that is not an image");
        a.ws.writeTextMessage("{not json");
        assertEquals("bad_json", a.next("error").getString("code"));
        a.ws.writeTextMessage("\"" + "x".repeat(200 * 1024) + "\"");
        assertEquals("message_too_large", a.next("error").getString("code"));
        Delta after = PlainJson.delta(lead.get("/api/v1/prep/plans/" + plan.planId() + "/content").json()
                .getJsonObject("content"));
        assertEquals(rev, lead.get("/api/v1/prep/plans/" + plan.planId() + "/content").json().getInteger("revision"),
                "nothing was committed");
        assertEquals(before, after);
        a.ws.close();
    }

    @Test
    @DisplayName("a flood of messages is rate limited, then the sender is disconnected; others are unaffected")
    void flood() throws Exception {
        Socket calm = Socket.joined("teacher1", "client-calm-001", null);
        calm.next("joined");
        Socket noisy = Socket.joined("teacher3", "client-noisy-01", null);
        noisy.next("joined");
        for (int i = 0; i < 400; i++) {
            noisy.send(new JsonObject().put("type", "ping"));
        }
        noisy.awaitClosed();
        assertEquals((short) 1008, noisy.closeStatus, "policy violation");
        calm.send(new JsonObject().put("type", "ping"));
        assertEquals("pong", calm.next("pong").getString("type"), "the other editor still works");
        calm.ws.close();
    }

    @Test
    @DisplayName("no token, a bad token or a user outside the team cannot open the document")
    void outsiders() throws Exception {
        Socket anon = new Socket();
        anon.send(new JsonObject().put("type", "join").put("docId", plan.docId()).put("clientId", "client-anon-01"));
        assertEquals("unauthorized", anon.next("error").getString("code"));
        Socket forged = new Socket();
        forged.send(new JsonObject().put("type", "auth").put("token", "eyJhbGciOiJIUzI1NiJ9.e30.x"));
        assertEquals("unauthorized", forged.next("error").getString("code"));
        forged.awaitClosed();
        for (String outsider : List.of("teacher5", "teacher4", "observer1")) {
            Socket s = Socket.joined(outsider, "client-out-0001", null);
            JsonObject e = s.next("error");
            assertEquals("not_found", e.getString("code"), outsider);
            s.awaitClosed();
            assertEquals(404, api.loginDemo(outsider).get("/api/v1/prep/plans/" + plan.planId()).status(), outsider);
        }
        anon.ws.close();
    }

    @Test
    @DisplayName("a team member who does not take part can read but not edit; presence reaches the others")
    void readOnlyAndPresence() throws Exception {
        Socket reader = Socket.joined("teacher2", "client-read-001", null);
        JsonObject joined = reader.next("joined");
        assertEquals("read", joined.getString("access"));
        reader.send(submit(1, joined.getInteger("revision"), new Delta().insert("x")));
        assertEquals("read_only", reader.next("error").getString("code"));
        Socket writer = Socket.joined("teacher1", "client-pres-001", joined.getInteger("revision"));
        writer.next("joined");
        writer.send(new JsonObject().put("type", "presence").put("v", 1).put("revision", joined.getInteger("revision"))
                .put("range", new JsonObject().put("index", 3).put("length", 2)));
        JsonObject p = reader.next("presence");
        assertEquals("client-pres-001", p.getString("clientId"));
        assertEquals(3, p.getJsonObject("range").getInteger("index"));
        assertFalse(p.getString("name").isBlank());
        writer.send(new JsonObject().put("type", "presence").put("v", 0).put("revision", 0));
        writer.send(new JsonObject().put("type", "ping"));
        writer.next("pong");
        reader.ws.close();
        writer.ws.close();
        assertEquals(PlanTemplate.SECTIONS.size(), 7);
    }
}
