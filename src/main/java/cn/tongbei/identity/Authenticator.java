package cn.tongbei.identity;

import cn.tongbei.access.Principal;
import cn.tongbei.access.Principal.Grant;
import cn.tongbei.access.Principal.TeamMembership;
import cn.tongbei.access.Role;
import cn.tongbei.platform.auth.Tokens;
import cn.tongbei.platform.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Guards {@code /api/v1}: verifies the bearer access token, then loads the user's current grants and teams
 * into a {@link Principal} (from this node's {@link PrincipalCache} while it listens for changes, else from
 * PostgreSQL). A token issued before a password change or for a disabled account is refused.
 */
public final class Authenticator implements Handler<RoutingContext> {
    private static final String KEY = "principal";

    private final Tokens tokens;
    private final Pool pool;
    private final PrincipalCache principals;

    public Authenticator(Tokens tokens, Pool pool, PrincipalCache principals) {
        this.tokens = tokens;
        this.pool = pool;
        this.principals = principals;
    }

    /** Forgets a user's principal on this node at once (after this node changed their grants, teams or account). */
    public void changed(long userId) {
        principals.forget(userId);
    }

    /** The principal of an authenticated request. */
    public static Principal principal(RoutingContext ctx) {
        Principal p = ctx.get(KEY);
        if (p == null) {
            throw ApiException.unauthorized("unauthorized");
        }
        return p;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() > 4096) {
            ctx.fail(ApiException.unauthorized("unauthorized"));
            return;
        }
        authenticate(header.substring(7).trim()).onSuccess(p -> {
            ctx.put(KEY, p);
            ctx.next();
        }).onFailure(ctx::fail);
    }

    /** Verifies an access token and loads its principal (also used by websockets). */
    public Future<Principal> authenticate(String token) {
        return tokens.verifyAccess(token)
                .recover(e -> Future.failedFuture(ApiException.unauthorized("token_invalid")))
                .compose(claims -> {
                    PrincipalCache.Entry held = principals.get(claims.userId(), claims.tokenVersion());
                    return held != null
                            ? accept(held, claims.tokenVersion())
                            : read(claims.userId(), claims.tokenVersion());
                });
    }

    private Future<Principal> read(long userId, int tokenVersion) {
        long epoch = principals.epoch();
        return pool.preparedQuery(IdentitySql.PRINCIPAL).execute(Tuple.of(userId)).compose(rows -> {
            if (rows.size() == 0) {
                return Future.failedFuture(ApiException.unauthorized("token_invalid"));
            }
            Row row = rows.iterator().next();
            PrincipalCache.Entry read = new PrincipalCache.Entry(toPrincipal(row), row.getInteger("token_version"),
                    row.getBoolean("disabled"));
            principals.put(userId, read, epoch);
            return accept(read, tokenVersion);
        });
    }

    private static Future<Principal> accept(PrincipalCache.Entry entry, int tokenVersion) {
        return entry.disabled() || entry.tokenVersion() != tokenVersion
                ? Future.failedFuture(ApiException.unauthorized("token_invalid"))
                : Future.succeededFuture(entry.principal());
    }

    static Principal toPrincipal(Row row) {
        List<Grant> grants = new ArrayList<>();
        for (Object o : array(row.getValue("grants"))) {
            JsonObject g = (JsonObject) o;
            grants.add(new Grant(Role.valueOf(g.getString("role")), g.getLong("groupId"), g.getLong("schoolId")));
        }
        List<TeamMembership> teams = new ArrayList<>();
        for (Object o : array(row.getValue("teams"))) {
            JsonObject t = (JsonObject) o;
            teams.add(
                    new TeamMembership(t.getLong("teamId"), t.getLong("groupId"), "LEAD".equals(t.getString("role"))));
        }
        return new Principal(row.getLong("id"), row.getString("username"), row.getString("display_name"),
                row.getLong("group_id"), row.getLong("school_id"), List.copyOf(grants), List.copyOf(teams));
    }

    private static JsonArray array(Object value) {
        if (value instanceof JsonArray a) {
            return a;
        }
        return value == null ? new JsonArray() : new JsonArray(value.toString());
    }
}
