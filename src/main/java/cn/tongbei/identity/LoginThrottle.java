package cn.tongbei.identity;

import cn.tongbei.platform.config.TongbeiConfig;
import cn.tongbei.platform.http.ApiException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * Limits failed logins per account and per client address within a sliding window. Attempts are kept in
 * PostgreSQL so every node of a cluster sees the same counts. A success clears the account's count.
 */
public final class LoginThrottle {
    private static final String COUNT = """
            SELECT
              (SELECT count(*) FROM login_attempt
                WHERE username = $1 AND NOT success AND at > now() - make_interval(secs => $3)
                  AND at > coalesce((SELECT max(at) FROM login_attempt WHERE username = $1 AND success), '-infinity'))
                AS account_failures,
              (SELECT count(*) FROM login_attempt
                WHERE address = $2 AND NOT success AND at > now() - make_interval(secs => $3)) AS address_failures
            """;
    private static final String RECORD = "INSERT INTO login_attempt (username, address, success) VALUES ($1, $2, $3)";
    private static final String PRUNE = "DELETE FROM login_attempt WHERE at < now() - make_interval(secs => $1)";

    private final Pool pool;
    private final TongbeiConfig.Auth auth;

    public LoginThrottle(Pool pool, TongbeiConfig.Auth auth) {
        this.pool = pool;
        this.auth = auth;
    }

    /** Fails with 429 {@code too_many_attempts} (Retry-After: the window) when either limit is reached. */
    public Future<Void> check(String username, String address) {
        return pool.preparedQuery(COUNT).execute(Tuple.of(username, address, auth.loginWindowSeconds()))
                .compose(rows -> {
                    Row row = rows.iterator().next();
                    if (row.getLong("account_failures") >= auth.maxFailuresPerAccount()
                            || row.getLong("address_failures") >= auth.maxFailuresPerAddress()) {
                        return Future
                                .failedFuture(new ApiException(429, "too_many_attempts", auth.loginWindowSeconds()));
                    }
                    return Future.succeededFuture();
                });
    }

    public Future<Void> record(String username, String address, boolean success) {
        return pool.preparedQuery(RECORD).execute(Tuple.of(username, address, success)).mapEmpty();
    }

    /** Drops attempts older than a day (called periodically). */
    public Future<Void> prune() {
        return pool.preparedQuery(PRUNE).execute(Tuple.of(86_400)).mapEmpty();
    }
}
