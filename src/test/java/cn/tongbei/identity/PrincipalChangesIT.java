package cn.tongbei.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.testing.Api;
import cn.tongbei.testing.Eventually;
import cn.tongbei.testing.TestServer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Principals held in memory follow changes made anywhere (another node, an operator's SQL): the triggers of
 * migration V2 notify every node at commit. These changes are made in SQL, past the services that also forget
 * their users at once, so only the notification (or its absence) decides what the next request sees.
 */
class PrincipalChangesIT {
    static Api api;

    @BeforeAll
    static void start() {
        api = TestServer.api();
        AuthIT.admin = api.loginDemo("admin");
        waitUntil(() -> metric("tongbei_auth_principals_listening") == 1, "the node listens for principal changes");
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static void sql(String statement, Object... params) throws Exception {
        await(TestServer.get().pool().preparedQuery(statement).execute(Tuple.from(params)));
    }

    /** A meter's value on the node's /metrics (Prometheus text), summed over its series. */
    static double metric(String name) {
        double sum = 0;
        for (String line : api.get("/metrics").body().split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    static void waitUntil(java.util.function.BooleanSupplier condition, String what) {
        Eventually.until(condition, what, java.time.Duration.ofSeconds(10));
    }

    /** A fresh teacher's API, their principal held by the node (checked on the cached-principal counter). */
    private static Api heldTeacher() {
        String user = AuthIT.newTeacher("principal-cache-1");
        Api teacher = api.login(user, "principal-cache-1");
        assertEquals(200, teacher.get("/api/v1/me").status());
        double cached = metric("tongbei_auth_principals_total{result=\"cached\"}");
        assertEquals(200, teacher.get("/api/v1/me").status());
        assertTrue(metric("tongbei_auth_principals_total{result=\"cached\"}") > cached,
                "the second request is served from memory");
        return teacher;
    }

    private static long id(Api user) {
        return user.get("/api/v1/me").json().getLong("id");
    }

    @Test
    @DisplayName("an account disabled in SQL is refused within moments, not after the cache's time to live")
    void disabled_in_sql() throws Exception {
        Api teacher = heldTeacher();
        long id = id(teacher);
        long t0 = System.nanoTime();
        sql("UPDATE app_user SET disabled = true WHERE id = $1", id);
        waitUntil(() -> teacher.get("/api/v1/me").status() == 401, "the disabled account is refused");
        System.out.printf("principal change seen after %.1f ms%n", (System.nanoTime() - t0) / 1e6);
    }

    @Test
    @DisplayName("a token version bumped in SQL (password set by an operator) ends the old token")
    void token_version_in_sql() throws Exception {
        Api teacher = heldTeacher();
        sql("UPDATE app_user SET token_version = token_version + 1 WHERE id = $1", id(teacher));
        waitUntil(() -> teacher.get("/api/v1/me").status() == 401, "the old token is refused");
    }

    @Test
    @DisplayName("a grant given and removed in SQL gives and takes the right: a school admin edits a teacher")
    void grant_in_sql() throws Exception {
        Api admin = heldTeacher();
        long id = id(admin);
        long other = id(api.login(AuthIT.newTeacher("principal-cache-2"), "principal-cache-2"));
        String path = "/api/v1/users/" + other;
        assertEquals(403, admin.patch(path, new JsonObject().put("displayName", "改名一")).status());
        sql("INSERT INTO role_grant (user_id, role, group_id, school_id) VALUES ($1, 'SCHOOL_ADMIN', 1, 2)", id);
        waitUntil(() -> admin.patch(path, new JsonObject().put("displayName", "改名二")).status() == 200,
                "the new grant is in effect");
        sql("DELETE FROM role_grant WHERE user_id = $1 AND role = 'SCHOOL_ADMIN'", id);
        waitUntil(() -> admin.patch(path, new JsonObject().put("displayName", "改名三")).status() == 403,
                "the removed grant is gone");
    }

    @Test
    @DisplayName("a change missed while the LISTEN connection was down is not served from memory after it")
    void listen_connection_lost() throws Exception {
        Api teacher = heldTeacher();
        long id = id(teacher);
        double listens = metric("tongbei_auth_principals_listens_total");
        sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN principal_change'");
        waitUntil(() -> metric("tongbei_auth_principals_listening") == 0, "the node notices the lost connection");
        // no node hears this change
        sql("UPDATE app_user SET disabled = true WHERE id = $1", id);
        waitUntil(() -> metric("tongbei_auth_principals_listens_total") > listens, "the node listens again");
        assertEquals(401, teacher.get("/api/v1/me").status(), "nothing held from before the gap is trusted");
    }
}
