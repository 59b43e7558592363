package cn.tongbei.classroom.sync;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state of a live session, reduced from its event log. Immutable: {@link #apply(Event)} is a pure function
 * that returns the next state, so replaying the log from the start (or from a snapshot) gives exactly the state
 * the live session had. Clients run the same reducer (webroot/js/pages/classroom/state.js).
 *
 * @param seq the last applied sequence number
 * @param page the master's page
 * @param freeBrowse classrooms may browse freely
 * @param pullBacks how many times the master pulled everyone back (clients jump when it changes)
 * @param strokes finished strokes per page, in order
 * @param quizzes every quiz launched, in order; the last one is open until revealed
 * @param hands classrooms with raised hands, in arrival order
 * @param speaking the classroom granted speech (0: none)
 * @param chat chat lines, in order
 * @param chatMuted classroom chat is muted
 * @param attendance students present per classroom
 * @param connected connected devices per classroom
 * @param timerEndsAt when the countdown ends (epoch ms; 0: no timer)
 * @param ended the master ended the session
 */
public record ClassroomState(long seq, int page, boolean freeBrowse, int pullBacks,
        Map<Integer, List<Payload.Stroke>> strokes, List<Quiz> quizzes, List<Long> hands, long speaking,
        List<ChatLine> chat, boolean chatMuted, Map<Long, Integer> attendance, Map<Long, Integer> connected,
        long timerEndsAt, boolean ended) {

    /**
     * A launched quiz: each classroom's aggregate answer entered by its assistant ({@code answers}: the students
     * WITHOUT a device) and the answers of student devices ({@code votes}: classroom → seat → chosen options).
     * A classroom's count for an option = its entered count + its devices that chose the option.
     */
    public record Quiz(Payload.QuizLaunch spec, boolean revealed, Map<Long, List<Integer>> answers,
            Map<Long, Map<Integer, List<Integer>>> votes) {

        /** A quiz without device answers. */
        public Quiz(Payload.QuizLaunch spec, boolean revealed, Map<Long, List<Integer>> answers) {
            this(spec, revealed, answers, Map.of());
        }

        /** One classroom's counts per option: entered counts plus its device answers. */
        public List<Integer> counts(long classroom) {
            int[] sum = new int[spec.options()];
            add(sum, answers.getOrDefault(classroom, List.of()));
            votes.getOrDefault(classroom, Map.of()).values().forEach(choice -> choice.forEach(i -> {
                if (i < sum.length) {
                    sum[i]++;
                }
            }));
            return list(sum);
        }

        /** Every classroom with entered counts or device answers, each with {@link #counts(long)}. */
        public Map<Long, List<Integer>> perClassroom() {
            TreeMap<Long, List<Integer>> out = new TreeMap<>();
            answers.keySet().forEach(c -> out.put(c, counts(c)));
            votes.keySet().forEach(c -> out.put(c, counts(c)));
            return Collections.unmodifiableMap(out);
        }

        /** Answers summed over classrooms (entered counts plus device answers), one count per option. */
        public List<Integer> totals() {
            int[] sum = new int[spec.options()];
            perClassroom().values().forEach(counts -> add(sum, counts));
            return list(sum);
        }

        private static void add(int[] sum, List<Integer> counts) {
            for (int i = 0; i < sum.length && i < counts.size(); i++) {
                sum[i] += counts.get(i);
            }
        }

        private static List<Integer> list(int[] sum) {
            List<Integer> out = new ArrayList<>();
            for (int v : sum) {
                out.add(v);
            }
            return out;
        }
    }

    /** A chat line with who wrote it and when. */
    public record ChatLine(long seq, long actor, Long classroom, String text, long at) {}

    /** The state before any event. */
    public static ClassroomState initial() {
        return new ClassroomState(0, 0, false, 0, Map.of(), List.of(), List.of(), 0, List.of(), false, Map.of(),
                Map.of(), 0, false);
    }

    /** The open quiz, if any. */
    public Quiz openQuiz() {
        if (quizzes.isEmpty() || quizzes.get(quizzes.size() - 1).revealed()) {
            return null;
        }
        return quizzes.get(quizzes.size() - 1);
    }

    /** The next state. Events are checked before they are sequenced; this only reduces. */
    public ClassroomState apply(Event e) {
        ClassroomState s = withSeq(e.seq());
        return switch (e.payload()) {
            case Payload.Page p -> s.withPage(p.page());
            case Payload.Stroke st -> s.withStrokes(put(strokes, st.page(), append(strokes.getOrDefault(st.page(),
                    List.of()), st)));
            case Payload.Clear c -> s.withStrokes(remove(strokes, c.page()));
            case Payload.QuizLaunch q -> s.withQuizzes(append(quizzes, new Quiz(q, false, Map.of())));
            case Payload.QuizAnswer a -> s.withQuiz(a.quizId(), q -> new Quiz(q.spec(), q.revealed(), put(q.answers(),
                    e.classroom(), a.counts()), q.votes()));
            case Payload.QuizVote v -> s.withQuiz(v.quizId(), q -> q.revealed()
                    ? q
                    : new Quiz(q.spec(), false, q
                            .answers(),
                            put(q.votes(), e.classroom(), put(q.votes().getOrDefault(e.classroom(), Map.of()), v
                                    .seat(), v.choice()))));
            case Payload.QuizReveal r -> s.withQuiz(r.quizId(), q -> new Quiz(q.spec(), true, q.answers(), q
                    .votes()));
            case Payload.HandRaise h -> hands.contains(e.classroom()) ? s : s.withHands(append(hands, e.classroom()));
            case Payload.HandLower h -> s.withHands(without(hands, h.classroom() == 0 ? e.classroom() : h.classroom()))
                    .withSpeaking(speaking == (h.classroom() == 0 ? e.classroom() : h.classroom()) ? 0 : speaking);
            case Payload.HandGrant g -> s.withHands(without(hands, g.classroom())).withSpeaking(g.classroom());
            case Payload.Chat c -> s.withChat(append(chat, new ChatLine(e.seq(), e.actorId(), e.classroom(), c.text(),
                    e.at())));
            case Payload.Mute m -> s.withChatMuted(m.muted());
            case Payload.Attendance a -> s.withAttendance(put(attendance, e.classroom(), a.present()));
            case Payload.Timer t -> s.withTimerEndsAt(t.seconds() == 0 ? 0 : e.at() + t.seconds() * 1000L);
            case Payload.Browse b -> s.withFreeBrowse(b.free());
            case Payload.PullBack p -> s.withFreeBrowse(false).withPullBacks(pullBacks + 1);
            case Payload.Presence p -> p.delta() == 0
                    ? s.withConnected(Map.of())
                    : s.withConnected(presence(connected, p.classroom(), p.delta()));
            case Payload.PresenceBatch b -> {
                Map<Long, Integer> next = connected;
                for (Payload.RoomPresence r : b.rooms()) {
                    next = presence(next, r.classroom(), r.joined() - r.left());
                }
                yield s.withConnected(next);
            }
            case Payload.End end -> s.withEnded();
        };
    }

    private static Map<Long, Integer> presence(Map<Long, Integer> map, long classroom, int delta) {
        int next = Math.max(0, map.getOrDefault(classroom, 0) + delta);
        return next == 0 ? remove(map, classroom) : put(map, classroom, next);
    }

    private ClassroomState withQuiz(String id, java.util.function.UnaryOperator<Quiz> change) {
        List<Quiz> next = new ArrayList<>(quizzes);
        for (int i = 0; i < next.size(); i++) {
            if (next.get(i).spec().id().equals(id)) {
                next.set(i, change.apply(next.get(i)));
            }
        }
        return withQuizzes(Collections.unmodifiableList(next));
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> next = new ArrayList<>(list.size() + 1);
        next.addAll(list);
        next.add(item);
        return Collections.unmodifiableList(next);
    }

    private static <T> List<T> without(List<T> list, T item) {
        List<T> next = new ArrayList<>(list);
        next.remove(item);
        return Collections.unmodifiableList(next);
    }

    private static <K, V> Map<K, V> put(Map<K, V> map, K key, V value) {
        TreeMap<K, V> next = new TreeMap<>(map);
        next.put(key, value);
        return Collections.unmodifiableMap(next);
    }

    private static <K, V> Map<K, V> remove(Map<K, V> map, K key) {
        TreeMap<K, V> next = new TreeMap<>(map);
        next.remove(key);
        return Collections.unmodifiableMap(next);
    }

    private ClassroomState withSeq(long v) {
        return new ClassroomState(v, page, freeBrowse, pullBacks, strokes, quizzes, hands, speaking, chat, chatMuted,
                attendance, connected, timerEndsAt, ended);
    }

    private ClassroomState withPage(int v) {
        return new ClassroomState(seq, v, freeBrowse, pullBacks, strokes, quizzes, hands, speaking, chat, chatMuted,
                attendance, connected, timerEndsAt, ended);
    }

    private ClassroomState withFreeBrowse(boolean v) {
        return new ClassroomState(seq, page, v, pullBacks, strokes, quizzes, hands, speaking, chat, chatMuted,
                attendance, connected, timerEndsAt, ended);
    }

    private ClassroomState withPullBacks(int v) {
        return new ClassroomState(seq, page, freeBrowse, v, strokes, quizzes, hands, speaking, chat, chatMuted,
                attendance, connected, timerEndsAt, ended);
    }

    private ClassroomState withStrokes(Map<Integer, List<Payload.Stroke>> v) {
        return new ClassroomState(seq, page, freeBrowse, pullBacks, v, quizzes, hands, speaking, chat, chatMuted,
                attendance, connected, timerEndsAt, ended);
    }

    private ClassroomState withQuizzes(List<Quiz> v) {
        return new ClassroomState(seq, page, freeBrowse, pullBacks, strokes, v, hands, speaking, chat, chatMuted,
                attendance, connected, timerEndsAt, ended);
    }

    private ClassroomState withHands(List<Long> v) {
        return new ClassroomState(seq, page, freeBrowse, pullBacks, strokes, quizzes, v, speaking, chat, chatMuted,
                attendance, connected, timerEndsAt, ended);
    }

    private ClassroomState withSpeaking(long v) {
        return new ClassroomState(seq, page, freeBrowse, pullBacks, strokes, quizzes, hands, v, chat, chatMuted,
                attendance, connected, timerEndsAt, ended);
    }

    private ClassroomState withChat(List<ChatLine> v) {
        return new ClassroomState(seq, page, freeBrowse, pullBacks, strokes, quizzes, hands, speaking, v, chatMuted,
                attendance, connected, timerEndsAt, ended);
    }

    private ClassroomState withChatMuted(boolean v) {
        return new ClassroomState(seq, page, freeBrowse, pullBacks, strokes, quizzes, hands, speaking, chat, v,
                attendance, connected, timerEndsAt, ended);
    }

    private ClassroomState withAttendance(Map<Long, Integer> v) {
        return new ClassroomState(seq, page, freeBrowse, pullBacks, strokes, quizzes, hands, speaking, chat, chatMuted,
                v, connected, timerEndsAt, ended);
    }

    private ClassroomState withConnected(Map<Long, Integer> v) {
        return new ClassroomState(seq, page, freeBrowse, pullBacks, strokes, quizzes, hands, speaking, chat, chatMuted,
                attendance, v, timerEndsAt, ended);
    }

    private ClassroomState withTimerEndsAt(long v) {
        return new ClassroomState(seq, page, freeBrowse, pullBacks, strokes, quizzes, hands, speaking, chat, chatMuted,
                attendance, connected, v, ended);
    }

    private ClassroomState withEnded() {
        return new ClassroomState(seq, page, freeBrowse, pullBacks, strokes, quizzes, hands, speaking, chat, chatMuted,
                attendance, connected, timerEndsAt, true);
    }

    /** The snapshot form, sent to clients that are too far behind and stored every few hundred events. */
    public JsonObject toJson() {
        JsonObject pages = new JsonObject();
        strokes.forEach((p, list) -> {
            JsonArray a = new JsonArray();
            list.forEach(st -> a.add(st.json()));
            pages.put(String.valueOf(p), a);
        });
        JsonArray qs = new JsonArray();
        quizzes.forEach(q -> {
            JsonObject answers = new JsonObject();
            q.answers().forEach((c, counts) -> answers.put(String.valueOf(c), new JsonArray(new ArrayList<>(counts))));
            JsonObject votes = new JsonObject();
            q.votes().forEach((c, seats) -> {
                JsonObject bySeat = new JsonObject();
                seats.forEach((seat, choice) -> bySeat.put(String.valueOf(seat), new JsonArray(new ArrayList<>(
                        choice))));
                votes.put(String.valueOf(c), bySeat);
            });
            JsonObject per = new JsonObject();
            q.perClassroom().forEach((c, counts) -> per.put(String.valueOf(c), new JsonArray(new ArrayList<>(counts))));
            qs.add(new JsonObject().put("spec", q.spec().json()).put("revealed", q.revealed()).put("answers", answers)
                    .put("votes", votes).put("perClassroom", per).put("totals", new JsonArray(new ArrayList<>(q
                            .totals()))));
        });
        JsonArray lines = new JsonArray();
        chat.forEach(c -> lines.add(new JsonObject().put("seq", c.seq()).put("actor", c.actor())
                .put("classroom", c.classroom()).put("text", c.text()).put("at", c.at())));
        return new JsonObject().put("seq", seq).put("page", page).put("freeBrowse", freeBrowse)
                .put("pullBacks", pullBacks).put("strokes", pages).put("quizzes", qs)
                .put("hands", new JsonArray(new ArrayList<>(hands))).put("speaking", speaking).put("chat", lines)
                .put("chatMuted", chatMuted).put("attendance", longKeys(attendance))
                .put("connected", longKeys(connected)).put("timerEndsAt", timerEndsAt).put("ended", ended);
    }

    private static JsonObject longKeys(Map<Long, Integer> map) {
        JsonObject o = new JsonObject();
        map.forEach((k, v) -> o.put(String.valueOf(k), v));
        return o;
    }

    /** Reads a snapshot back; {@code fromJson(s.toJson()).equals(s)} holds for every state. */
    public static ClassroomState fromJson(JsonObject j) {
        TreeMap<Integer, List<Payload.Stroke>> pages = new TreeMap<>();
        j.getJsonObject("strokes").forEach(en -> {
            List<Payload.Stroke> list = new ArrayList<>();
            ((JsonArray) en.getValue()).forEach(o -> list.add((Payload.Stroke) Wire.stored("stroke", (JsonObject) o)));
            pages.put(Integer.valueOf(en.getKey()), Collections.unmodifiableList(list));
        });
        List<Quiz> qs = new ArrayList<>();
        j.getJsonArray("quizzes").forEach(o -> {
            JsonObject q = (JsonObject) o;
            TreeMap<Long, List<Integer>> answers = new TreeMap<>();
            q.getJsonObject("answers").forEach(en -> answers.put(Long.valueOf(en.getKey()), ints((JsonArray) en
                    .getValue())));
            TreeMap<Long, Map<Integer, List<Integer>>> votes = new TreeMap<>();
            JsonObject v = q.getJsonObject("votes", new JsonObject());
            v.forEach(en -> {
                TreeMap<Integer, List<Integer>> bySeat = new TreeMap<>();
                ((JsonObject) en.getValue()).forEach(seat -> bySeat.put(Integer.valueOf(seat.getKey()), ints(
                        (JsonArray) seat.getValue())));
                votes.put(Long.valueOf(en.getKey()), Collections.unmodifiableMap(bySeat));
            });
            qs.add(new Quiz((Payload.QuizLaunch) Wire.stored("quiz.launch", q.getJsonObject("spec")),
                    q.getBoolean("revealed"), Collections.unmodifiableMap(answers), Collections.unmodifiableMap(
                            votes)));
        });
        List<ChatLine> lines = new ArrayList<>();
        j.getJsonArray("chat").forEach(o -> {
            JsonObject c = (JsonObject) o;
            lines.add(new ChatLine(c.getLong("seq"), c.getLong("actor"), c.getLong("classroom"), c.getString("text"),
                    c.getLong("at")));
        });
        List<Long> hands = new ArrayList<>();
        j.getJsonArray("hands").forEach(o -> hands.add(((Number) o).longValue()));
        return new ClassroomState(j.getLong("seq"), j.getInteger("page"), j.getBoolean("freeBrowse"),
                j.getInteger("pullBacks"), Collections.unmodifiableMap(pages), Collections.unmodifiableList(qs),
                Collections.unmodifiableList(hands), j.getLong("speaking"), Collections.unmodifiableList(lines),
                j.getBoolean("chatMuted"), readLongKeys(j.getJsonObject("attendance")),
                readLongKeys(j.getJsonObject("connected")), j.getLong("timerEndsAt"), j.getBoolean("ended"));
    }

    private static List<Integer> ints(JsonArray a) {
        List<Integer> out = new ArrayList<>();
        a.forEach(o -> out.add(((Number) o).intValue()));
        return List.copyOf(out);
    }

    private static Map<Long, Integer> readLongKeys(JsonObject o) {
        TreeMap<Long, Integer> map = new TreeMap<>();
        o.forEach(en -> map.put(Long.valueOf(en.getKey()), ((Number) en.getValue()).intValue()));
        return Collections.unmodifiableMap(map);
    }
}
