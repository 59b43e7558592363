package cn.tongbei.classroom;

import static cn.tongbei.classroom.SyncClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.classroom.sync.ClassroomState;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Students' own answer devices over real websockets: join code + seat, vote, aggregation, refusals. */
class StudentDevicesIT {
    static Vertx vertx;
    static int port;
    static String masterToken;
    static String terminal1Token;
    final List<SyncClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() {
        port = cn.tongbei.testing.TestServer.api().port();
        vertx = Vertx.vertx();
        masterToken = ClassroomFixture.token("teacher1");
        terminal1Token = ClassroomFixture.token("terminal1");
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

    /** A student device; {@code session} is only used to stamp its commands (its hello names none). */
    SyncClient student(long session, String code, int seat, String name) {
        return client(null, session, "student", null, name).asStudent(code, seat);
    }

    static String code(JsonObject session, long terminal) {
        for (Object o : session.getJsonArray("classrooms")) {
            JsonObject c = (JsonObject) o;
            if (c.getLong("terminalId") == terminal) {
                return c.getString("joinCode");
            }
        }
        throw new AssertionError("no classroom " + terminal);
    }

    static JsonObject vote(String quiz, Integer... choice) {
        return new JsonObject().put("type", "quiz.vote").put("quizId", quiz).put("choice", new JsonArray(List.of(
                choice)));
    }

    @Test
    @DisplayName("students vote from their devices; the master sees each classroom's entered counts plus its devices,"
            + " a changed vote replaces the old one and nothing changes after the reveal")
    void students_vote_and_master_sees_counts() {
        JsonObject s = ClassroomFixture.session("学生答题");
        long id = s.getLong("id");
        long t1 = s.getLong("terminal1");
        long t2 = s.getLong("terminal2");
        SyncClient master = client(masterToken, id, "master", null, "m").connect().joined();
        SyncClient room1 = client(terminal1Token, id, "classroom", t1, "r1").connect().joined();
        SyncClient s1 = student(id, code(s, t1), 1, "s1").connect().joined();
        SyncClient s2 = student(id, code(s, t1), 2, "s2").connect().joined();
        SyncClient s3 = student(id, code(s, t2), 1, "s3").connect().joined();
        assertEquals("student", s1.lastWelcome.getString("role"));
        assertEquals(t1, s1.lastWelcome.getLong("classroom"));
        master.send(new JsonObject().put("type", "quiz.launch").put("id", "q1").put("kind", "single").put("options",
                3).put("correct", new JsonArray().add(1)));
        await(() -> s3.state.openQuiz() != null, "students see the quiz");
        room1.send(new JsonObject().put("type", "quiz.answer").put("quizId", "q1").put("counts", new JsonArray(List
                .of(2, 10, 1))));
        s1.send(vote("q1", 0));
        s1.send(vote("q1", 1)); // changes its mind
        s2.send(vote("q1", 1));
        s3.send(vote("q1", 2));
        await(() -> {
            ClassroomState.Quiz q = master.state.openQuiz();
            return q != null && q.totals().equals(List.of(2, 12, 2));
        }, "master sees entered counts + devices");
        ClassroomState.Quiz q = master.state.openQuiz();
        assertEquals(List.of(2, 12, 1), q.counts(t1));
        assertEquals(List.of(0, 0, 1), q.counts(t2));
        master.send(new JsonObject().put("type", "quiz.reveal").put("quizId", "q1"));
        await(() -> s1.state.quizzes().get(0).revealed(), "revealed");
        s1.send(vote("q1", 2));
        await(() -> s1.errors.stream().anyMatch(e -> "quiz_not_open".equals(e.getString("code"))),
                "a vote after the reveal is refused");
        assertEquals(List.of(2, 12, 2), LiveSessionIT.serverState(id).quizzes().get(0).totals(),
                "the log replays to the same counts");
        assertEquals(master.state, LiveSessionIT.serverState(id));
    }

    @Test
    @DisplayName("a student device may not act as the master nor answer another session's quiz; a wrong join code"
            + " is refused and closes the socket")
    void students_are_refused_what_is_not_theirs() {
        JsonObject s = ClassroomFixture.session("学生越权");
        JsonObject other = ClassroomFixture.session("另一节课");
        long id = s.getLong("id");
        long t1 = s.getLong("terminal1");
        SyncClient master = client(masterToken, id, "master", null, "m2").connect().joined();
        SyncClient otherMaster = client(masterToken, other.getLong("id"), "master", null, "om").connect().joined();
        otherMaster.send(new JsonObject().put("type", "quiz.launch").put("id", "oq").put("kind", "truefalse").put(
                "options", 2));
        master.send(new JsonObject().put("type", "quiz.launch").put("id", "q").put("kind", "truefalse").put(
                "options", 2));
        SyncClient st = student(id, code(s, t1), 5, "st").connect().joined();
        await(() -> st.state.openQuiz() != null, "quiz open");
        st.send(new JsonObject().put("type", "page").put("page", 1));
        st.send(new JsonObject().put("type", "quiz.reveal").put("quizId", "q"));
        st.send(new JsonObject().put("type", "chat").put("text", "hi"));
        st.send(vote("oq", 0));
        await(() -> st.errors.size() >= 4, "four refusals");
        assertEquals(List.of("forbidden", "forbidden", "forbidden", "quiz_not_open"), st.errors.stream().map(e -> e
                .getString("code")).toList());
        st.raw(new JsonObject().put("type", "quiz.vote").put("session", other.getLong("id")).put("cmdId", "x1").put(
                "quizId", "oq").put("choice", new JsonArray().add(0)).encode());
        await(() -> st.errors.size() >= 5, "other session refused");
        assertEquals("wrong_session", st.errors.get(4).getString("code"));
        st.send(vote("q", 1));
        await(() -> master.state.openQuiz().counts(t1).equals(List.of(0, 1)), "its own vote counts");
        assertTrue(otherMaster.state.openQuiz().votes().isEmpty(), "the other session got nothing");

        String wrong = code(s, t1).equals("000000") ? "000001" : "000000";
        SyncClient intruder = student(id, wrong, 1, "bad").connect();
        await(() -> intruder.isClosed(), "wrong code closes the socket");
        assertEquals("not_found", intruder.errors.get(0).getString("code"));
        assertEquals(1008, intruder.lastCloseCode);
    }
}
