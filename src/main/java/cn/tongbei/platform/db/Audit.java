package cn.tongbei.platform.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/** Records who changed what, in the same transaction as the change. */
public final class Audit {
    private static final String INSERT = "INSERT INTO audit_event (actor_id, group_id, action, target, detail) VALUES ($1, $2, $3, $4, $5)";

    private Audit() {}

    public static Future<Void> record(SqlClient client, long actorId, Long groupId, String action, String target,
            JsonObject detail) {
        return client.preparedQuery(INSERT).execute(Tuple.of(actorId, groupId, action, target, detail)).mapEmpty();
    }
}
