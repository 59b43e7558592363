package cn.tongbei.classroom;

import static cn.tongbei.classroom.SyncClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.tongbei.e2e.Browser;
import cn.tongbei.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The student answer page in headless Chromium against the real server; the master is a websocket client. */
class StudentPageE2EIT {

    @Test
    @DisplayName("a student opens the page from the terminal's link, enters a seat, taps an answer, sees 已提交,"
            + " and the master's counts include it")
    void student_answers_on_the_page() {
        int port = TestServer.api().port();
        Vertx vertx = Vertx.vertx();
        JsonObject s = ClassroomFixture.session("手机答题");
        long id = s.getLong("id");
        long t1 = s.getLong("terminal1");
        String code = StudentDevicesIT.code(s, t1);
        SyncClient master = new SyncClient(vertx, port, ClassroomFixture.token("teacher1"), id, "master", null,
                "pm");
        try (Browser phone = new Browser(port)) {
            master.connect().joined();
            master.send(new JsonObject().put("type", "quiz.launch").put("id", "pq").put("kind", "single").put(
                    "options", 3).put("question", "1+1=?").put("correct", new JsonArray().add(1)));
            await(() -> master.state.openQuiz() != null, "quiz open");
            phone.open("/student.html?code=" + code);
            phone.type(phone.find("#st-seat"), "3");
            phone.click("#st-join");
            phone.waitForText("#st-question", "1+1=?");
            phone.click(".st-option[data-option=\"1\"]");
            phone.waitForText("#st-submitted", "已提交");
            await(() -> master.state.openQuiz().counts(t1).equals(List.of(0, 1, 0)), "the master counts the vote");
            phone.screenshot("classroom-student-page");
            phone.click(".st-option[data-option=\"2\"]");
            await(() -> master.state.openQuiz().counts(t1).equals(List.of(0, 0, 1)), "a changed answer replaces");
            assertEquals(List.of(0, 0, 1), master.state.openQuiz().totals());
        } finally {
            master.close();
            vertx.close();
        }
    }
}
