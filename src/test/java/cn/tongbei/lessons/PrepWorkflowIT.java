package cn.tongbei.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.lessons.coedit.Delta;
import cn.tongbei.lessons.coedit.PlainJson;
import cn.tongbei.testing.Api;
import cn.tongbei.testing.Api.Reply;
import cn.tongbei.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Prep activities and the lesson plan workflow through the REST API, with permissions and bad input. */
@DisplayName("Prep activities and lesson plan workflow")
class PrepWorkflowIT {
    static Api api;
    static Api lead;
    static Api participant;
    static Api member;
    static Api outsider;

    @BeforeAll
    static void setUp() {
        api = TestServer.api();
        lead = api.loginDemo("teacher3");
        participant = api.loginDemo("teacher1");
        member = api.loginDemo("teacher2");
        outsider = api.loginDemo("teacher5");
    }

    @Test
    @DisplayName("a research lead schedules a recurring activity; members see it with its Monday/Wednesday sessions")
    void scheduleAndList() {
        PrepFixture.Made made = PrepFixture.activity(lead, "一元一次方程的应用");
        Reply list = member
                .get("/api/v1/prep/activities?from=2026-11-23T00:00:00%2B08:00&to=2026-12-07T00:00:00%2B08:00");
        assertEquals(200, list.status(), list.toString());
        JsonObject a = list.items().stream().map(o -> (JsonObject) o).filter(o -> o.getLong("id") == made.activityId())
                .findFirst().orElseThrow();
        assertEquals(List.of(1, 3), a.getJsonArray("repeatDays").getList());
        assertEquals(4, a.getJsonArray("occurrences").size(), "Mon 23, Wed 25, Mon 30 Nov, Wed 2 Dec");
        assertTrue(outsider.get("/api/v1/prep/activities").items().stream()
                .noneMatch(o -> ((JsonObject) o).getLong("id") == made.activityId()), "outsiders do not see it");
        assertEquals(404, outsider.get("/api/v1/prep/activities/" + made.activityId()).status());
        Reply byMember = member.post("/api/v1/prep/activities", new JsonObject().put("teamId",
                PrepFixture.teamId(PrepFixture.PREP_TEAM)).put("topic", "x").put("startsAt", "2026-11-23T14:00:00Z")
                .put("leadId", PrepFixture.userId("teacher2")));
        assertEquals(403, byMember.status(), "only the research lead schedules");
        Reply page = participant.get("/api/v1/prep/activities/" + made.activityId());
        assertEquals(2, page.json().getJsonArray("participants").size());
        Reply notes = participant.patch("/api/v1/prep/activities/" + made.activityId(),
                new JsonObject().put("notes", "研讨记录：重点讨论了列方程的步骤"));
        assertEquals(200, notes.status(), notes.toString());
        assertEquals(403, member.patch("/api/v1/prep/activities/" + made.activityId(),
                new JsonObject().put("notes", "x")).status());
    }

    @Test
    @DisplayName("draft → discussion → common → personal fork with diff → reflection, each step checked and recorded")
    void workflow() {
        PrepFixture.Made made = PrepFixture.activity(lead, "工作流 " + System.nanoTime());
        String plan = "/api/v1/prep/plans/" + made.planId();
        assertEquals(403, member.get(plan).status(), "a draft is private to the preparers");
        assertEquals("edit", lead.get(plan).json().getString("access"), "the lead preparer writes the draft");
        assertEquals("read", participant.get(plan).json().getString("access"));
        assertEquals(403, participant.post(plan + "/transitions", new JsonObject().put("to", "DISCUSSION")).status());
        PrepFixture.transition(lead, made.planId(), "DISCUSSION");
        assertEquals("edit", participant.get(plan).json().getString("access"), "participants co-edit in discussion");
        assertEquals("read", member.get(plan).json().getString("access"), "the team reads in discussion");
        assertEquals(400, lead.post(plan + "/transitions", new JsonObject().put("to", "SOMEWHERE")).status());
        assertEquals(403, lead.post(plan + "/fork", new JsonObject()).status(), "no fork before the common plan");

        JsonObject common = PrepFixture.transition(lead, made.planId(), "COMMON");
        assertEquals("read", common.getString("access"), "the common plan is read-only");
        assertEquals(403, lead.post(plan + "/transitions", new JsonObject().put("to", "DRAFT")).status());
        JsonArray steps = lead.get(plan).json().getJsonArray("transitions");
        assertEquals(2, steps.size());
        assertEquals("COMMON", steps.getJsonObject(1).getString("to"));

        Reply fork = participant.post(plan + "/fork", new JsonObject());
        assertEquals(201, fork.status(), fork.toString());
        JsonObject personal = fork.json();
        assertEquals("PERSONAL", personal.getString("state"));
        assertEquals("edit", personal.getString("access"));
        assertEquals(personal.getLong("id"), participant.post(plan + "/fork", new JsonObject()).json().getLong("id"),
                "forking twice gives the same personal plan");
        String mine = "/api/v1/prep/plans/" + personal.getLong("id");
        assertEquals("read", lead.get(mine).json().getString("access"), "the research lead may look at it");
        assertEquals(403, member.get(mine).status(), "a personal plan is not for the whole team until reflected");
        Delta commonDoc = PlainJson.delta(participant.get(plan + "/content").json().getJsonObject("content"));
        Delta personalDoc = PlainJson.delta(participant.get(mine + "/content").json().getJsonObject("content"));
        assertEquals(commonDoc, personalDoc, "the fork starts as the common plan");

        PrepFixture.transition(participant, made.planId() == 0 ? 0 : personal.getLong("id"), "REFLECTED");
        assertEquals(200, member.get(mine).status(), "a reflection is visible to the team");
    }

    @Test
    @DisplayName("versions are named, history is attributed, an old version is restored as a new change, exports work")
    void historyVersionsExport() {
        PrepFixture.Made made = PrepFixture.activity(lead, "历史 " + System.nanoTime());
        String plan = "/api/v1/prep/plans/" + made.planId();
        Reply v = lead.post(plan + "/versions", new JsonObject().put("name", "初稿"));
        assertEquals(201, v.status(), v.toString());
        assertEquals(0, v.json().getInteger("revision"));
        assertEquals("初稿", lead.get(plan + "/versions").items().getJsonObject(0).getString("name"));
        assertEquals(400, lead.post(plan + "/restore", new JsonObject().put("revision", 99)).status());
        Reply restored = lead.post(plan + "/restore", new JsonObject().put("revision", 0));
        assertEquals(200, restored.status(), restored.toString());
        assertEquals(200, lead.get(plan + "/history").status());

        Reply docx = lead.get(plan + "/export.docx");
        assertEquals(200, docx.status());
        assertTrue(docx.body().startsWith("PK"), "a DOCX is a zip");
        Reply pdf = lead.get(plan + "/export.pdf");
        if (PlanExport.cjkFont() != null) {
            assertEquals(200, pdf.status(), pdf.toString());
            assertTrue(pdf.body().startsWith("%PDF"));
        } else {
            assertEquals(503, pdf.status());
        }
        assertEquals(404, outsider.get(plan + "/export.docx").status());
    }

    @Test
    @DisplayName("bad input on every lessons route is a 4xx in the one error format, never a 5xx")
    void badInput() {
        PrepFixture.Made made = PrepFixture.activity(lead, "坏输入 " + System.nanoTime());
        String a = "/api/v1/prep/activities/" + made.activityId();
        String p = "/api/v1/prep/plans/" + made.planId();
        String[][] writes = {{"POST", "/api/v1/prep/activities"}, {"PATCH", a}, {"PATCH", p},
                {"POST", p + "/transitions"}, {"POST", p + "/versions"}, {"POST", p + "/restore"}};
        for (String[] w : writes) {
            for (String body : new String[]{"{", "[]", "\"x\"", "42", "null", "", "{\"topic\":[]}",
                    "{\"teamId\":\"1\",\"startsAt\":\"tomorrow\",\"repeatDays\":[9],\"leadId\":-1}", "{\"to\":7}",
                    "{\"revision\":\"x\"}", "{\"name\":\"" + "长".repeat(300) + "\"}", "{\"classHours\":1e9}",
                    "{\"participantIds\":[1.5]}", "{\"status\":\"DONE!\"}", "{\"plan\":{\"classHours\":0}}"}) {
                Reply r = lead.send(w[0], w[1], body);
                assertTrue(r.status() >= 400 && r.status() < 500, w[0] + " " + w[1] + " " + body + " → " + r);
                assertTrue(r.json().getJsonObject("error").getString("code").matches("[a-z_]+"), r.toString());
            }
        }
        for (String get : new String[]{"/api/v1/prep/activities?teamId=x", "/api/v1/prep/activities?from=soon",
                "/api/v1/prep/activities/abc", "/api/v1/prep/plans/0", p + "/content?revision=-1",
                p + "/content?revision=999999", "/api/v1/prep/plans/99999999", p + "/history?limit=x",
                p + "/history?before=-3", p + "/diff?from=x", p + "/diff?from=999999", p + "/diff?to=-1"}) {
            Reply r = lead.get(get);
            assertTrue(r.status() >= 400 && r.status() < 500, get + " → " + r);
        }
        byte[] raw = "{\"topic\":\"\u0000\"}".getBytes(StandardCharsets.UTF_8);
        assertTrue(lead.send("PATCH", a, new String(raw, StandardCharsets.UTF_8)).status() < 500);
    }

    @Test
    @DisplayName("the change list pages backwards with next/before, and the diff of two revisions comes from the server's documents")
    void historyPagesAndDiff() {
        PrepFixture.Made made = PrepFixture.activity(lead, "分页 " + System.nanoTime());
        String plan = "/api/v1/prep/plans/" + made.planId();
        for (int i = 0; i < 3; i++) {
            assertEquals(200, lead.post(plan + "/restore", new JsonObject().put("revision", 0)).status());
        }
        int head = lead.get(plan + "/content").json().getInteger("revision");
        assertEquals(3, head, "each restore is a new change, even one that changes nothing");
        Reply first = lead.get(plan + "/history?limit=2");
        assertEquals(200, first.status(), first.toString());
        JsonArray items = first.items();
        assertEquals(List.of(3, 2), List.of(items.getJsonObject(0).getInteger("revision"),
                items.getJsonObject(1).getInteger("revision")));
        assertEquals(2, first.json().getInteger("next"));
        Reply second = lead.get(plan + "/history?limit=2&before=2");
        assertEquals(1, second.items().size(), second.toString());
        assertEquals(1, second.items().getJsonObject(0).getInteger("revision"));
        assertEquals(null, second.json().getInteger("next"), "the last page has no next");
        assertTrue(items.getJsonObject(0).getString("author").length() > 0, "each change names its author");

        Reply diff = lead.get(plan + "/diff?from=0");
        assertEquals(200, diff.status(), diff.toString());
        assertEquals(0, diff.json().getInteger("from"));
        assertEquals(head, diff.json().getInteger("to"));
        JsonArray segments = diff.json().getJsonArray("segments");
        StringBuilder text = new StringBuilder();
        segments.forEach(o -> text.append(((JsonObject) o).getString("kind").equals("del")
                ? ""
                : ((JsonObject) o).getString("text")));
        assertEquals(PlainJson.delta(lead.get(plan + "/content").json().getJsonObject("content")).plainText(),
                text.toString(), "unchanged and inserted text make up the newer version");
        assertEquals(404, outsider.get(plan + "/diff?from=0").status());
    }
}
