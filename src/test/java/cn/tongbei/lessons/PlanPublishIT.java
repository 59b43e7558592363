package cn.tongbei.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.testing.Api;
import cn.tongbei.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Publishing the common plan to the library")
class PlanPublishIT {
    static Api lead;
    static Api participant;
    static Api member;
    static Api outsider;

    @BeforeAll
    static void start() {
        Api api = TestServer.api();
        lead = api.loginDemo("teacher3");
        participant = api.loginDemo("teacher1");
        member = api.loginDemo("teacher2");
        outsider = api.loginDemo("teacher5");
    }

    @Test
    @DisplayName("only the lead preparer or research lead publishes, only a common plan, once; outsiders get 404; "
            + "the 教案 carries the plan's metadata and becomes searchable")
    void publish() {
        String marker = "发布测试" + Long.toString(System.nanoTime(), 36);
        PrepFixture.Made made = PrepFixture.activity(lead, "勾股定理 " + marker);
        String plan = "/api/v1/prep/plans/" + made.planId();
        assertEquals(200, lead.patch(plan, new JsonObject().put("subject", "数学").put("grade", "七年级")
                .put("unit", "第十七章 勾股定理").put("lesson", "17.1 勾股定理")).status());
        JsonObject body = new JsonObject().put("visibility", "group");

        assertEquals(403, lead.post(plan + "/publish", body).status(), "a draft is not published");
        assertEquals(404, outsider.post(plan + "/publish", body).status(), "outsiders do not see the plan");
        PrepFixture.transition(lead, made.planId(), "DISCUSSION");
        PrepFixture.transition(lead, made.planId(), "COMMON");
        assertEquals(404, outsider.post(plan + "/publish", body).status());
        assertEquals(403, participant.post(plan + "/publish", body).status(), "participants may not publish");
        assertEquals(403, member.post(plan + "/publish", body).status(), "team members may not publish");
        assertEquals(400, lead.post(plan + "/publish", new JsonObject().put("visibility", "world")).status());
        assertEquals(400, lead.post(plan + "/publish", new JsonObject().put("color", "red")).status());
        assertNull(lead.get(plan).json().getLong("libraryResourceId"));
        assertTrue(lead.get(plan).json().getBoolean("mayPublish"), "the page offers the button to the lead");
        assertEquals(false, participant.get(plan).json().getBoolean("mayPublish"));

        Api.Reply published = lead.post(plan + "/publish", body);
        assertEquals(200, published.status(), published.toString());
        Long resourceId = published.json().getLong("libraryResourceId");
        assertNotNull(resourceId);
        assertEquals(resourceId, participant.get(plan).json().getLong("libraryResourceId"), "everyone sees the link");
        assertEquals(409, lead.post(plan + "/publish", body).status(), "a common plan is published once");
        assertEquals(false, lead.get(plan).json().getBoolean("mayPublish"), "no button once published");

        JsonObject resource = participant.get("/api/v1/resources/" + resourceId).json();
        assertEquals("教案", resource.getString("type"), resource.encode());
        assertEquals("数学", resource.getString("subject"));
        assertEquals("七年级", resource.getString("grade"));
        assertEquals("人教版", resource.getString("edition"));
        assertEquals("第十七章 勾股定理", resource.getString("unit"));
        assertEquals("17.1 勾股定理", resource.getString("section"));
        assertEquals("group", resource.getString("visibility"));
        assertTrue(resource.getString("fileName").endsWith(".docx"), resource.getString("fileName"));

        String q = URLEncoder.encode(marker, StandardCharsets.UTF_8);
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        boolean found = false;
        while (!found && System.nanoTime() < end) {
            JsonArray hits = participant.get("/api/v1/search?size=50&q=" + q).json().getJsonArray("hits");
            found = hits.stream().anyMatch(h -> resourceId.equals(((JsonObject) h).getLong("id")));
            if (!found) {
                Thread.onSpinWait();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        assertTrue(found, "the published plan is found by /api/v1/search");
        JsonArray outsiderHits = outsider.get("/api/v1/search?size=50&q=" + q).json().getJsonArray("hits");
        assertTrue(outsiderHits.stream().anyMatch(h -> resourceId.equals(((JsonObject) h).getLong("id"))),
                "group visibility: a teacher of the group outside the team finds it too");
    }
}
