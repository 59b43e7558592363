package cn.tongbei.library.search;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * The library's change log in PostgreSQL ({@code library_change}, written by triggers in the same transaction as
 * each resource change; migration {@code V201}). Rows are read in {@code (xid, pos)} order, and a row counts as
 * <em>final</em> once its transaction is older than the oldest transaction still running
 * ({@code pg_snapshot_xmin(pg_current_snapshot())}): no row can appear before a final row any more, so a reader
 * that has applied every final row up to a position never needs to look behind it. Rows that are committed but
 * not final yet (an older transaction is still open) are read too, by {@code pos}, so they are applied at once;
 * they come back as final rows later and are then only used to move the position on.
 */
public final class ChangeLog {
    /** A place in the log: everything at or before it, in (xid, pos) order, is applied. */
    public record Position(long xid, long pos) implements Comparable<Position> {
        public static final Position ZERO = new Position(0, 0);

        @Override
        public int compareTo(Position o) {
            int c = Long.compareUnsigned(xid, o.xid);
            return c != 0 ? c : Long.compare(pos, o.pos);
        }

        /** As stored in the index's commit user data. */
        public String encode() {
            return Long.toUnsignedString(xid) + ":" + pos;
        }

        /** The position stored in commit user data, or null when absent or unreadable. */
        public static Position decode(String s) {
            if (s == null) {
                return null;
            }
            int colon = s.indexOf(':');
            try {
                return new Position(Long.parseUnsignedLong(s.substring(0, colon)), Long.parseLong(s.substring(colon
                        + 1)));
            } catch (RuntimeException e) {
                return null;
            }
        }
    }

    /** One change: resource {@code resourceId} changed (or was deleted) at {@code atMillis} (database clock). */
    public record Change(long pos, long xid, long resourceId, long atMillis) {
        public Position position() {
            return new Position(xid, pos);
        }
    }

    /**
     * One read: final rows after the position (in order), committed rows not final yet after {@code seenPos}, the
     * log head (highest committed pos) and whether a page was full (more to read).
     */
    public record Batch(List<Change> finals, List<Change> fresh, long head, boolean full) {}

    static final String READ = """
            WITH s AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin,
                              (SELECT coalesce(max(pos), 0) FROM library_change) AS head)
            SELECT s.head, c.final, c.pos, c.xid::text AS xid, c.resource_id, c.at_ms
            FROM s LEFT JOIN LATERAL (
              (SELECT true AS final, pos, xid, resource_id, (extract(epoch FROM at) * 1000)::bigint AS at_ms
               FROM library_change WHERE (xid, pos) > ($1::text::xid8, $2) AND xid < s.xmin
               ORDER BY xid, pos LIMIT $4)
              UNION ALL
              (SELECT false, pos, xid, resource_id, (extract(epoch FROM at) * 1000)::bigint
               FROM library_change WHERE xid >= s.xmin AND pos > $3
               ORDER BY pos LIMIT $4)
            ) c ON true""";

    static final String FINAL_HEAD = """
            SELECT xid::text AS xid, pos FROM library_change WHERE xid < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY xid DESC, pos DESC LIMIT 1""";

    static final String HORIZON = "SELECT xid::text AS xid, pos FROM library_change_horizon";

    static final String PRUNE = """
            WITH gone AS (DELETE FROM library_change WHERE at < now() - make_interval(secs => $1)
                            AND xid < pg_snapshot_xmin(pg_current_snapshot()) RETURNING xid, pos),
                 top AS (SELECT xid, pos FROM gone ORDER BY xid DESC, pos DESC LIMIT 1),
                 moved AS (INSERT INTO library_change_horizon (one, xid, pos) SELECT true, xid, pos FROM top
                           ON CONFLICT (one) DO UPDATE SET xid = excluded.xid, pos = excluded.pos
                           WHERE (excluded.xid, excluded.pos) > (library_change_horizon.xid, library_change_horizon.pos))
            SELECT count(*) AS n FROM gone""";

    private final Pool pool;

    public ChangeLog(Pool pool) {
        this.pool = pool;
    }

    /** Reads up to {@code limit} final changes after {@code after} and up to {@code limit} fresh ones. */
    public Future<Batch> read(Position after, long seenPos, int limit) {
        return pool.preparedQuery(READ).execute(Tuple.of(Long.toUnsignedString(after.xid()), after.pos(), seenPos,
                (long) limit)).map(rows -> {
                    List<Change> finals = new ArrayList<>();
                    List<Change> fresh = new ArrayList<>();
                    long head = 0;
                    for (Row r : rows) {
                        head = r.getLong("head");
                        if (r.getLong("pos") == null) {
                            continue;
                        }
                        Change c = new Change(r.getLong("pos"), Long.parseUnsignedLong(r.getString("xid")),
                                r.getLong("resource_id"), r.getLong("at_ms"));
                        (r.getBoolean("final") ? finals : fresh).add(c);
                    }
                    finals.sort(java.util.Comparator.comparing(Change::position));
                    fresh.sort(java.util.Comparator.comparingLong(Change::pos));
                    return new Batch(finals, fresh, head, finals.size() >= limit || fresh.size() >= limit);
                });
    }

    /**
     * The newest final position: every change at or before it is committed, every later one is still to come
     * or not final yet. A rebuild that starts reading PostgreSQL after taking it and then tails from it misses
     * nothing.
     */
    public Future<Position> finalHead() {
        return pool.query(FINAL_HEAD).execute().map(rows -> rows.size() == 0
                ? Position.ZERO
                : position(rows
                        .iterator().next()));
    }

    /** The newest position ever pruned: an index behind it missed changes and must be rebuilt. */
    public Future<Position> horizon() {
        return pool.query(HORIZON).execute().map(rows -> rows.size() == 0
                ? Position.ZERO
                : position(rows
                        .iterator().next()));
    }

    /** Deletes final changes older than {@code keepSeconds}; answers how many went. */
    public Future<Long> prune(long keepSeconds) {
        return pool.preparedQuery(PRUNE).execute(Tuple.of((double) keepSeconds)).map(rows -> rows.size() == 0
                ? 0L
                : rows.iterator().next().getLong("n"));
    }

    private static Position position(Row r) {
        return new Position(Long.parseUnsignedLong(r.getString("xid")), r.getLong("pos"));
    }
}
