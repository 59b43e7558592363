package cn.tongbei.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.testing.Api;
import cn.tongbei.testing.Api.Reply;
import cn.tongbei.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Group administration through the real API: groups, schools and caps, people, teams across schools. */
class GroupAdminIT {
    static Api api;
    static Api admin;

    @BeforeAll
    static void start() {
        api = TestServer.api();
        admin = api.loginDemo("admin");
    }

    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 6);
    }

    static JsonObject createGroup(Api as, String mode) {
        Reply r = as.post("/api/v1/groups", new JsonObject().put("name", unique("测试集团")).put("mode", mode)
                .put("leadSchool", new JsonObject().put("name", "龙头中学").put("kind", "URBAN")));
        assertEquals(201, r.status(), r.toString());
        return r.json();
    }

    static Reply addSchool(Api as, long groupId, String name, String kind) {
        return as.post("/api/v1/groups/" + groupId + "/schools", new JsonObject().put("name", name).put("kind", kind));
    }

    @Test
    @DisplayName("the demo group has a lead school and member schools of every kind")
    void demo_group() {
        JsonArray schools = admin.get("/api/v1/groups/1/schools").items();
        assertEquals(4, schools.size());
        assertTrue(schools.getJsonObject(0).getBoolean("lead"));
        assertEquals(List.of("URBAN", "RURAL", "NEW", "WEAK"), schools.stream().map(o -> ((JsonObject) o)
                .getString("kind")).toList());
        JsonArray teams = admin.get("/api/v1/groups/1/teams").items();
        JsonObject math = teams.stream().map(o -> (JsonObject) o).filter(t -> t.getString("name").equals("数学学科教研组"))
                .findFirst().orElseThrow();
        assertEquals(4, math.getLong("schoolCount"), "the math subject group spans all four schools");
    }

    @Test
    @DisplayName("a tight group takes 3 member schools; the 4th is refused with a clear 409 and nothing changes")
    void member_cap() {
        JsonObject group = createGroup(admin, "TIGHT");
        long id = group.getLong("id");
        assertEquals(3, group.getInteger("memberCap"));
        for (int i = 1; i <= 3; i++) {
            assertEquals(201, addSchool(admin, id, "成员校" + i, "RURAL").status());
        }
        Reply refused = addSchool(admin, id, "成员校4", "WEAK");
        assertEquals(409, refused.status());
        assertEquals("member_cap_reached", refused.errorCode());
        assertEquals("紧密型集团最多 3 所成员校，当前已有 3 所，不能再添加", refused.errorMessage());
        assertEquals("A group in tight (紧密型) mode may have at most 3 member schools; it already has 3",
                admin.inEnglish().post("/api/v1/groups/" + id + "/schools", new JsonObject().put("name", "x")
                        .put("kind", "NEW")).errorMessage());
        assertEquals(4, admin.get("/api/v1/groups/" + id + "/schools").items().size());
        assertEquals(3, admin.get("/api/v1/groups/" + id).json().getInteger("memberCount"));
    }

    @Test
    @DisplayName("concurrent additions cannot exceed the cap")
    void member_cap_concurrent() throws Exception {
        long id = createGroup(admin, "TIGHT").getLong("id");
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger created = new java.util.concurrent.atomic.AtomicInteger();
        for (int i = 0; i < 8; i++) {
            int n = i;
            threads.add(Thread.ofVirtual().start(() -> {
                if (addSchool(admin, id, "并发校" + n, "NEW").status() == 201) {
                    created.incrementAndGet();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(3, created.get());
        assertEquals(3, admin.get("/api/v1/groups/" + id).json().getInteger("memberCount"));
    }

    @Test
    @DisplayName("switching to a mode whose cap is below the member count is refused")
    void mode_change_cap() {
        long id = createGroup(admin, "ALLIANCE").getLong("id");
        for (int i = 1; i <= 4; i++) {
            assertEquals(201, addSchool(admin, id, "校" + i, "RURAL").status());
        }
        Reply r = admin.patch("/api/v1/groups/" + id, new JsonObject().put("mode", "TIGHT"));
        assertEquals(409, r.status());
        assertEquals("mode_cap_too_small", r.errorCode());
        assertEquals("ALLIANCE", admin.get("/api/v1/groups/" + id).json().getString("mode"));
        assertEquals(200, admin.patch("/api/v1/groups/" + id, new JsonObject().put("mode", "TRUSTEESHIP")).status());
    }

    @Test
    @DisplayName("a group admin adds teachers and school admins; duplicate logins get 409")
    void users() {
        long id = createGroup(admin, "ALLIANCE").getLong("id");
        long school = addSchool(admin, id, "农村校", "RURAL").json().getLong("id");
        String login = unique("zhang");
        JsonObject body = new JsonObject().put("username", login).put("displayName", "张老师").put("password",
                "password-123").put("role", "TEACHER").put("schoolId", school)
                .put("subjects", new JsonArray().add("数学"))
                .put("stage", "NOVICE");
        Reply created = admin.post("/api/v1/groups/" + id + "/users", body);
        assertEquals(201, created.status(), created.toString());
        assertEquals("农村校", created.json().getString("schoolName"));
        assertEquals(List.of("TEACHER"), created.json().getJsonArray("roles").getList());
        Reply dup = admin.post("/api/v1/groups/" + id + "/users", body.copy().put("username", login.toUpperCase()));
        assertEquals(409, dup.status());
        assertEquals("username_taken", dup.errorCode());
        assertEquals(200, api.login(login, "password-123").get("/api/v1/me").status());

        Reply principal = admin.post("/api/v1/groups/" + id + "/users", body.copy().put("username", unique("li"))
                .put("role", "SCHOOL_ADMIN"));
        assertEquals(201, principal.status());
        Reply noSchool = admin.post("/api/v1/groups/" + id + "/users", body.copy().put("username", unique("wu"))
                .putNull("schoolId"));
        assertEquals(400, noSchool.status());
        Reply otherGroupSchool = admin.post("/api/v1/groups/" + id + "/users", body.copy()
                .put("username", unique("wu")).put("schoolId", 2));
        assertEquals(400, otherGroupSchool.status());
        assertEquals("school_not_in_group", otherGroupSchool.errorCode());
    }

    @Test
    @DisplayName("a school admin manages their own school's people only")
    void school_admin_scope() {
        Api schoolAdmin = api.loginDemo("schooladmin2"); // 柳林镇中心学校, id 2
        JsonObject teacher = new JsonObject().put("username", unique("liu")).put("displayName", "柳老师")
                .put("password", "password-123").put("role", "TEACHER").put("schoolId", 2);
        assertEquals(201, schoolAdmin.post("/api/v1/groups/1/users", teacher).status());
        assertEquals(403, schoolAdmin.post("/api/v1/groups/1/users", teacher.copy().put("username", unique("x"))
                .put("schoolId", 3)).status());
        assertEquals(403, schoolAdmin.post("/api/v1/groups/1/users", teacher.copy().put("username", unique("x"))
                .put("role", "GROUP_ADMIN")).status());
        assertEquals(403, addSchool(schoolAdmin, 1, "越权学校", "NEW").status());
        assertEquals(200, schoolAdmin.patch("/api/v1/schools/2", new JsonObject().put("address", "柳林镇 1 号")).status());
        assertEquals(403, schoolAdmin.patch("/api/v1/schools/3", new JsonObject().put("address", "x")).status());
    }

    @Test
    @DisplayName("teams span schools; the admin appoints a lead, who may then add members but not appoint leads")
    void teams() {
        Reply created = admin.post("/api/v1/groups/1/teams", new JsonObject().put("kind", "PREP")
                .put("name", unique("九年级化学备课组")).put("subject", "化学").put("grade", "九年级"));
        assertEquals(201, created.status(), created.toString());
        long team = created.json().getLong("id");
        assertEquals(200, admin.put("/api/v1/teams/" + team + "/members/5", new JsonObject().put("role", "LEAD"))
                .status()); // teacher2, 柳林 (rural)
        Api lead = api.loginDemo("teacher2");
        Reply added = lead.put("/api/v1/teams/" + team + "/members/6", new JsonObject()); // teacher3, 新城
        assertEquals(200, added.status(), added.toString());
        assertEquals(2, added.json().getLong("schoolCount"));
        assertEquals(403, lead.put("/api/v1/teams/" + team + "/members/7", new JsonObject().put("role", "LEAD"))
                .status());
        assertEquals(403, api.loginDemo("teacher4").put("/api/v1/teams/" + team + "/members/7", new JsonObject())
                .status());
        JsonObject detail = admin.get("/api/v1/teams/" + team).json();
        assertEquals(2, detail.getJsonArray("members").size());
        assertEquals("LEAD", detail.getJsonArray("members").getJsonObject(0).getString("role"));
        assertEquals(204, lead.delete("/api/v1/teams/" + team + "/members/6").status());
        assertEquals(1, admin.get("/api/v1/teams/" + team).json().getJsonArray("members").size());

        Reply noGrade = admin.post("/api/v1/groups/1/teams", new JsonObject().put("kind", "PREP").put("name",
                unique("备课组")).put("subject", "化学"));
        assertEquals(400, noGrade.status());
        assertTrue(noGrade.json().getJsonObject("error").getJsonObject("fields").containsKey("grade"));
    }

    @Test
    @DisplayName("ids from another group are not found, and nothing there changes")
    void other_group_is_hidden() {
        long other = createGroup(admin, "ALLIANCE").getLong("id");
        Api teacher = api.loginDemo("teacher1");
        assertEquals(404, teacher.get("/api/v1/groups/" + other).status());
        assertEquals(404, teacher.get("/api/v1/groups/" + other + "/schools").status());
        assertEquals(404, teacher.get("/api/v1/groups/" + other + "/users").status());
        assertEquals(404, addSchool(teacher, other, "x", "NEW").status());
        long otherSchool = admin.get("/api/v1/groups/" + other + "/schools").items().getJsonObject(0).getLong("id");
        assertEquals(404, api.loginDemo("schooladmin1").patch("/api/v1/schools/" + otherSchool, new JsonObject()
                .put("name", "改名")).status());
        assertEquals("龙头中学", admin.get("/api/v1/groups/" + other + "/schools").items().getJsonObject(0)
                .getString("name"));
        long stranger = admin.post("/api/v1/groups/" + other + "/users", new JsonObject().put("username",
                unique("other")).put("displayName", "外集团教师").put("password", "password-123").put("role", "TEACHER")
                .put("schoolId", otherSchool)).json().getLong("id");
        Reply foreignMember = admin.put("/api/v1/teams/1/members/" + stranger, new JsonObject());
        assertEquals(400, foreignMember.status());
        assertEquals("user_not_in_group", foreignMember.errorCode());
        assertEquals(404, teacher.get("/api/v1/users/" + stranger).status());
        Reply strangerTeam = teacher.get("/api/v1/teams/999999");
        assertEquals(404, strangerTeam.status());
    }

    @Test
    @DisplayName("teachers can read the directory but cannot administer it")
    void teacher_read_only() {
        Api teacher = api.loginDemo("teacher7");
        assertEquals(200, teacher.get("/api/v1/groups/1/users").status());
        assertEquals(403, teacher.post("/api/v1/groups", new JsonObject().put("name", "x").put("mode", "TIGHT")
                .put("leadSchool", new JsonObject().put("name", "y").put("kind", "URBAN"))).status());
        assertEquals(403, teacher.patch("/api/v1/groups/1", new JsonObject().put("name", "改名")).status());
        assertEquals("中原实验教育集团", teacher.get("/api/v1/groups/1").json().getString("name"));
    }

    @Test
    @DisplayName("user search filters by school, role and text")
    void user_filters() {
        JsonArray math = admin.get("/api/v1/groups/1/users?role=RESEARCH_LEAD").items();
        assertTrue(math.stream().allMatch(o -> ((JsonObject) o).getJsonArray("roles").contains("RESEARCH_LEAD")));
        assertTrue(math.size() >= 4);
        JsonArray rural = admin.get("/api/v1/groups/1/users?schoolId=2").items();
        assertTrue(rural.stream().allMatch(o -> ((JsonObject) o).getLong("schoolId") == 2));
        JsonArray byName = admin.get("/api/v1/groups/1/users?q=" + java.net.URLEncoder.encode("刘芳",
                java.nio.charset.StandardCharsets.UTF_8)).items();
        assertEquals(1, byName.size());
        assertEquals(400, admin.get("/api/v1/groups/1/users?role=KING").status());
        assertEquals(0, admin.get("/api/v1/groups/1/users?q=%25%25").items().size());
    }
}
