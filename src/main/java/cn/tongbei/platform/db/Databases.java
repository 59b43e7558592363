package cn.tongbei.platform.db;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/** Builds the reactive PostgreSQL pool every feature shares. */
public final class Databases {
    private Databases() {}

    public static Pool pool(Vertx vertx, DbEndpoint db, int size) {
        PgConnectOptions connect = PgConnectOptions.fromUri(db.uri())
                .setUser(db.user())
                .setPassword(db.password())
                .setCachePreparedStatements(true)
                .setPreparedStatementCacheMaxSize(512);
        return PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(size).setShared(false).setName("tongbei-pool"))
                .connectingTo(connect)
                .using(vertx)
                .build();
    }

    /** True when the error is PostgreSQL's unique-violation (SQLSTATE 23505). */
    public static boolean isUniqueViolation(Throwable t) {
        return t instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState());
    }
}
