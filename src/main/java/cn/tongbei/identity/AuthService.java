package cn.tongbei.identity;

import cn.tongbei.access.Principal;
import cn.tongbei.platform.auth.Tokens;
import cn.tongbei.platform.db.Audit;
import cn.tongbei.platform.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.LinkedHashSet;
import java.util.Set;

/** Login, token refresh, logout, the current user's profile and password change. */
public final class AuthService {
    private final Pool pool;
    private final Tokens tokens;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final PasswordWorker passwords;
    private final Authenticator authenticator;

    public AuthService(Pool pool, Tokens tokens, Sessions sessions, LoginThrottle throttle, PasswordWorker passwords,
            Authenticator authenticator) {
        this.pool = pool;
        this.tokens = tokens;
        this.sessions = sessions;
        this.throttle = throttle;
        this.passwords = passwords;
        this.authenticator = authenticator;
    }

    /** Checks the throttle, then the password (also for unknown users, so timing tells nothing). */
    public Future<JsonObject> login(String username, String password, String address) {
        String name = username.toLowerCase(java.util.Locale.ROOT);
        return throttle.check(name, address)
                .compose(x -> pool.preparedQuery(IdentitySql.CREDENTIALS).execute(Tuple.of(name)))
                .compose(rows -> {
                    Row row = rows.size() == 0 ? null : rows.iterator().next();
                    return passwords.verify(password, row == null ? null : row.getString("password_hash"))
                            .compose(ok -> {
                                if (!ok) {
                                    return throttle.record(name, address, false)
                                            .compose(y -> Future
                                                    .failedFuture(ApiException.unauthorized("invalid_credentials")));
                                }
                                if (row.getBoolean("disabled")) {
                                    return Future.failedFuture(new ApiException(403, "account_disabled"));
                                }
                                long userId = row.getLong("id");
                                return throttle.record(name, address, true)
                                        .compose(y -> sessions.start(userId))
                                        .compose(issued -> tokenResponse(userId, row.getInteger("token_version"),
                                                issued));
                            });
                });
    }

    /** Rotates the refresh token and issues a new access token. */
    public Future<JsonObject> refresh(String refreshToken) {
        return sessions.rotate(refreshToken).compose(issued -> pool.preparedQuery(IdentitySql.TOKEN_VERSION)
                .execute(Tuple.of(issued.userId()))
                .compose(rows -> tokenResponse(issued.userId(), rows.iterator().next().getInteger("token_version"),
                        issued)));
    }

    public Future<Void> logout(Principal p, String refreshToken) {
        return sessions.end(p.userId(), refreshToken);
    }

    /** Changes the password and ends every session (token version bump and refresh-token revocation). */
    public Future<Void> changePassword(Principal p, String current, String next) {
        return pool.preparedQuery(IdentitySql.CREDENTIALS).execute(Tuple.of(p.username()))
                .compose(rows -> passwords.verify(current, rows.iterator().next().getString("password_hash")))
                .compose(ok -> ok
                        ? passwords.hash(next)
                        : Future.failedFuture(ApiException.badRequest("wrong_password")))
                .compose(hash -> pool.withTransaction(conn -> conn.preparedQuery(IdentitySql.SET_PASSWORD)
                        .execute(Tuple.of(p.userId(), hash))
                        .compose(x -> Sessions.endAll(conn, p.userId()))
                        .compose(x -> Audit.record(conn, p.userId(), p.groupId(), "user.password", "user:" + p.userId(),
                                new JsonObject()))))
                .onSuccess(x -> authenticator.changed(p.userId()));
    }

    private Future<JsonObject> tokenResponse(long userId, int tokenVersion, Sessions.Issued issued) {
        String access = tokens.issueAccess(userId, tokenVersion);
        return authenticator.authenticate(access).compose(this::me).map(me -> new JsonObject()
                .put("accessToken", access)
                .put("refreshToken", issued.refreshToken())
                .put("expiresIn", tokens.accessTtlSeconds())
                .put("tokenType", "Bearer")
                .put("user", me));
    }

    /** The profile: roles with their scopes, schools, groups and teams. */
    public Future<JsonObject> me(Principal p) {
        Tuple id = Tuple.of(p.userId());
        Future<JsonObject> user = pool.preparedQuery(IdentitySql.ME_USER).execute(id).map(rows -> {
            Row r = rows.iterator().next();
            return new JsonObject().put("id", r.getLong("id")).put("username", r.getString("username"))
                    .put("displayName", r.getString("display_name")).put("stage", r.getString("stage"))
                    .put("subjects", new JsonArray(java.util.List.of(r.getArrayOfStrings("subjects"))));
        });
        Future<JsonArray> grants = pool.preparedQuery(IdentitySql.ME_GRANTS).execute(id).map(rows -> {
            JsonArray out = new JsonArray();
            rows.forEach(r -> out.add(new JsonObject().put("role", r.getString("role"))
                    .put("groupId", r.getLong("group_id")).put("groupName", r.getString("group_name"))
                    .put("schoolId", r.getLong("school_id")).put("schoolName", r.getString("school_name"))));
            return out;
        });
        Future<JsonArray> teams = pool.preparedQuery(IdentitySql.ME_TEAMS).execute(id).map(rows -> {
            JsonArray out = new JsonArray();
            rows.forEach(r -> out.add(new JsonObject().put("id", r.getLong("id")).put("name", r.getString("name"))
                    .put("kind", r.getString("kind")).put("subject", r.getString("subject"))
                    .put("grade", r.getString("grade")).put("groupId", r.getLong("group_id"))
                    .put("groupName", r.getString("group_name")).put("memberRole", r.getString("role"))));
            return out;
        });
        Set<Long> schoolIds = new LinkedHashSet<>();
        if (p.schoolId() != null) {
            schoolIds.add(p.schoolId());
        }
        p.grants().forEach(g -> {
            if (g.schoolId() != null) {
                schoolIds.add(g.schoolId());
            }
        });
        Future<JsonArray> schools = pool.preparedQuery(IdentitySql.ME_SCHOOLS)
                .execute(Tuple.of((Object) schoolIds.toArray(Long[]::new))).map(rows -> {
                    JsonArray out = new JsonArray();
                    rows.forEach(
                            r -> out.add(new JsonObject().put("id", r.getLong("id")).put("name", r.getString("name"))
                                    .put("kind", r.getString("kind")).put("groupId", r.getLong("group_id"))
                                    .put("groupName", r.getString("group_name")).put("lead", r.getBoolean("is_lead"))));
                    return out;
                });
        Future<JsonArray> groups = pool.preparedQuery(IdentitySql.ME_GROUPS)
                .execute(Tuple.of((Object) p.groupIds().toArray(Long[]::new))).map(rows -> {
                    JsonArray out = new JsonArray();
                    rows.forEach(
                            r -> out.add(new JsonObject().put("id", r.getLong("id")).put("name", r.getString("name"))
                                    .put("mode", r.getString("mode"))));
                    return out;
                });
        return Future.all(user, grants, teams, schools, groups).map(x -> {
            JsonArray roles = grants.result().copy();
            for (Object o : teams.result()) {
                JsonObject t = (JsonObject) o;
                if ("LEAD".equals(t.getString("memberRole"))) {
                    roles.add(new JsonObject().put("role", "RESEARCH_LEAD").put("groupId", t.getLong("groupId"))
                            .put("groupName", t.getString("groupName")).put("teamId", t.getLong("id"))
                            .put("teamName", t.getString("name")));
                }
            }
            return user.result().put("roles", roles).put("schools", schools.result()).put("groups", groups.result())
                    .put("teams", teams.result());
        });
    }
}
