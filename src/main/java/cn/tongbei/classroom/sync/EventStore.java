package cn.tongbei.classroom.sync;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * The session's event log and snapshots in PostgreSQL. Appends come from the single writer of a session, one
 * batch at a time, so rows land in sequence order.
 */
public final class EventStore {
    private static final String APPEND = """
            INSERT INTO class_event (session_id, seq, type, actor_id, classroom_id, cmd_id, body, at_ms)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""";
    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtextextended('class_session:' || $1::bigint::text, 0))";
    private static final String SNAPSHOT = """
            INSERT INTO class_snapshot (session_id, seq, state) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING""";
    private static final String LATEST_SNAPSHOT = """
            SELECT state FROM class_snapshot WHERE session_id = $1 ORDER BY seq DESC LIMIT 1""";
    private static final String EVENTS_AFTER = """
            SELECT seq, type, actor_id, classroom_id, cmd_id, body, at_ms FROM class_event
            WHERE session_id = $1 AND seq > $2 ORDER BY seq LIMIT $3""";

    private static final String COMMANDS = """
            SELECT actor_id, cmd_id, seq FROM class_event WHERE session_id = $1 AND cmd_id IS NOT NULL
            ORDER BY seq DESC LIMIT $2""";

    /**
     * A session as loaded: the latest snapshot (or the initial state), every event after it, and the most recent
     * command ids ({@code actor:cmdId -> seq}, also those before the snapshot) for duplicate detection.
     */
    public record Loaded(ClassroomState snapshot, List<Event> events, java.util.Map<String, Long> commands) {}

    private final Pool pool;
    private final boolean synchronousCommit;

    public EventStore(Pool pool, boolean synchronousCommit) {
        this.pool = pool;
        this.synchronousCommit = synchronousCommit;
    }

    /** Appends a batch of consecutive events in one round trip. */
    public Future<Void> append(long session, List<Event> events) {
        List<Tuple> rows = new ArrayList<>(events.size());
        for (Event e : events) {
            rows.add(Tuple.of(session, e.seq(), e.payload().type(), e.actorId(), e.classroom(), e.cmdId(),
                    e.payload().json(), e.at()));
        }
        if (synchronousCommit) {
            return pool.preparedQuery(APPEND).executeBatch(rows).mapEmpty();
        }
        return pool.withTransaction(c -> c.query("SET LOCAL synchronous_commit TO OFF").execute().compose(v -> c
                .preparedQuery(APPEND).executeBatch(rows))).mapEmpty();
    }

    /**
     * Appends with several writers (cluster mode): in one transaction, takes the session's advisory lock, reads
     * the events after {@code after}, lets {@code decide} turn them into the batch to append (which continues them)
     * and appends it. The lock serializes appenders of one session across nodes; the primary key stays the backstop.
     */
    public Future<Void> appendAfter(long session, long after,
            java.util.function.Function<List<Event>, Future<List<Event>>> decide) {
        return pool.withTransaction(c -> {
            Future<?> start = synchronousCommit
                    ? Future.succeededFuture()
                    : c.query("SET LOCAL synchronous_commit TO OFF").execute();
            return start.compose(v -> c.preparedQuery(LOCK).execute(Tuple.of(session))).compose(v -> c
                    .preparedQuery(EVENTS_AFTER).execute(Tuple.of(session, after, Integer.MAX_VALUE))).map(rows -> {
                        List<Event> out = new ArrayList<>(rows.size());
                        rows.forEach(r -> out.add(toEvent(r)));
                        return out;
                    }).compose(decide).compose(batch -> batch.isEmpty()
                            ? Future.succeededFuture()
                            : c.preparedQuery(APPEND).executeBatch(rows(session, batch)).mapEmpty());
        }).mapEmpty();
    }

    private static List<Tuple> rows(long session, List<Event> events) {
        List<Tuple> rows = new ArrayList<>(events.size());
        for (Event e : events) {
            rows.add(Tuple.of(session, e.seq(), e.payload().type(), e.actorId(), e.classroom(), e.cmdId(),
                    e.payload().json(), e.at()));
        }
        return rows;
    }

    public Future<Void> snapshot(long session, ClassroomState state) {
        return pool.preparedQuery(SNAPSHOT).execute(Tuple.of(session, state.seq(), state.toJson())).mapEmpty();
    }

    /** The latest snapshot and the events after it. */
    public Future<Loaded> load(long session) {
        return pool.preparedQuery(LATEST_SNAPSHOT).execute(Tuple.of(session)).compose(rows -> {
            ClassroomState snap = rows.size() == 0
                    ? ClassroomState.initial()
                    : ClassroomState.fromJson(rows.iterator().next().getJsonObject("state"));
            return events(session, snap.seq(), Integer.MAX_VALUE).compose(events -> commands(session).map(
                    commands -> new Loaded(snap, events, commands)));
        });
    }

    private Future<java.util.Map<String, Long>> commands(long session) {
        return pool.preparedQuery(COMMANDS).execute(Tuple.of(session, 50_000)).map(rows -> {
            java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
            rows.forEach(r -> out.put(r.getLong("actor_id") + ":" + r.getString("cmd_id"), r.getLong("seq")));
            return out;
        });
    }

    /** Up to {@code limit} events after {@code after}, in order (playback, summary). */
    public Future<List<Event>> events(long session, long after, int limit) {
        return pool.preparedQuery(EVENTS_AFTER).execute(Tuple.of(session, after, limit)).map(rows -> {
            List<Event> out = new ArrayList<>(rows.size());
            rows.forEach(r -> out.add(toEvent(r)));
            return out;
        });
    }

    static Event toEvent(Row r) {
        JsonObject body = r.getJsonObject("body");
        return new Event(r.getLong("seq"), r.getLong("actor_id"), r.getLong("classroom_id"), r.getString("cmd_id"),
                r.getLong("at_ms"), Wire.stored(r.getString("type"), body));
    }
}
