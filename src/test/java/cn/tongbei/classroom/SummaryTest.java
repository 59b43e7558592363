package cn.tongbei.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.classroom.sync.Event;
import cn.tongbei.classroom.sync.Payload;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The after-session report is a replay of the log; its CSV is safe to open in a spreadsheet. */
class SummaryTest {
    static final ClassSession SESSION = new ClassSession(1, 1, 9, "刘芳", "方程", "数学", OffsetDateTime.now(), 45, null,
            0, null, "ENDED", List.of(new ClassSession.Classroom(101, 2, "柳林镇中心学校", null, null, "七(1)班", "123456"),
                    new ClassSession.Classroom(102, 3, "新城实验学校", null, null, "七(2)班", "654321")),
            List.of());

    static Event e(long seq, long actor, Long room, long at, Payload p) {
        return new Event(seq, actor, room, null, at, p);
    }

    @Test
    @DisplayName("attendance, first join and last leave, quiz results per classroom and questions come from the log")
    void report() {
        List<Event> log = List.of(e(1, 201, 101L, 1_000, new Payload.Presence(101, 1)),
                e(2, 201, 101L, 2_000, new Payload.Attendance(38)),
                e(3, 9, null, 3_000, new Payload.QuizLaunch("q1", "truefalse", "对吗", 2, List.of(0))),
                e(4, 201, 101L, 4_000, new Payload.QuizAnswer("q1", List.of(30, 8))),
                e(5, 201, 101L, 5_000, new Payload.HandRaise()),
                e(6, 201, 101L, 6_000, new Payload.Chat("=HYPERLINK(\"x\")")),
                e(7, 201, 101L, 7_000, new Payload.Presence(101, -1)));
        JsonObject s = Summary.of(SESSION, log);
        JsonObject room = s.getJsonArray("classrooms").getJsonObject(0);
        assertEquals(38, room.getInteger("present"));
        assertEquals("1970-01-01T00:00:01Z", room.getString("firstJoin"));
        assertEquals("1970-01-01T00:00:07Z", room.getString("lastLeave"));
        assertEquals(1, room.getInteger("handsRaised"));
        assertEquals(0, s.getJsonArray("classrooms").getJsonObject(1).getInteger("joins"));
        assertEquals(new JsonArray(List.of(30, 8)), s.getJsonArray("quizzes").getJsonObject(0).getJsonArray("totals"));
        assertEquals(2, s.getJsonArray("questions").size());
        String csv = Summary.csv(s);
        assertTrue(csv.startsWith("\uFEFF"), "BOM for spreadsheet programs");
        assertTrue(csv.contains("\"'=HYPERLINK(\"\"x\"\")\""), "formulas are defused and quotes doubled: " + csv);
        assertTrue(csv.contains("\"quiz\",\"q1\",\"对吗\",\"total\",\"30 8\",\"0\""), csv);
    }
}
