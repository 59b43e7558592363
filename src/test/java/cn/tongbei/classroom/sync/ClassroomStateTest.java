package cn.tongbei.classroom.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.access.AccessPolicy.ClassSeat;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reducer and the rules, without Vert.x: each event's effect, and replay = live state. */
class ClassroomStateTest {
    static final long MASTER = 1;
    static final long A = 101;
    static final long B = 102;
    static final Rules.Session SESSION = new Rules.Session(Set.of(A, B), 10);
    static final Rules.Sender MASTER_SEAT = new Rules.Sender(MASTER, ClassSeat.MASTER, null);

    static Rules.Sender room(long id) {
        return new Rules.Sender(id + 1000, ClassSeat.CLASSROOM, id);
    }

    static Rules.Sender student(long classroom, int seat) {
        return new Rules.Sender(ClassroomSocket.studentActor(classroom, seat), ClassSeat.STUDENT, classroom);
    }

    static Payload.QuizVote vote(String quiz, int seat, Integer... choice) {
        return new Payload.QuizVote(quiz, seat, List.of(choice));
    }

    /** A tiny live session: checks, sequences and applies like the hub does. */
    static final class Live {
        ClassroomState state = ClassroomState.initial();
        final List<Event> log = new ArrayList<>();
        long clock = 1_700_000_000_000L;

        Live send(Rules.Sender s, Payload p) {
            Rules.check(SESSION, state, s, p);
            return server(s, p);
        }

        Live server(Rules.Sender s, Payload p) {
            Event e = new Event(state.seq() + 1, s.userId(), s.classroom(), "c" + (state.seq() + 1), clock += 7, p);
            log.add(e);
            state = state.apply(e);
            return this;
        }
    }

    static Payload.Stroke stroke(String id, int page) {
        return new Payload.Stroke(id, page, "pen", "#d9645a", 4, List.of(0, 0, 5000, 5000, 10000, 10000));
    }

    @Test
    @DisplayName("pages, strokes and clear: strokes stay on their page in order and clear empties one page")
    void pages_and_strokes() {
        Live live = new Live().send(MASTER_SEAT, new Payload.Page(3)).send(MASTER_SEAT, stroke("s1", 3))
                .send(MASTER_SEAT, stroke("s2", 3)).send(MASTER_SEAT, stroke("s3", 4))
                .send(MASTER_SEAT, new Payload.Clear(4));
        assertEquals(3, live.state.page());
        assertEquals(List.of("s1", "s2"), live.state.strokes().get(3).stream().map(Payload.Stroke::id).toList());
        assertNull(live.state.strokes().get(4));
        assertEquals(5, live.state.seq());
    }

    @Test
    @DisplayName("a quiz aggregates per classroom and in total; a classroom's new answer replaces its old one")
    void quiz_aggregation() {
        Live live = new Live().send(MASTER_SEAT, new Payload.QuizLaunch("q1", "single", "2+2?", 4, List.of(1)))
                .send(room(A), new Payload.QuizAnswer("q1", List.of(1, 20, 3, 0)))
                .send(room(B), new Payload.QuizAnswer("q1", List.of(0, 10, 0, 2)))
                .send(room(A), new Payload.QuizAnswer("q1", List.of(2, 25, 3, 0)));
        ClassroomState.Quiz q = live.state.openQuiz();
        assertEquals(List.of(2, 25, 3, 0), q.answers().get(A));
        assertEquals(List.of(2, 35, 3, 2), q.totals());
        live.send(MASTER_SEAT, new Payload.QuizReveal("q1"));
        assertNull(live.state.openQuiz());
        ProtocolException late = assertThrows(ProtocolException.class, () -> live.send(room(B), new Payload.QuizAnswer(
                "q1", List.of(1, 1, 1, 1))));
        assertEquals("quiz_not_open", late.code());
    }

    @Test
    @DisplayName("student devices add to their classroom's entered counts; a classroom total = entered + devices")
    void device_votes_aggregate_with_entered_counts() {
        Live live = new Live().send(MASTER_SEAT, new Payload.QuizLaunch("q1", "single", "2+2?", 4, List.of(1)))
                .send(room(A), new Payload.QuizAnswer("q1", List.of(1, 20, 3, 0)))
                .send(student(A, 1), vote("q1", 1, 1)).send(student(A, 2), vote("q1", 2, 3))
                .send(student(B, 1), vote("q1", 1, 0));
        ClassroomState.Quiz q = live.state.openQuiz();
        assertEquals(List.of(1, 21, 3, 1), q.counts(A));
        assertEquals(List.of(1, 0, 0, 0), q.counts(B), "a classroom with devices only");
        assertEquals(List.of(2, 21, 3, 1), q.totals());
        assertEquals(List.of(1, 20, 3, 0), q.answers().get(A), "the entered counts stay as entered");
    }

    @Test
    @DisplayName("a device changes its answer until the reveal, one answer per seat; after the reveal it is refused")
    void device_vote_changes_until_reveal() {
        Live live = new Live().send(MASTER_SEAT, new Payload.QuizLaunch("q1", "multiple", null, 3, List.of()))
                .send(student(A, 7), vote("q1", 7, 0)).send(student(A, 7), vote("q1", 7, 1, 2));
        assertEquals(List.of(0, 1, 1), live.state.openQuiz().counts(A));
        live.send(MASTER_SEAT, new Payload.QuizReveal("q1"));
        assertEquals("quiz_not_open", assertThrows(ProtocolException.class, () -> live.send(student(A, 7), vote(
                "q1", 7, 0))).code());
        ClassroomState revealed = live.state;
        assertEquals(revealed.quizzes(), live.server(student(A, 7), vote("q1", 7, 0)).state.quizzes(),
                "even a late vote in the log changes nothing after the reveal");
        assertEquals(List.of(0, 1, 1), live.state.quizzes().get(0).totals());
    }

    @Test
    @DisplayName("a student device may only vote on the open quiz, with valid choices; nobody else votes")
    void device_rules() {
        Live live = new Live().send(MASTER_SEAT, new Payload.QuizLaunch("q1", "single", null, 4, List.of()));
        assertEquals("forbidden", assertThrows(ProtocolException.class, () -> live.send(student(A, 1),
                new Payload.Page(2))).code());
        assertEquals("forbidden", assertThrows(ProtocolException.class, () -> live.send(student(A, 1),
                new Payload.QuizAnswer("q1", List.of(1, 1, 1, 1)))).code());
        assertEquals("forbidden", assertThrows(ProtocolException.class, () -> live.send(student(A, 1),
                new Payload.HandRaise())).code());
        assertEquals("quiz_not_open", assertThrows(ProtocolException.class, () -> live.send(student(A, 1), vote(
                "other", 1, 0))).code());
        assertEquals("malformed", assertThrows(ProtocolException.class, () -> live.send(student(A, 1), vote("q1", 1,
                0, 1))).code(), "single choice takes one option");
        assertEquals("malformed", assertThrows(ProtocolException.class, () -> live.send(student(A, 1), vote("q1", 1,
                4))).code());
        assertEquals("forbidden", assertThrows(ProtocolException.class, () -> live.send(MASTER_SEAT, vote("q1", 1,
                0))).code());
        assertEquals("forbidden", assertThrows(ProtocolException.class, () -> live.send(room(A), vote("q1", 1, 0)))
                .code());
        assertEquals(1, live.state.seq(), "nothing refused was applied");
    }

    @Test
    @DisplayName("hands queue in arrival order, a second raise does not jump the queue, grant removes and speaks")
    void hand_queue() {
        Live live = new Live().send(room(B), new Payload.HandRaise()).send(room(A), new Payload.HandRaise())
                .send(room(B), new Payload.HandRaise());
        assertEquals(List.of(B, A), live.state.hands());
        live.send(MASTER_SEAT, new Payload.HandGrant(A));
        assertEquals(List.of(B), live.state.hands());
        assertEquals(A, live.state.speaking());
        live.send(room(A), new Payload.HandLower(0));
        assertEquals(0, live.state.speaking());
    }

    @Test
    @DisplayName("mute stops classroom chat but not the master; attendance and presence count per classroom")
    void chat_mute_attendance() {
        Live live = new Live().send(room(A), new Payload.Chat("老师，第二题不懂")).send(MASTER_SEAT, new Payload.Mute(
                true));
        assertEquals("chat_muted", assertThrows(ProtocolException.class, () -> live.send(room(A), new Payload.Chat(
                "x"))).code());
        live.send(MASTER_SEAT, new Payload.Chat("请看黑板")).send(room(A), new Payload.Attendance(42))
                .server(room(A), new Payload.Presence(A, 1)).server(room(A), new Payload.Presence(A, 1))
                .server(room(A), new Payload.Presence(A, -1));
        assertEquals(2, live.state.chat().size());
        assertEquals(42, live.state.attendance().get(A));
        assertEquals(1, live.state.connected().get(A));
    }

    @Test
    @DisplayName("a coalesced presence batch counts like the single joins and leaves it replaces, and survives storage")
    void presence_batch() {
        Payload.PresenceBatch batch = new Payload.PresenceBatch(List.of(new Payload.RoomPresence(A, 3, 1),
                new Payload.RoomPresence(B, 1, 1)));
        Live live = new Live().server(MASTER_SEAT, batch);
        assertEquals(2, live.state.connected().get(A));
        assertFalse(live.state.connected().containsKey(B), "a classroom back to zero devices is not listed");
        assertEquals(batch, Wire.stored("presence.batch", batch.json()));
        assertEquals(live.state, ClassroomState.fromJson(live.state.toJson()));
        assertEquals("forbidden", assertThrows(ProtocolException.class, () -> Rules.check(SESSION, live.state,
                MASTER_SEAT, batch)).code(), "clients cannot send presence");
    }

    @ParameterizedTest
    @ValueSource(strings = {"page", "stroke", "quiz.launch", "hand.grant", "mute", "end"})
    @DisplayName("a classroom cannot take the master's actions")
    void classroom_cannot_teach(String type) {
        Payload p = switch (type) {
            case "page" -> new Payload.Page(1);
            case "stroke" -> stroke("x", 0);
            case "quiz.launch" -> new Payload.QuizLaunch("q", "single", "", 2, List.of());
            case "hand.grant" -> new Payload.HandGrant(A);
            case "mute" -> new Payload.Mute(true);
            default -> new Payload.End();
        };
        assertEquals("forbidden", assertThrows(ProtocolException.class, () -> new Live().send(room(A), p)).code());
    }

    @Test
    @DisplayName("observers are read-only, pages beyond the courseware are refused, nothing is accepted after the end")
    void other_refusals() {
        Rules.Sender observer = new Rules.Sender(9, ClassSeat.OBSERVER, null);
        assertEquals("read_only", assertThrows(ProtocolException.class, () -> new Live().send(observer,
                new Payload.Chat("hi"))).code());
        assertEquals("no_such_page", assertThrows(ProtocolException.class, () -> new Live().send(MASTER_SEAT,
                new Payload.Page(10))).code());
        Live ended = new Live().send(MASTER_SEAT, new Payload.End());
        assertEquals("session_ended", assertThrows(ProtocolException.class, () -> ended.send(MASTER_SEAT,
                new Payload.Page(1))).code());
    }

    @Test
    @DisplayName("property: for random sessions, replaying the log and snapshot + tail both equal the live state")
    void replay_equals_live() {
        for (long seed = 1; seed <= 200; seed++) {
            Random random = new Random(seed);
            Live live = new Live();
            int n = 20 + random.nextInt(200);
            for (int i = 0; i < n; i++) {
                try {
                    randomStep(live, random);
                } catch (ProtocolException refused) {
                    // the rules refuse some random commands; they never reach the log
                }
            }
            ClassroomState replayed = ClassroomState.initial();
            for (Event e : live.log) {
                replayed = replayed.apply(e);
            }
            assertEquals(live.state, replayed, "seed " + seed);
            int cut = live.log.isEmpty() ? 0 : random.nextInt(live.log.size());
            ClassroomState partial = ClassroomState.initial();
            for (Event e : live.log.subList(0, cut)) {
                partial = partial.apply(e);
            }
            ClassroomState resumed = ClassroomState.fromJson(new JsonObject(partial.toJson().encode()));
            for (Event e : live.log.subList(cut, live.log.size())) {
                resumed = resumed.apply(e);
            }
            assertEquals(live.state, resumed, "snapshot at " + cut + ", seed " + seed);
            assertEquals(live.state.toJson(), ClassroomState.fromJson(live.state.toJson()).toJson());
        }
    }

    @Test
    @DisplayName("stored events read back to the same payloads")
    void stored_payloads_round_trip() {
        Live live = new Live();
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            try {
                randomStep(live, random);
            } catch (ProtocolException refused) {
                // skipped
            }
        }
        assertTrue(live.log.size() > 100);
        for (Event e : live.log) {
            assertEquals(e.payload(), Wire.stored(e.payload().type(), new JsonObject(e.payload().json().encode())));
        }
    }

    static void randomStep(Live live, Random r) {
        Rules.Sender room = room(r.nextBoolean() ? A : B);
        switch (r.nextInt(16)) {
            case 0 -> live.send(MASTER_SEAT, new Payload.Page(r.nextInt(10)));
            case 1, 2 -> live.send(MASTER_SEAT, stroke("s" + r.nextInt(1_000_000), r.nextInt(10)));
            case 3 -> live.send(MASTER_SEAT, new Payload.Clear(r.nextInt(10)));
            case 4 -> live.send(MASTER_SEAT, new Payload.QuizLaunch("q" + r.nextInt(1_000_000), "multiple", "题", 3,
                    List.of(0, 2)));
            case 5 -> {
                ClassroomState.Quiz open = live.state.openQuiz();
                live.send(room, new Payload.QuizAnswer(open == null ? "none" : open.spec().id(), List.of(r.nextInt(9),
                        r.nextInt(9), r.nextInt(9))));
            }
            case 6 -> {
                ClassroomState.Quiz open = live.state.openQuiz();
                live.send(MASTER_SEAT, new Payload.QuizReveal(open == null ? "none" : open.spec().id()));
            }
            case 7 -> live.send(room, new Payload.HandRaise());
            case 8 -> live.send(MASTER_SEAT, new Payload.HandGrant(r.nextBoolean() ? A : 0));
            case 9 -> live.send(r.nextBoolean() ? room : MASTER_SEAT, new Payload.Chat("消息" + r.nextInt(100)));
            case 10 -> live.send(MASTER_SEAT, r.nextBoolean()
                    ? new Payload.Mute(r.nextBoolean())
                    : new Payload.Timer(r.nextInt(600)));
            case 11 -> live.send(room, new Payload.Attendance(r.nextInt(60)));
            case 12 -> live.send(MASTER_SEAT, r.nextBoolean()
                    ? new Payload.Browse(r.nextBoolean())
                    : new Payload.PullBack());
            case 13, 14 -> {
                ClassroomState.Quiz open = live.state.openQuiz();
                int seat = 1 + r.nextInt(5);
                live.send(student(room.classroom(), seat), vote(open == null ? "none" : open.spec().id(), seat, r
                        .nextInt(3)));
            }
            default -> live.server(room, new Payload.Presence(room.classroom(), r.nextBoolean() ? 1 : -1));
        }
    }
}
