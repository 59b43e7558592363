package cn.tongbei.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.tongbei.testing.Api;
import cn.tongbei.testing.Api.Reply;
import cn.tongbei.testing.TestServer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.TimeUnit;

/**
 * Builds prep activities and plans for tests in the demo group: the 七年级数学备课组 (lead teacher3, members
 * teacher1 and teacher2). Each call creates a fresh activity, so tests do not share state.
 */
public final class PrepFixture {
    public static final String PREP_TEAM = "七年级数学备课组";

    private PrepFixture() {}

    public static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static long userId(String username) {
        return await(TestServer.get().pool().preparedQuery("SELECT id FROM app_user WHERE username = $1")
                .execute(Tuple.of(username))).iterator().next().getLong("id");
    }

    public static long teamId(String name) {
        return await(TestServer.get().pool().preparedQuery("SELECT id FROM team WHERE name = $1")
                .execute(Tuple.of(name))).iterator().next().getLong("id");
    }

    /** A created activity and its common plan. */
    public record Made(long activityId, long planId, long docId) {}

    /** Schedules an activity led by teacher3 with teacher1 taking part (teacher2 is in the team, not taking part). */
    public static Made activity(Api lead, String topic) {
        JsonObject body = new JsonObject().put("teamId", teamId(PREP_TEAM)).put("topic", topic)
                .put("contentUnit", "第三章 一元一次方程").put("startsAt", "2026-11-23T14:00:00+08:00")
                .put("repeatDays", new JsonArray().add(1).add(3)).put("repeatUntil", "2026-12-31")
                .put("leadId", userId("teacher3")).put("participantIds", new JsonArray().add(userId("teacher1")))
                .put("plan", new JsonObject().put("title", topic).put("edition", "人教版").put("classHours", 2));
        Reply r = lead.post("/api/v1/prep/activities", body);
        assertEquals(201, r.status(), r.toString());
        long activityId = r.json().getLong("id");
        JsonObject plan = lead.get("/api/v1/prep/activities/" + activityId).json().getJsonArray("plans")
                .getJsonObject(0);
        return new Made(activityId, plan.getLong("id"), plan.getLong("docId"));
    }

    /** Moves a plan to {@code to} as {@code who}, asserting success. */
    public static JsonObject transition(Api who, long planId, String to) {
        Reply r = who.post("/api/v1/prep/plans/" + planId + "/transitions", new JsonObject().put("to", to));
        assertEquals(200, r.status(), r.toString());
        return r.json();
    }
}
