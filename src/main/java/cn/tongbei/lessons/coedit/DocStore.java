package cn.tongbei.lessons.coedit;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The co-edited documents in PostgreSQL: the append-only change log with (doc, revision) as the arbiter,
 * periodic snapshots, and loading as latest snapshot + tail. Repository of the coedit aggregate.
 */
public final class DocStore {
    static final String CREATE_DOC = "INSERT INTO coedit_doc DEFAULT VALUES RETURNING id";
    static final String INSERT_CHANGE = "INSERT INTO coedit_change (doc_id, revision, client_id, seq, author_id, delta)"
            + " VALUES ($1, $2, $3, $4, $5, $6)";
    static final String INSERT_SNAPSHOT = "INSERT INTO coedit_snapshot (doc_id, revision, content) VALUES ($1, $2, $3)"
            + " ON CONFLICT DO NOTHING";
    static final String LATEST_SNAPSHOT = "SELECT revision, content FROM coedit_snapshot WHERE doc_id = $1"
            + " AND revision <= $2 ORDER BY revision DESC LIMIT 1";
    static final String CHANGES_BETWEEN = "SELECT revision, client_id, seq, author_id, delta FROM coedit_change"
            + " WHERE doc_id = $1 AND revision > $2 AND revision <= $3 ORDER BY revision";
    static final String HEAD = "SELECT coalesce(max(revision), 0) AS head FROM coedit_change WHERE doc_id = $1";
    static final String LAST_SEQS = "SELECT DISTINCT ON (client_id) client_id, seq, revision FROM coedit_change"
            + " WHERE doc_id = $1 ORDER BY client_id, seq DESC";

    static final String LOCK_DOC = "SELECT id FROM coedit_doc WHERE id = $1 FOR UPDATE";

    /**
     * A transaction holding a document's row lock ({@code FOR UPDATE}, which also holds off every other insert
     * into its change log through the foreign key's {@code KEY SHARE} lock), with the changes committed after the
     * caller's revision.
     */
    public record Locked(SqlConnection conn, io.vertx.sqlclient.Transaction tx, List<Change> missed) {}

    /** A document's content at a revision. */
    public record Loaded(int revision, Delta content) {}

    /** The last sequence number committed from a client, and the revision it made. */
    public record LastSeq(long seq, int revision) {}

    private final Pool pool;

    public DocStore(Pool pool) {
        this.pool = pool;
    }

    /** Creates a document whose revision 0 is {@code initial} (stored as the first snapshot). */
    public Future<Long> create(SqlConnection conn, Delta initial) {
        return conn.preparedQuery(CREATE_DOC).execute().map(rows -> rows.iterator().next().getLong("id"))
                .compose(id -> conn.preparedQuery(INSERT_SNAPSHOT).execute(Tuple.of(id, 0, PlainJson.ops(initial)))
                        .map(id));
    }

    /** Loads the content at {@code revision} (or the head when null): nearest snapshot, then the tail. */
    public Future<Loaded> load(long docId, Integer revision) {
        Future<Integer> target = revision != null ? Future.succeededFuture(revision) : head(docId);
        return target.compose(rev -> pool.preparedQuery(LATEST_SNAPSHOT).execute(Tuple.of(docId, rev))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(new DeltaException("document " + docId + " has no snapshot"));
                    }
                    Row row = rows.iterator().next();
                    int from = row.getInteger("revision");
                    Delta base = PlainJson.delta(row.getValue("content"));
                    return changes(docId, from, rev).map(list -> {
                        Delta content = base;
                        for (Change c : list) {
                            content = content.compose(c.delta());
                        }
                        return new Loaded(list.isEmpty() ? from : list.get(list.size() - 1).revision(), content);
                    });
                }));
    }

    /** The latest revision of a document. */
    public Future<Integer> head(long docId) {
        return pool.preparedQuery(HEAD).execute(Tuple.of(docId)).map(rows -> rows.iterator().next().getInteger("head"));
    }

    /** Changes with {@code after < revision <= upTo}, in order. */
    public Future<List<Change>> changes(long docId, int after, int upTo) {
        return pool.preparedQuery(CHANGES_BETWEEN).execute(Tuple.of(docId, after, upTo)).map(rows -> {
            List<Change> out = new ArrayList<>(rows.size());
            for (Row r : rows) {
                out.add(new Change(docId, r.getInteger("revision"), r.getString("client_id"), r.getLong("seq"),
                        r.getLong("author_id") == null ? 0 : r.getLong("author_id"),
                        PlainJson.delta(r.getValue("delta"))));
            }
            return out;
        });
    }

    /** The last committed sequence number of every client that edited a document (for duplicate detection). */
    public Future<Map<String, LastSeq>> lastSeqs(long docId) {
        return pool.preparedQuery(LAST_SEQS).execute(Tuple.of(docId)).map(rows -> {
            Map<String, LastSeq> out = new HashMap<>();
            for (Row r : rows) {
                out.put(r.getString("client_id"), new LastSeq(r.getLong("seq"), r.getInteger("revision")));
            }
            return out;
        });
    }

    /** Locks a document against other writers and reads what was committed after {@code after}. */
    public Future<Locked> lock(long docId, int after) {
        return pool.getConnection().compose(conn -> conn.begin().compose(tx -> conn.preparedQuery(LOCK_DOC)
                .execute(Tuple.of(docId)).compose(x -> conn.preparedQuery(CHANGES_BETWEEN)
                        .execute(Tuple.of(docId, after, Integer.MAX_VALUE)))
                .map(rows -> new Locked(conn, tx, changes(docId, rows))))
                .onFailure(e -> conn.close()));
    }

    /** Appends changes (and snapshots) under a lock taken by {@link #lock}, commits and releases it. */
    public Future<Void> appendLocked(Locked locked, List<Change> changes, List<Loaded> snapshots) {
        Future<Void> written = changes.isEmpty()
                ? Future.succeededFuture()
                : insert(locked.conn(), changes, snapshots);
        return written.compose(v -> locked.tx().commit()).eventually(() -> locked.conn().close());
    }

    private static List<Change> changes(long docId, io.vertx.sqlclient.RowSet<Row> rows) {
        List<Change> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(new Change(docId, r.getInteger("revision"), r.getString("client_id"), r.getLong("seq"),
                    r.getLong("author_id") == null ? 0 : r.getLong("author_id"), PlainJson.delta(r.getValue("delta"))));
        }
        return out;
    }

    /** Appends changes (and snapshots) in one transaction; fails as a whole, e.g. on a taken revision. */
    public Future<Void> append(List<Change> changes, List<Loaded> snapshots) {
        return append(changes, snapshots, false);
    }

    /**
     * Appends changes (and snapshots) in one transaction. With {@code lockFirst} (several nodes may write), the
     * transaction first takes the document's row lock, pipelined with the inserts (no extra round trip): every
     * writer then waits for the lock before inserting, so a writer holding it ({@link #lock}) never deadlocks
     * with one whose insert is already in the index.
     */
    public Future<Void> append(List<Change> changes, List<Loaded> snapshots, boolean lockFirst) {
        return pool.withTransaction(conn -> {
            if (!lockFirst) {
                return insert(conn, changes, snapshots);
            }
            Future<?> lock = conn.preparedQuery(LOCK_DOC).execute(Tuple.of(changes.get(0).docId()));
            Future<Void> inserted = insert(conn, changes, snapshots);
            return Future.all(lock, inserted).mapEmpty();
        });
    }

    private static Future<Void> insert(SqlConnection conn, List<Change> changes, List<Loaded> snapshots) {
        List<Tuple> rows = new ArrayList<>(changes.size());
        for (Change c : changes) {
            rows.add(Tuple.of(c.docId(), c.revision(), c.clientId(), c.seq(), c.authorId() == 0 ? null : c.authorId(),
                    PlainJson.ops(c.delta())));
        }
        long docId = changes.get(0).docId();
        Future<?> f = conn.preparedQuery(INSERT_CHANGE).executeBatch(rows);
        for (Loaded s : snapshots) {
            f = f.compose(x -> conn.preparedQuery(INSERT_SNAPSHOT)
                    .execute(Tuple.of(docId, s.revision(), PlainJson.ops(s.content()))));
        }
        return f.mapEmpty();
    }

}
