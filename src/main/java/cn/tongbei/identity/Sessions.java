package cn.tongbei.identity;

import cn.tongbei.platform.auth.Tokens;
import cn.tongbei.platform.http.ApiException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Refresh-token sessions with rotation: each refresh spends the presented token and issues the next one of
 * the same family. Presenting a spent token means it was stolen or replayed, so the whole family is revoked.
 */
public final class Sessions {
    private static final String INSERT = """
            INSERT INTO refresh_token (user_id, token_hash, family_id, expires_at)
            VALUES ($1, $2, $3, now() + make_interval(days => $4))""";
    private static final String FIND_FOR_UPDATE = """
            SELECT r.id, r.user_id, r.family_id, r.expires_at, r.spent_at, r.revoked_at, u.disabled
            FROM refresh_token r JOIN app_user u ON u.id = r.user_id
            WHERE r.token_hash = $1 FOR UPDATE OF r""";
    private static final String SPEND = "UPDATE refresh_token SET spent_at = now() WHERE id = $1";
    private static final String REVOKE_FAMILY = "UPDATE refresh_token SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL";
    private static final String REVOKE_FAMILY_OF_USER_TOKEN = """
            UPDATE refresh_token SET revoked_at = now()
            WHERE revoked_at IS NULL AND family_id = (SELECT family_id FROM refresh_token WHERE token_hash = $1 AND user_id = $2)""";
    private static final String REVOKE_USER = "UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL";

    /** A refresh token issued to a user. */
    public record Issued(long userId, String refreshToken) {}

    private sealed interface Rotation permits Rotated, Reused, Invalid {}

    private record Rotated(Issued issued) implements Rotation {}

    private record Reused(UUID family) implements Rotation {}

    private record Invalid() implements Rotation {}

    private final Pool pool;
    private final Tokens tokens;
    private final int ttlDays;

    public Sessions(Pool pool, Tokens tokens, int ttlDays) {
        this.pool = pool;
        this.tokens = tokens;
        this.ttlDays = ttlDays;
    }

    /** Starts a new family (a login). */
    public Future<Issued> start(long userId) {
        return insert(pool.preparedQuery(INSERT)::execute, userId, UUID.randomUUID());
    }

    /** Spends {@code token} and issues its successor; 401 {@code refresh_invalid} for anything else. */
    public Future<Issued> rotate(String token) {
        return pool.withTransaction(conn -> rotateIn(conn, Tokens.sha256(token))).compose(result -> switch (result) {
            case Rotated r -> Future.succeededFuture(r.issued());
            case Reused r -> pool.preparedQuery(REVOKE_FAMILY).execute(Tuple.of(r.family()))
                    .compose(x -> Future.failedFuture(ApiException.unauthorized("refresh_invalid")));
            case Invalid i -> Future.failedFuture(ApiException.unauthorized("refresh_invalid"));
        });
    }

    private Future<Rotation> rotateIn(SqlConnection conn, String hash) {
        return conn.preparedQuery(FIND_FOR_UPDATE).execute(Tuple.of(hash)).compose(rows -> {
            if (rows.size() == 0) {
                return Future.succeededFuture(new Invalid());
            }
            Row row = rows.iterator().next();
            UUID family = row.getUUID("family_id");
            if (row.getOffsetDateTime("spent_at") != null) {
                return Future.succeededFuture(new Reused(family));
            }
            if (row.getOffsetDateTime("revoked_at") != null || row.getBoolean("disabled")
                    || row.getOffsetDateTime("expires_at").isBefore(OffsetDateTime.now())) {
                return Future.succeededFuture(new Invalid());
            }
            long userId = row.getLong("user_id");
            return conn.preparedQuery(SPEND).execute(Tuple.of(row.getLong("id")))
                    .compose(x -> insert(conn.preparedQuery(INSERT)::execute, userId, family))
                    .map(Rotated::new);
        });
    }

    /** Ends the session the token belongs to (only the caller's own). */
    public Future<Void> end(long userId, String token) {
        return pool.preparedQuery(REVOKE_FAMILY_OF_USER_TOKEN).execute(Tuple.of(Tokens.sha256(token), userId))
                .mapEmpty();
    }

    /** Ends every session of the user (password change, account disabled). */
    public static Future<Void> endAll(SqlConnection conn, long userId) {
        return conn.preparedQuery(REVOKE_USER).execute(Tuple.of(userId)).mapEmpty();
    }

    private Future<Issued> insert(java.util.function.Function<Tuple, Future<RowSet<Row>>> exec, long userId,
            UUID family) {
        String token = tokens.newRefreshToken();
        return exec.apply(Tuple.of(userId, Tokens.sha256(token), family, ttlDays)).map(x -> new Issued(userId, token));
    }
}
