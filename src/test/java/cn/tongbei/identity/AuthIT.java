package cn.tongbei.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.testing.Api;
import cn.tongbei.testing.Api.Reply;
import cn.tongbei.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Login, tokens, refresh rotation, logout and password change against the real server. */
class AuthIT {
    static Api api;
    static Api admin;

    @BeforeAll
    static void start() {
        api = TestServer.api();
        admin = api.loginDemo("admin");
    }

    /** Creates a fresh teacher in the demo group so tests that change a user do not disturb others. */
    static String newTeacher(String password) {
        String username = "t" + UUID.randomUUID().toString().substring(0, 8);
        Reply r = admin.post("/api/v1/groups/1/users", new JsonObject().put("username", username)
                .put("displayName", "测试教师").put("password", password).put("role", "TEACHER").put("schoolId", 2));
        assertEquals(201, r.status(), r.toString());
        return username;
    }

    static Reply login(String username, String password) {
        return api.post("/api/v1/auth/login", new JsonObject().put("username", username).put("password", password));
    }

    @Test
    @DisplayName("the demo administrator logs in and sees their group, school and role")
    void login_and_me() {
        Reply r = login("admin", "tongbei-demo");
        assertEquals(200, r.status(), r.toString());
        JsonObject body = r.json();
        assertTrue(body.getString("accessToken").split("\\.").length == 3);
        assertTrue(body.getString("refreshToken").length() >= 40);
        assertEquals(900, body.getInteger("expiresIn"));
        Reply me = api.as(body.getString("accessToken")).get("/api/v1/me");
        assertEquals(200, me.status());
        assertEquals("admin", me.json().getString("username"));
        assertEquals("GROUP_ADMIN", me.json().getJsonArray("roles").getJsonObject(0).getString("role"));
        assertEquals("中原实验中学", me.json().getJsonArray("schools").getJsonObject(0).getString("name"));
        assertEquals("中原实验教育集团", me.json().getJsonArray("groups").getJsonObject(0).getString("name"));
    }

    @Test
    @DisplayName("a team lead sees RESEARCH_LEAD among their roles and the teams they lead")
    void research_lead_role() {
        JsonObject me = api.loginDemo("teacher1").get("/api/v1/me").json();
        assertTrue(me.getJsonArray("roles").stream().map(o -> ((JsonObject) o).getString("role"))
                .anyMatch("RESEARCH_LEAD"::equals), me.encode());
        assertTrue(me.getJsonArray("teams").stream().map(o -> (JsonObject) o)
                .anyMatch(t -> t.getString("name").equals("数学学科教研组") && t.getString("memberRole").equals("LEAD")));
    }

    @Test
    @DisplayName("a wrong password and an unknown user get the same 401")
    void wrong_password() {
        Reply wrong = login("teacher2", "not-the-password");
        Reply unknown = login("nobody-" + UUID.randomUUID().toString().substring(0, 6), "whatever1");
        assertEquals(401, wrong.status());
        assertEquals(401, unknown.status());
        assertEquals("invalid_credentials", wrong.errorCode());
        assertEquals(wrong.body(), unknown.body());
    }

    @Test
    @DisplayName("after 5 failures an account is throttled with 429 even for the right password, others are not")
    void throttled_per_account() {
        String user = newTeacher("correct-horse-1");
        for (int i = 0; i < 5; i++) {
            assertEquals(401, login(user, "wrong-" + i).status());
        }
        Reply blocked = login(user, "correct-horse-1");
        assertEquals(429, blocked.status(), blocked.toString());
        assertEquals("too_many_attempts", blocked.errorCode());
        assertTrue(blocked.headers().firstValue("Retry-After").isPresent());
        assertEquals(200, login("teacher3", "tongbei-demo").status());
    }

    @Test
    @DisplayName("refresh rotates the token; replaying a spent one revokes the whole session")
    void refresh_rotation_and_reuse() {
        String first = login("teacher4", "tongbei-demo").json().getString("refreshToken");
        Reply r1 = api.post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", first));
        assertEquals(200, r1.status(), r1.toString());
        String second = r1.json().getString("refreshToken");
        assertNotEquals(first, second);
        assertEquals(200, api.as(r1.json().getString("accessToken")).get("/api/v1/me").status());

        Reply replay = api.post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", first));
        assertEquals(401, replay.status());
        assertEquals("refresh_invalid", replay.errorCode());
        Reply afterTheft = api.post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", second));
        assertEquals(401, afterTheft.status(), "the successor must be revoked with its family");
    }

    @Test
    @DisplayName("logout revokes the refresh token")
    void logout() {
        JsonObject session = login("teacher5", "tongbei-demo").json();
        Api teacher = api.as(session.getString("accessToken"));
        assertEquals(204, teacher.post("/api/v1/auth/logout", new JsonObject().put("refreshToken",
                session.getString("refreshToken"))).status());
        assertEquals(401, api.post("/api/v1/auth/refresh", new JsonObject().put("refreshToken",
                session.getString("refreshToken"))).status());
    }

    @Test
    @DisplayName("changing the password ends every session at once, and the new password works")
    void change_password() {
        String user = newTeacher("first-password");
        JsonObject session = login(user, "first-password").json();
        Api teacher = api.as(session.getString("accessToken"));
        Reply wrong = teacher.post("/api/v1/me/password", new JsonObject().put("currentPassword", "nope-nope")
                .put("newPassword", "second-password"));
        assertEquals(400, wrong.status());
        assertEquals("wrong_password", wrong.errorCode());
        Reply tooShort = teacher.post("/api/v1/me/password", new JsonObject().put("currentPassword", "first-password")
                .put("newPassword", "short"));
        assertEquals(400, tooShort.status());
        assertTrue(tooShort.json().getJsonObject("error").getJsonObject("fields").containsKey("newPassword"));

        assertEquals(204, teacher.post("/api/v1/me/password", new JsonObject().put("currentPassword", "first-password")
                .put("newPassword", "second-password")).status());
        assertEquals(401, teacher.get("/api/v1/me").status(), "old access token must be refused");
        assertEquals(401, api.post("/api/v1/auth/refresh", new JsonObject().put("refreshToken",
                session.getString("refreshToken"))).status());
        assertEquals(401, login(user, "first-password").status());
        assertEquals(200, login(user, "second-password").status());
    }

    @Test
    @DisplayName("missing, forged, tampered and garbage tokens get 401")
    void bad_tokens() {
        assertEquals(401, api.get("/api/v1/me").status());
        assertEquals("unauthorized", api.get("/api/v1/me").errorCode());
        String good = login("teacher6", "tongbei-demo").json().getString("accessToken");
        String[] parts = good.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]));
        String forgedClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(claims.replace("\"sub\":\"",
                "\"sub\":\"1").getBytes());
        for (String token : new String[]{parts[0] + "." + forgedClaims + "." + parts[2], good + "x", "garbage",
                "eyJhbGciOiJub25lIn0." + parts[1] + "."}) {
            Reply r = api.as(token).get("/api/v1/me");
            assertEquals(401, r.status(), token);
            assertEquals("token_invalid", r.errorCode());
        }
    }

    @Test
    @DisplayName("a disabled account can neither log in nor use its token")
    void disabled_account() {
        String user = newTeacher("disable-me-please");
        String token = login(user, "disable-me-please").json().getString("accessToken");
        long id = api.as(token).get("/api/v1/me").json().getLong("id");
        assertEquals(200, admin.patch("/api/v1/users/" + id, new JsonObject().put("disabled", true)).status());
        assertEquals(401, api.as(token).get("/api/v1/me").status());
        Reply r = login(user, "disable-me-please");
        assertEquals(403, r.status());
        assertEquals("account_disabled", r.errorCode());
    }
}
