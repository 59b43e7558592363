package cn.tongbei.classroom;

import static cn.tongbei.classroom.SyncClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.classroom.sync.ClassroomState;
import cn.tongbei.testing.Api;
import cn.tongbei.testing.NodeProcess;
import cn.tongbei.testing.TwoNodes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One live session across two clustered nodes (child JVMs sharing the test PostgreSQL): the master on node A,
 * classroom devices split across A and B, commands from both nodes at once; then node B dies (SIGKILL) or drains
 * (SIGTERM, 1012) and its devices resume on A by replay.
 */
class ClassroomClusterIT {
    static Vertx vertx;
    final List<SyncClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(SyncClient::close);
    }

    static String login(NodeProcess node, String username) {
        return node.api().post("/api/v1/auth/login", new JsonObject().put("username", username).put("password",
                NodeProcess.ADMIN_PASSWORD)).json().getString("accessToken");
    }

    SyncClient client(NodeProcess node, String token, long session, String role, Long classroom, String name) {
        SyncClient c = new SyncClient(vertx, node.port(), token, session, role, classroom, name);
        clients.add(c);
        return c;
    }

    /** The session as the log in PostgreSQL has it, replayed (read through a node). */
    static ClassroomState logState(NodeProcess node, String token, long session) {
        Api api = new Api(node.port()).as(token);
        ClassroomState s = ClassroomState.initial();
        long after = 0;
        while (true) {
            JsonObject page = api.get("/api/v1/classroom/sessions/" + session + "/events?after=" + after
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

    static List<JsonObject> log(NodeProcess node, String token, long session) {
        JsonArray items = new Api(node.port()).as(token).get("/api/v1/classroom/sessions/" + session
                + "/events?limit=5000").items();
        return items.stream().map(o -> (JsonObject) o).toList();
    }

    /** Every command acknowledged, every client at the log's end with the log's state, no gap, no duplicate. */
    static void assertConverged(List<SyncClient> all, NodeProcess node, String token, long session, Set<String> sent) {
        await(() -> all.stream().allMatch(c -> c.pendingCount() == 0), "every command acknowledged",
                Duration.ofSeconds(60));
        AtomicReference<ClassroomState> server = new AtomicReference<>();
        // each client's state as seen when all were at the log's end: a later event (e.g. the presence batch
        // after reconnects) may arrive while the states are compared, so compare that snapshot
        java.util.Map<SyncClient, ClassroomState> seen = new java.util.HashMap<>();
        await(() -> {
            server.set(logState(node, token, session));
            all.forEach(c -> seen.put(c, c.state));
            return seen.values().stream().allMatch(st -> st.seq() == server.get().seq());
        }, "every client caught up with the log", Duration.ofSeconds(30));
        for (SyncClient c : all) {
            assertTrue(c.anomalies.isEmpty(), c.name + ": " + c.anomalies);
            assertTrue(c.errors.stream().allMatch(e -> "rate_limited".equals(e.getString("code"))), c.name
                    + " got errors: " + c.errors);
            assertEquals(server.get(), seen.get(c), c.name + " (on port " + c.port() + ")");
        }
        Set<String> logged = new HashSet<>();
        for (JsonObject e : log(node, token, session)) {
            if (e.getString("cmdId") != null) {
                assertTrue(logged.add(e.getString("cmdId")), "applied once: " + e.getString("cmdId"));
            }
        }
        assertEquals(sent, logged, "every command is in the log exactly once");
    }

    record Seats(long session, long t1, long t2, String master, String terminal1, String terminal2) {}

    static Seats seats(String title) {
        JsonObject s = ClassroomFixture.session(title);
        NodeProcess a = TwoNodes.get().a();
        return new Seats(s.getLong("id"), s.getLong("terminal1"), s.getLong("terminal2"), login(a, "teacher1"),
                login(a, "terminal1"), login(a, "terminal2"));
    }

    @Test
    @DisplayName("a busy session across two nodes reaches every device once and in order; after node B is killed"
            + " its devices resume on node A and nothing is lost")
    void across_nodes_and_a_node_killed() {
        TwoNodes nodes = TwoNodes.get();
        try {
            Seats s = seats("跨节点课堂");
            NodeProcess a = nodes.a();
            NodeProcess b = nodes.b();
            SyncClient master = client(a, s.master, s.session, "master", null, "m").connect().joined();
            List<SyncClient> onA = new ArrayList<>();
            List<SyncClient> onB = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                onA.add(client(a, s.terminal1, s.session, "classroom", s.t1, "a1-" + i).connect().joined());
                onB.add(client(b, s.terminal1, s.session, "classroom", s.t1, "b1-" + i).connect().joined());
                onB.add(client(b, s.terminal2, s.session, "classroom", s.t2, "b2-" + i).connect().joined());
            }
            List<SyncClient> rooms = new ArrayList<>(onA);
            rooms.addAll(onB);
            List<SyncClient> all = new ArrayList<>(rooms);
            all.add(master);
            Set<String> sent = new HashSet<>();
            sent.add(master.send(new JsonObject().put("type", "quiz.launch").put("id", "q1").put("kind", "single")
                    .put("options", 4).put("question", "1+1=?").put("correct", new JsonArray().add(1))));
            await(() -> master.pendingCount() == 0, "quiz launched");
            for (int step = 0; step < 60; step++) {
                sent.add(master.send(step % 10 == 0
                        ? new JsonObject().put("type", "page").put("page", step / 10 % 3)
                        : LiveSessionIT.stroke("x" + step, step % 3)));
                SyncClient room = rooms.get(step % rooms.size());
                sent.add(room.send(switch (step / rooms.size() % 3) {
                    case 0 -> new JsonObject().put("type", "chat").put("text", "消息" + step);
                    case 1 -> new JsonObject().put("type", "quiz.answer").put("quizId", "q1").put("counts",
                            new JsonArray().add(step % 5).add(10).add(2).add(0));
                    default -> new JsonObject().put("type", "attendance").put("present", 20 + step % 7);
                }));
                LiveSessionIT.pause(10);
            }
            await(() -> rooms.stream().allMatch(c -> c.pendingCount() == 0), "every answer in before the reveal",
                    Duration.ofSeconds(60));
            sent.add(master.send(new JsonObject().put("type", "quiz.reveal").put("quizId", "q1")));
            assertConverged(all, a, s.master, s.session, sent);
            assertEquals(java.util.Set.of(s.t1, s.t2), master.state.quizzes().get(0).answers().keySet(),
                    "both classrooms answered, from both nodes");

            // node B dies with commands in flight; its devices go to node A and resume from their last sequence
            for (SyncClient c : onB) {
                sent.add(c.send(new JsonObject().put("type", "chat").put("text", "断线前 " + c.name)));
            }
            b.kill();
            await(() -> onB.stream().allMatch(c -> c.closed), "node B's sockets are gone");
            for (int step = 0; step < 10; step++) {
                sent.add(master.send(LiveSessionIT.stroke("after" + step, 0)));
            }
            for (SyncClient c : onB) {
                c.moveTo(a.port()).connect();
            }
            for (SyncClient c : onB) {
                sent.add(c.send(new JsonObject().put("type", "chat").put("text", "重连后 " + c.name)));
            }
            assertConverged(all, a, s.master, s.session, sent);
        } finally {
            nodes.ensureRunning();
        }
    }

    @Test
    @DisplayName("a node draining (SIGTERM) closes its classroom sockets with 1012; they reconnect to the other node"
            + " and resume without loss")
    void drain_closes_with_1012_and_clients_resume_elsewhere() {
        TwoNodes nodes = TwoNodes.get();
        try {
            Seats s = seats("节点排空");
            NodeProcess a = nodes.a();
            NodeProcess b = nodes.b();
            SyncClient master = client(a, s.master, s.session, "master", null, "dm").connect().joined();
            List<SyncClient> onB = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                SyncClient c = client(b, s.terminal2, s.session, "classroom", s.t2, "d" + i).connect().joined();
                c.onRestart = a::port;
                onB.add(c);
            }
            List<SyncClient> all = new ArrayList<>(onB);
            all.add(master);
            Set<String> sent = new HashSet<>();
            for (int step = 0; step < 10; step++) {
                sent.add(master.send(LiveSessionIT.stroke("d" + step, 1)));
            }
            assertConverged(all, a, s.master, s.session, sent);
            b.stop();
            await(() -> onB.stream().allMatch(c -> c.lastCloseCode != 0), "node B's sockets closed");
            for (SyncClient c : onB) {
                assertEquals(1012, c.lastCloseCode, c.name + " was told to reconnect elsewhere");
            }
            for (int step = 0; step < 10; step++) {
                sent.add(master.send(LiveSessionIT.stroke("e" + step, 2)));
            }
            await(() -> onB.stream().allMatch(c -> c.port() == a.port() && !c.closed), "devices moved to node A");
            for (SyncClient c : onB) {
                sent.add(c.send(new JsonObject().put("type", "chat").put("text", "换节点 " + c.name)));
            }
            assertConverged(all, a, s.master, s.session, sent);
        } finally {
            nodes.ensureRunning();
        }
    }
}
