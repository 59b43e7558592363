package cn.tongbei.library.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.Tongbei;
import cn.tongbei.library.LibraryModule;
import cn.tongbei.testing.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The change log read the way every node's tailer reads it, with transactions that commit out of the order in
 * which they took their log positions: nothing committed is lost, nothing is read before it commits, and the
 * position stored in the index never passes a row that can still appear.
 */
class ChangeLogIT {
    private static final Tongbei SERVER = TestServer.get();
    private final ChangeLog log = new ChangeLog(SERVER.pool());

    private Connection connect() throws Exception {
        var db = SERVER.db();
        Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        c.setAutoCommit(false);
        return c;
    }

    /** Appends a change row for a resource id that does not exist (the server's own feed just removes it). */
    private static long append(Connection c, long resourceId) throws Exception {
        try (var rs = c.createStatement().executeQuery("INSERT INTO library_change (resource_id) VALUES ("
                + resourceId + ") RETURNING pos")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long xid(Connection c) throws Exception {
        try (var rs = c.createStatement().executeQuery("SELECT pg_current_xact_id()::text")) {
            rs.next();
            return Long.parseLong(rs.getString(1));
        }
    }

    /** Reads everything there is now, as the feed's poll does; answers the resources it was asked to re-read. */
    private Set<Long> drain(ChangeCursor cursor) throws Exception {
        Set<Long> out = new HashSet<>();
        ChangeLog.Batch batch;
        do {
            batch = SearchService.await(log.read(cursor.position(), cursor.seenPos(), 3));
            out.addAll(cursor.accept(batch));
        } while (batch.full());
        return out;
    }

    private static long id() {
        return -ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE / 2);
    }

    @Test
    @DisplayName("a transaction that took a lower position but commits after a later one is still applied")
    void lower_position_committing_later_is_not_lost() throws Exception {
        ChangeCursor cursor = new ChangeCursor(SearchService.await(log.finalHead()));
        drain(cursor);
        long early = id();
        long late = id();
        try (Connection t1 = connect(); Connection t2 = connect()) {
            long xid2 = xid(t2); // t2 is the older transaction ...
            long xid1 = xid(t1);
            long pos1 = append(t1, early); // ... but t1 takes the lower position
            long pos2 = append(t2, late);
            assertTrue(pos1 < pos2 && xid2 < xid1, "the scenario: " + pos1 + "<" + pos2 + ", " + xid2 + "<" + xid1);
            t2.commit();
            Set<Long> first = drain(cursor);
            assertTrue(first.contains(late), "the committed change is read at once");
            assertFalse(first.contains(early), "an uncommitted change is never read");
            // a cursor over pos alone would now stand at pos2 and never see pos1
            assertTrue(cursor.seenPos() >= pos2 || cursor.position().pos() >= pos2);
            t1.commit();
            assertTrue(drain(cursor).contains(early), "the change that committed last, with the lower pos, arrives");
        }
    }

    @Test
    @DisplayName("a change committed while an older transaction is still open is applied at once, once, and the "
            + "stored position waits for the older transaction")
    void open_older_transaction_holds_the_position_not_the_change() throws Exception {
        ChangeCursor cursor = new ChangeCursor(SearchService.await(log.finalHead()));
        drain(cursor);
        long slow = id();
        long quick = id();
        try (Connection old = connect(); Connection fresh = connect()) {
            xid(old); // an older transaction that stays open (a long edit, a migration, a forgotten psql session)
            append(fresh, quick);
            fresh.commit();
            ChangeLog.Position before = cursor.position();
            assertEquals(Set.of(quick), drain(cursor).stream().filter(i -> i == quick || i == slow)
                    .collect(java.util.stream.Collectors.toSet()), "applied ahead, without waiting");
            assertEquals(before, cursor.position(),
                    "but not passed: the open transaction may still add a row before it");
            assertFalse(drain(cursor).contains(quick), "applied once only");
            append(old, slow);
            old.commit();
            Set<Long> after = drain(cursor);
            assertTrue(after.contains(slow));
            assertFalse(after.contains(quick), "it comes back as final only to move the position on");
            assertTrue(cursor.position().compareTo(before) > 0);
        }
    }

    @Test
    @DisplayName("many writers committing in random order: every change is read, by a feed and by a fresh reader")
    void concurrent_writers_lose_nothing() throws Exception {
        ChangeCursor cursor = new ChangeCursor(SearchService.await(log.finalHead()));
        ChangeCursor fromStart = new ChangeCursor(cursor.position());
        drain(cursor);
        Set<Long> written = new HashSet<>();
        Set<Long> read = new HashSet<>();
        List<Connection> open = new java.util.ArrayList<>();
        try {
            for (int round = 0; round < 5; round++) {
                for (int i = 0; i < 6; i++) {
                    Connection c = connect();
                    open.add(c);
                    if (i % 2 == 0) {
                        xid(c);
                    }
                }
                java.util.Collections.shuffle(open);
                for (Connection c : open) {
                    long id = id();
                    append(c, id);
                    written.add(id);
                }
                java.util.Collections.shuffle(open);
                for (Connection c : open) {
                    c.commit();
                    c.close();
                    read.addAll(drain(cursor));
                }
                open.clear();
            }
        } finally {
            for (Connection c : open) {
                c.close();
            }
        }
        read.addAll(drain(cursor));
        assertTrue(read.containsAll(written), "lost: " + difference(written, read));
        assertTrue(drain(fromStart).containsAll(written), "a reader starting from the old position reads them too");
    }

    @Test
    @DisplayName("resource changes write their change row in the same transaction: rolled back, no row; committed, one")
    void trigger_writes_in_the_same_transaction() throws Exception {
        ChangeCursor cursor = new ChangeCursor(SearchService.await(log.finalHead()));
        drain(cursor);
        try (Connection c = connect()) {
            long resource = insertResource(c);
            c.rollback();
            assertFalse(drain(cursor).contains(resource), "a rolled-back insert leaves no change");
            resource = insertResource(c);
            c.commit();
            assertTrue(drain(cursor).contains(resource), "insert");
            c.createStatement().executeUpdate("UPDATE library_resource SET downloads = downloads + 1 WHERE id = "
                    + resource);
            c.rollback();
            assertFalse(drain(cursor).contains(resource), "a rolled-back edit leaves no change");
            c.createStatement().executeUpdate("UPDATE library_resource SET title = 'x2' WHERE id = " + resource);
            c.commit();
            assertTrue(drain(cursor).contains(resource), "edit");
            c.createStatement().executeUpdate("INSERT INTO library_text (resource_id, body) VALUES (" + resource
                    + ", 'text')");
            c.commit();
            assertTrue(drain(cursor).contains(resource), "extracted text");
            c.createStatement().executeUpdate("UPDATE library_text SET embed_claimed_at = now() WHERE resource_id = "
                    + resource);
            c.commit();
            assertFalse(drain(cursor).contains(resource), "an embedding claim changes nothing searchable");
            c.createStatement().executeUpdate("DELETE FROM library_resource WHERE id = " + resource);
            c.commit();
            assertTrue(drain(cursor).contains(resource), "delete");
        }
        SERVER.module(LibraryModule.class).search().flush();
    }

    @Test
    @DisplayName("pruning deletes old final rows and moves the horizon, so an index behind it knows to rebuild")
    void prune_moves_the_horizon() throws Exception {
        long pos;
        try (Connection c = connect()) {
            try (var rs = c.createStatement().executeQuery("INSERT INTO library_change (resource_id, at) VALUES ("
                    + id() + ", now() - interval '30 days') RETURNING pos")) {
                rs.next();
                pos = rs.getLong(1);
            }
            c.commit();
        }
        ChangeLog.Position before = SearchService.await(log.horizon());
        assertTrue(SearchService.await(log.prune(7 * 24 * 3600)) >= 1);
        ChangeLog.Position after = SearchService.await(log.horizon());
        assertEquals(pos, after.pos(), "the horizon is the newest pruned row (was " + before + ")");
        assertEquals(0, SearchService.await(log.prune(7 * 24 * 3600)), "nothing old is left");
    }

    private static long insertResource(Connection c) throws Exception {
        String sha = "changelog-" + System.nanoTime();
        try (var rs = c.createStatement().executeQuery("""
                WITH b AS (INSERT INTO library_blob (sha256, object_key, size_bytes, mime)
                           VALUES ('%s', '%s', 1, 'application/pdf') RETURNING id)
                INSERT INTO library_resource (blob_id, owner_id, group_id, file_name, title, type, visibility)
                SELECT b.id, (SELECT min(id) FROM app_user), (SELECT min(id) FROM edu_group), 'x.pdf', 'x', '教案',
                  'private' FROM b RETURNING id""".formatted(sha, sha))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Set<Long> difference(Set<Long> a, Set<Long> b) {
        Set<Long> d = new HashSet<>(a);
        d.removeAll(b);
        return d;
    }
}
