package cn.tongbei.classroom;

import static cn.tongbei.classroom.SyncClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.classroom.sync.ClassroomState;
import cn.tongbei.testing.Api;
import cn.tongbei.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Live sessions with real websocket clients against the real server and embedded PostgreSQL. */
class LiveSessionIT {
    static Vertx vertx;
    static int port;
    static String masterToken;
    static String terminal1Token;
    static String terminal2Token;
    static String observerToken;
    final List<SyncClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() {
        port = TestServer.api().port();
        vertx = Vertx.vertx();
        masterToken = ClassroomFixture.token("teacher1");
        terminal1Token = ClassroomFixture.token("terminal1");
        terminal2Token = ClassroomFixture.token("terminal2");
        observerToken = ClassroomFixture.token("observer1");
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(SyncClient::close);
    }

    SyncClient client(String token, long session, String role, Long classroom, String name) {
        SyncClient c = new SyncClient(vertx, port, token, session, role, classroom, name);
        clients.add(c);
        return c;
    }

    /** The server's state: the persisted log replayed. */
    static ClassroomState serverState(long session) {
        Api master = TestServer.api().loginDemo("teacher1");
        ClassroomState s = ClassroomState.initial();
        long after = 0;
        while (true) {
            JsonObject page = master.get("/api/v1/classroom/sessions/" + session + "/events?after=" + after
                    + "&limit=5000").json();
            for (Object o : page.getJsonArray("items")) {
                s = s.apply(SyncClient.toEvent((JsonObject) o));
            }
            if (!page.getBoolean("more")) {
                return s;
            }
            after = s.seq();
        }
    }

    static List<JsonObject> log(long session) {
        JsonArray items = TestServer.api().loginDemo("teacher1").get("/api/v1/classroom/sessions/" + session
                + "/events?limit=5000").items();
        return items.stream().map(o -> (JsonObject) o).toList();
    }

    static JsonObject stroke(String id, int page) {
        return new JsonObject().put("type", "stroke").put("id", id).put("page", page).put("tool", "pen").put("color",
                "#d9645a").put("width", 4).put("points", new JsonArray().add(100).add(200).add(3000).add(4000));
    }

    record Room(JsonObject session, long id, long t1, long t2) {}

    static Room room(String title) {
        JsonObject s = ClassroomFixture.session(title);
        return new Room(s, s.getLong("id"), s.getLong("terminal1"), s.getLong("terminal2"));
    }

    @Test
    @DisplayName("master, two classrooms and an observer join; a page turn and a stroke reach everyone in order")
    void join_and_follow() {
        Room r = room("同步");
        SyncClient master = client(masterToken, r.id, "master", null, "m").connect().joined();
        SyncClient a = client(terminal1Token, r.id, "classroom", r.t1, "a").connect().joined();
        SyncClient b = client(terminal2Token, r.id, "classroom", r.t2, "b").connect().joined();
        SyncClient obs = client(observerToken, r.id, "observer", null, "o").connect().joined();
        master.send(new JsonObject().put("type", "page").put("page", 2));
        master.send(stroke("s1", 2));
        await(() -> master.pendingCount() == 0, "acks");
        for (SyncClient c : List.of(master, a, b, obs)) {
            await(() -> c.state.strokes().containsKey(2), c.name + " has the stroke");
            assertEquals(2, c.state.page());
            assertTrue(c.anomalies.isEmpty(), c.anomalies.toString());
        }
        await(() -> Integer.valueOf(1).equals(a.state.connected().get(r.t1)), "presence reaches a");
        await(() -> master.state.seq() == serverState(r.id).seq(), "master has the whole log");
        assertEquals(serverState(r.id), master.state);
    }

    @Test
    @DisplayName("50 devices joining at once cost a few coalesced presence events, not one per device")
    void mass_join_is_coalesced() {
        Room r = room("大规模加入");
        SyncClient master = client(masterToken, r.id, "master", null, "m").connect().joined();
        List<SyncClient> devices = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            devices.add(client(i % 2 == 0 ? terminal1Token : terminal2Token, r.id, "classroom", i % 2 == 0
                    ? r.t1
                    : r.t2, "d" + i).connect());
        }
        devices.forEach(SyncClient::joined);
        await(() -> Integer.valueOf(25).equals(master.state.connected().get(r.t1)) && Integer.valueOf(25).equals(
                master.state.connected().get(r.t2)), "the master sees 25 devices per classroom");
        List<JsonObject> presence = log(r.id).stream().filter(e -> e.getString("type").startsWith("presence"))
                .toList();
        assertTrue(presence.size() <= 10, "50 joins became " + presence.size() + " presence events: " + presence);
        int joined = presence.stream().flatMap(e -> e.getJsonArray("rooms").stream()).mapToInt(o -> ((JsonObject) o)
                .getInteger("joined")).sum();
        assertEquals(50, joined, "every join is in the log (the summary's join count and times)");
        JsonObject summary = TestServer.api().loginDemo("teacher1").get("/api/v1/classroom/sessions/" + r.id
                + "/summary").json();
        assertEquals(25, summary.getJsonArray("classrooms").getJsonObject(0).getInteger("joins"), summary
                .encode());
        devices.subList(0, 10).forEach(SyncClient::close);
        await(() -> Integer.valueOf(20).equals(master.state.connected().get(r.t1)) && Integer.valueOf(20).equals(
                master.state.connected().get(r.t2)), "leaves are coalesced too");
        long total = log(r.id).stream().filter(e -> e.getString("type").startsWith("presence")).count();
        assertTrue(total <= 14, "joins and leaves of 50 devices: " + total + " presence events");
        for (SyncClient d : devices.subList(10, 50)) {
            await(() -> d.state.seq() == master.state.seq(), d.name + " caught up");
            assertTrue(d.anomalies.isEmpty(), d.anomalies.toString());
        }
    }

    @Test
    @DisplayName("a late joiner and a reconnecting client get exactly the events they miss, then match the server")
    void late_join_and_reconnect() {
        Room r = room("迟到与重连");
        SyncClient master = client(masterToken, r.id, "master", null, "m").connect().joined();
        SyncClient a = client(terminal1Token, r.id, "classroom", r.t1, "a").connect().joined();
        for (int i = 0; i < 10; i++) {
            master.send(stroke("early" + i, 0));
        }
        await(() -> a.state.strokes().getOrDefault(0, List.of()).size() == 10, "a has 10 strokes");
        a.kill();
        await(() -> a.closed, "a closed");
        long had = a.state.seq();
        for (int i = 0; i < 15; i++) {
            master.send(stroke("while-away" + i, 1));
        }
        await(() -> master.pendingCount() == 0, "acks");
        SyncClient late = client(terminal2Token, r.id, "classroom", r.t2, "late").connect().joined();
        a.connect().joined();
        long missed = a.lastWelcome.getJsonArray("events").size();
        assertTrue(missed >= 15 && missed <= 18, "only the missing events are replayed: " + missed);
        assertEquals(had + 1, a.lastWelcome.getJsonArray("events").getJsonObject(0).getLong("seq"));
        ClassroomState server = serverState(r.id);
        await(() -> a.state.seq() == server.seq() + 1 || a.state.seq() >= server.seq(), "caught up");
        assertEquals(15, a.state.strokes().get(1).size());
        assertEquals(15, late.state.strokes().get(1).size());
        assertTrue(a.anomalies.isEmpty() && late.anomalies.isEmpty());
    }

    @Test
    @DisplayName("a duplicate command is acknowledged again and never applied twice")
    void duplicates() {
        Room r = room("重复");
        SyncClient master = client(masterToken, r.id, "master", null, "m").connect().joined();
        String text = new JsonObject().put("type", "chat").put("text", "同学们好").put("cmdId", "dup-1").encode();
        master.raw(text);
        master.raw(text);
        master.raw(text);
        await(() -> master.acks == 3, "three acks");
        await(() -> master.state.chat().size() == 1, "one chat line");
        assertEquals(1, log(r.id).stream().filter(e -> "dup-1".equals(e.getString("cmdId"))).count());
    }

    @Test
    @DisplayName("roles are enforced on the server: a terminal's master action, another classroom, another group")
    void roles() {
        Room r = room("权限");
        SyncClient a = client(terminal1Token, r.id, "classroom", r.t1, "a").connect().joined();
        a.send(new JsonObject().put("type", "page").put("page", 1));
        a.send(new JsonObject().put("type", "quiz.launch").put("id", "q").put("kind", "truefalse"));
        await(() -> a.errors.size() == 2, "two refusals");
        assertTrue(a.errors.stream().allMatch(e -> e.getString("code").equals("forbidden")));
        assertEquals(0, a.state.page());

        SyncClient wrongSeat = client(terminal1Token, r.id, "classroom", r.t2, "w").connect();
        await(() -> wrongSeat.closed, "closed");
        assertEquals("forbidden", wrongSeat.errors.get(0).getString("code"));
        SyncClient fakeMaster = client(terminal2Token, r.id, "master", null, "f").connect();
        await(() -> fakeMaster.closed, "closed");
        assertEquals("forbidden", fakeMaster.errors.get(0).getString("code"));

        SyncClient outsider = client(outsiderToken(), r.id, "observer", null, "x").connect();
        await(() -> outsider.closed, "outsider closed");
        assertEquals("not_found", outsider.errors.get(0).getString("code"));
        SyncClient badToken = client("nonsense", r.id, "observer", null, "t").connect();
        await(() -> badToken.closed, "closed");
        assertEquals("token_invalid", badToken.errors.get(0).getString("code"));

        SyncClient observer = client(observerToken, r.id, "observer", null, "o").connect().joined();
        observer.send(new JsonObject().put("type", "chat").put("text", "我来听课"));
        await(() -> !observer.errors.isEmpty(), "refused");
        assertEquals("read_only", observer.errors.get(0).getString("code"));
    }

    static String outsiderToken() {
        Api admin = TestServer.api().loginDemo("admin");
        String suffix = Long.toString(System.nanoTime() % 1_000_000);
        JsonObject group = admin.post("/api/v1/groups", new JsonObject().put("name", "外集团" + suffix).put("mode",
                "ALLIANCE").put("leadSchool", new JsonObject().put("name", "外校").put("kind", "URBAN"))).json();
        long school = admin.get("/api/v1/groups/" + group.getLong("id") + "/schools").items().getJsonObject(0)
                .getLong("id");
        String username = "outsider" + suffix;
        admin.post("/api/v1/groups/" + group.getLong("id") + "/users", new JsonObject().put("username", username)
                .put("displayName", "外人").put("password", "tongbei-demo").put("role", "TEACHER").put("schoolId",
                        school));
        return ClassroomFixture.token(username);
    }

    @Test
    @DisplayName("a quiz aggregates per classroom and in total; hands queue in arrival order; grant speaks")
    void quiz_and_hands() {
        Room r = room("测验");
        SyncClient master = client(masterToken, r.id, "master", null, "m").connect().joined();
        SyncClient a = client(terminal1Token, r.id, "classroom", r.t1, "a").connect().joined();
        SyncClient b = client(terminal2Token, r.id, "classroom", r.t2, "b").connect().joined();
        master.send(new JsonObject().put("type", "quiz.launch").put("id", "q1").put("kind", "single").put("options",
                4).put("question", "x=?").put("correct", new JsonArray().add(2)));
        await(() -> b.state.openQuiz() != null, "quiz open");
        a.send(new JsonObject().put("type", "quiz.answer").put("quizId", "q1").put("counts", new JsonArray(List.of(1,
                2, 30, 0))));
        b.send(new JsonObject().put("type", "quiz.answer").put("quizId", "q1").put("counts", new JsonArray(List.of(0,
                5, 20, 3))));
        b.send(new JsonObject().put("type", "hand.raise"));
        await(() -> master.state.hands().size() == 1, "b's hand");
        a.send(new JsonObject().put("type", "hand.raise"));
        await(() -> master.state.hands().size() == 2, "two hands");
        ClassroomState.Quiz q = master.state.openQuiz();
        assertEquals(List.of(1, 2, 30, 0), q.answers().get(r.t1));
        assertEquals(List.of(0, 5, 20, 3), q.answers().get(r.t2));
        assertEquals(List.of(1, 7, 50, 3), q.totals());
        assertEquals(List.of(r.t2, r.t1), master.state.hands(), "arrival order");
        master.send(new JsonObject().put("type", "hand.grant").put("classroom", r.t2));
        master.send(new JsonObject().put("type", "quiz.reveal").put("quizId", "q1"));
        await(() -> a.state.speaking() == r.t2 && a.state.quizzes().get(0).revealed(), "granted and revealed");
        assertEquals(List.of(r.t1), a.state.hands());
        JsonObject summary = TestServer.api().loginDemo("teacher1").get("/api/v1/classroom/sessions/" + r.id
                + "/summary").json();
        assertEquals(new JsonArray(List.of(1, 7, 50, 3)), summary.getJsonArray("quizzes").getJsonObject(0)
                .getJsonArray("totals"));
        assertEquals(2, summary.getJsonArray("questions").size());
    }

    @Test
    @DisplayName("floods, oversized, malformed and future-sequence messages get clear errors and harm nobody else")
    void bad_input() {
        Room r = room("坏输入");
        SyncClient master = client(masterToken, r.id, "master", null, "m").connect().joined();
        SyncClient a = client(terminal1Token, r.id, "classroom", r.t1, "a").connect().joined();
        SyncClient b = client(terminal2Token, r.id, "classroom", r.t2, "b").connect().joined();
        a.raw("{{{not json");
        a.raw("x".repeat(40_000));
        a.raw(new JsonObject().put("type", "page").put("page", 1).put("cmdId", "p").put("session", r.id + 1)
                .encode());
        await(() -> a.errors.size() == 3, "three errors");
        assertEquals(List.of("malformed", "message_too_large", "wrong_session"), a.errors.stream().map(e -> e
                .getString("code")).toList());
        for (int i = 0; i < 60; i++) {
            a.raw(new JsonObject().put("type", "chat").put("text", "刷屏" + i).put("cmdId", "flood" + i).encode());
        }
        await(() -> a.errors.stream().anyMatch(e -> "rate_limited".equals(e.getString("code"))), "rate limited");
        master.send(new JsonObject().put("type", "page").put("page", 3));
        await(() -> b.state.page() == 3, "others keep following");
        assertTrue(b.errors.isEmpty());

        SyncClient future = client(terminal2Token, r.id, "classroom", r.t2, "future").connect(1_000_000).joined();
        assertEquals("seq_in_future", future.errors.get(0).getString("code"));
        assertTrue(future.lastWelcome.containsKey("snapshot"));
        assertEquals(3, future.state.page());
        await(() -> master.state.seq() == serverState(r.id).seq(), "master caught up");
        assertEquals(serverState(r.id), master.state);
    }

    @Test
    @DisplayName("WebRTC signaling is relayed by role: master to a classroom and back; observers cannot publish")
    void signaling() {
        Room r = room("音视频");
        SyncClient master = client(masterToken, r.id, "master", null, "m").connect().joined();
        SyncClient a = client(terminal1Token, r.id, "classroom", r.t1, "a").connect().joined();
        SyncClient b = client(terminal2Token, r.id, "classroom", r.t2, "b").connect().joined();
        SyncClient obs = client(observerToken, r.id, "observer", null, "o").connect().joined();
        long masterId = ClassroomFixture.userId(TestServer.api().loginDemo("teacher1"));
        JsonObject media = a.lastWelcome.getJsonObject("media");
        assertEquals("none", media.getString("sfu"), "the welcome carries the media settings: " + media);
        assertTrue(media.getJsonArray("iceServers") != null, "ICE servers listed (empty by default)");
        master.raw(new JsonObject().put("type", "signal").put("to", r.t1).put("kind", "offer").put("data",
                new JsonObject().put("sdp", "v=0")).encode());
        await(() -> a.other.stream().anyMatch(m -> "offer".equals(m.getString("kind"))), "offer relayed");
        JsonObject offer = a.other.stream().filter(m -> "signal".equals(m.getString("type"))).findFirst().orElseThrow();
        assertEquals(masterId, offer.getLong("from"));
        assertEquals("master", offer.getString("fromRole"));
        a.raw(new JsonObject().put("type", "signal").put("to", masterId).put("kind", "answer").put("data",
                new JsonObject().put("sdp", "v=0")).encode());
        await(() -> master.other.stream().anyMatch(m -> "answer".equals(m.getString("kind"))), "answer relayed");
        a.raw(new JsonObject().put("type", "signal").put("to", r.t2).put("kind", "offer").encode());
        await(() -> !a.errors.isEmpty(), "classroom to classroom refused");
        assertEquals("no_such_peer", a.errors.get(0).getString("code"));
        obs.raw(new JsonObject().put("type", "signal").put("to", masterId).put("kind", "offer").encode());
        await(() -> !obs.errors.isEmpty(), "observer refused");
        assertEquals("read_only", obs.errors.get(0).getString("code"));
        assertTrue(b.other.stream().noneMatch(m -> "signal".equals(m.getString("type"))), "b saw nothing");
    }

    @Test
    @DisplayName("chaos: sockets killed at random in a busy session lose no event and apply none twice")
    void chaos() {
        Room r = room("混沌");
        Random random = new Random(42);
        SyncClient master = client(masterToken, r.id, "master", null, "m").connect().joined();
        List<SyncClient> rooms = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rooms.add(client(terminal1Token, r.id, "classroom", r.t1, "a" + i).connect().joined());
            rooms.add(client(terminal2Token, r.id, "classroom", r.t2, "b" + i).connect().joined());
        }
        List<SyncClient> all = new ArrayList<>(rooms);
        all.add(master);
        Set<String> sent = new HashSet<>();
        for (int step = 0; step < 300; step++) {
            SyncClient victim = all.get(random.nextInt(all.size()));
            if (random.nextInt(12) == 0 && !victim.closed) {
                victim.kill();
            }
            for (SyncClient c : all) {
                if (c.closed && random.nextInt(3) == 0) {
                    c.connect();
                }
            }
            if (random.nextBoolean()) {
                sent.add(master.send(stroke("c" + step, random.nextInt(3))));
            } else {
                SyncClient room = rooms.get(random.nextInt(rooms.size()));
                sent.add(room.send(random.nextBoolean()
                        ? new JsonObject().put("type", "chat").put("text", "消息" + step)
                        : new JsonObject().put("type", "attendance").put("present", random.nextInt(50))));
            }
            pause(5);
        }
        for (SyncClient c : all) {
            if (c.closed) {
                c.connect();
            }
        }
        await(() -> all.stream().allMatch(c -> c.pendingCount() == 0), "every command acknowledged",
                java.time.Duration.ofSeconds(60));
        ClassroomState server = serverState(r.id);
        await(() -> all.stream().allMatch(c -> c.state.seq() == server.seq()), "every client caught up");
        for (SyncClient c : all) {
            assertTrue(c.anomalies.isEmpty(), c.name + ": " + c.anomalies);
            assertEquals(server, c.state, c.name);
        }
        List<JsonObject> log = log(r.id);
        Set<String> logged = new HashSet<>();
        for (JsonObject e : log) {
            if (e.getString("cmdId") != null) {
                assertTrue(logged.add(e.getString("cmdId")), "applied once: " + e.getString("cmdId"));
            }
        }
        assertEquals(sent, logged, "every command is in the log exactly once");
    }

    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
