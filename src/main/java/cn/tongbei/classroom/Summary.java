package cn.tongbei.classroom;

import cn.tongbei.classroom.sync.ClassroomState;
import cn.tongbei.classroom.sync.Event;
import cn.tongbei.classroom.sync.Payload;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The after-session report, computed by replaying the log: attendance per classroom, first join and last leave,
 * quiz results per classroom and in total, questions asked (classroom chat and raised hands). Pure.
 */
public final class Summary {
    private Summary() {}

    /** The report as JSON. */
    public static JsonObject of(ClassSession session, List<Event> events) {
        ClassroomState state = ClassroomState.initial();
        Map<Long, JsonObject> rooms = new LinkedHashMap<>();
        session.classrooms().forEach(c -> rooms.put(c.terminalId(), new JsonObject().put("classroom", c.terminalId())
                .put("name", c.name()).put("school", c.schoolName()).put("present", 0).put("joins", 0)
                .put("firstJoin", (String) null).put("lastLeave", (String) null).put("handsRaised", 0)));
        JsonArray questions = new JsonArray();
        for (Event e : events) {
            state = state.apply(e);
            if (e.payload() instanceof Payload.PresenceBatch batch) {
                for (Payload.RoomPresence p : batch.rooms()) {
                    JsonObject r = rooms.get(p.classroom());
                    if (r != null && p.joined() > 0) {
                        r.put("joins", r.getInteger("joins") + p.joined());
                        if (r.getString("firstJoin") == null) {
                            r.put("firstJoin", iso(e.at()));
                        }
                    }
                    if (r != null && p.left() > 0) {
                        r.put("lastLeave", iso(e.at()));
                    }
                }
                continue;
            }
            JsonObject room = e.classroom() == null ? null : rooms.get(e.classroom());
            if (room == null) {
                continue;
            }
            switch (e.payload()) {
                case Payload.Presence p when p.delta() > 0 -> {
                    room.put("joins", room.getInteger("joins") + 1);
                    if (room.getString("firstJoin") == null) {
                        room.put("firstJoin", iso(e.at()));
                    }
                }
                case Payload.Presence p when p.delta() < 0 -> room.put("lastLeave", iso(e.at()));
                case Payload.HandRaise h -> {
                    room.put("handsRaised", room.getInteger("handsRaised") + 1);
                    questions.add(question(e, room, "hand", ""));
                }
                case Payload.Chat c -> questions.add(question(e, room, "chat", c.text()));
                default -> {
                }
            }
        }
        ClassroomState last = state;
        rooms.forEach((id, room) -> room.put("present", last.attendance().getOrDefault(id, 0)));
        JsonArray quizzes = new JsonArray();
        for (ClassroomState.Quiz q : state.quizzes()) {
            JsonArray per = new JsonArray();
            q.perClassroom().forEach((c, counts) -> per.add(new JsonObject().put("classroom", c).put("counts",
                    new JsonArray(new ArrayList<>(counts)))));
            quizzes.add(new JsonObject().put("id", q.spec().id()).put("kind", q.spec().kind())
                    .put("question", q.spec().question()).put("options", q.spec().options())
                    .put("correct", new JsonArray(new ArrayList<>(q.spec().correct())))
                    .put("totals", new JsonArray(new ArrayList<>(q.totals()))).put("classrooms", per));
        }
        return new JsonObject().put("session", session.id()).put("title", session.title())
                .put("events", state.seq()).put("ended", state.ended())
                .put("classrooms", new JsonArray(new ArrayList<>(rooms.values()))).put("quizzes", quizzes)
                .put("questions", questions);
    }

    private static JsonObject question(Event e, JsonObject room, String kind, String text) {
        return new JsonObject().put("seq", e.seq()).put("at", iso(e.at())).put("classroom", e.classroom())
                .put("name", room.getString("name")).put("kind", kind).put("text", text);
    }

    private static String iso(long epochMs) {
        return Instant.ofEpochMilli(epochMs).toString();
    }

    /** The report as CSV (UTF-8 with BOM so spreadsheet programs read Chinese), one section per table. */
    public static String csv(JsonObject summary) {
        StringBuilder b = new StringBuilder("\uFEFF");
        b.append("section,classroom,school,present,joins,first_join,last_leave,hands_raised\n");
        for (Object o : summary.getJsonArray("classrooms")) {
            JsonObject r = (JsonObject) o;
            row(b, "attendance", r.getString("name"), r.getString("school"), r.getInteger("present"), r.getInteger(
                    "joins"), r.getString("firstJoin"), r.getString("lastLeave"), r.getInteger("handsRaised"));
        }
        b.append("section,quiz,question,classroom,counts,correct\n");
        for (Object o : summary.getJsonArray("quizzes")) {
            JsonObject q = (JsonObject) o;
            for (Object c : q.getJsonArray("classrooms")) {
                JsonObject per = (JsonObject) c;
                row(b, "quiz", q.getString("id"), q.getString("question"), name(summary, per.getLong("classroom")),
                        join(per.getJsonArray("counts")), join(q.getJsonArray("correct")));
            }
            row(b, "quiz", q.getString("id"), q.getString("question"), "total", join(q.getJsonArray("totals")), join(q
                    .getJsonArray("correct")));
        }
        b.append("section,at,classroom,kind,text\n");
        for (Object o : summary.getJsonArray("questions")) {
            JsonObject q = (JsonObject) o;
            row(b, "question", q.getString("at"), q.getString("name"), q.getString("kind"), q.getString("text"));
        }
        return b.toString();
    }

    private static String name(JsonObject summary, long classroom) {
        return summary.getJsonArray("classrooms").stream().map(o -> (JsonObject) o).filter(r -> r.getLong(
                "classroom") == classroom).map(r -> r.getString("name")).findFirst().orElse(String.valueOf(classroom));
    }

    private static String join(JsonArray a) {
        List<String> parts = new ArrayList<>();
        a.forEach(o -> parts.add(String.valueOf(o)));
        return String.join(" ", parts);
    }

    private static void row(StringBuilder b, Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(cell(cells[i]));
        }
        b.append('\n');
    }

    /** Quotes a cell and defuses spreadsheet formulas (a leading = + - @). */
    static String cell(Object value) {
        String s = value == null ? "" : value.toString();
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
