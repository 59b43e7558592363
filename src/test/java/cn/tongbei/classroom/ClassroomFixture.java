package cn.tongbei.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.tongbei.testing.Api;
import cn.tongbei.testing.Api.Reply;
import cn.tongbei.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;

/** Builds sessions in the demo group for the classroom tests. */
final class ClassroomFixture {
    private ClassroomFixture() {}

    static Api api() {
        return TestServer.api();
    }

    static long userId(Api as) {
        return as.get("/api/v1/me").json().getLong("id");
    }

    static String token(String username) {
        return api().post("/api/v1/auth/login", new JsonObject().put("username", username).put("password",
                "tongbei-demo")).json().getString("accessToken");
    }

    /** teacher1 schedules a session for terminal1 (assistant teacher2) and terminal2, observed by observer1. */
    static JsonObject session(String title) {
        Api teacher = api().loginDemo("teacher1");
        long terminal1 = userId(api().loginDemo("terminal1"));
        long terminal2 = userId(api().loginDemo("terminal2"));
        long teacher2 = userId(api().loginDemo("teacher2"));
        long observer = userId(api().loginDemo("observer1"));
        Reply r = teacher.post("/api/v1/classroom/sessions", new JsonObject().put("groupId", 1).put("title", title)
                .put("subject", "数学").put("startsAt", OffsetDateTime.now().plusMinutes(5).toString())
                .put("durationMinutes", 45).put("classrooms", new JsonArray()
                        .add(new JsonObject().put("terminalId", terminal1).put("assistantId", teacher2))
                        .add(new JsonObject().put("terminalId", terminal2)))
                .put("observers", new JsonArray().add(observer)));
        assertEquals(201, r.status(), r.toString());
        return r.json().put("terminal1", terminal1).put("terminal2", terminal2);
    }
}
