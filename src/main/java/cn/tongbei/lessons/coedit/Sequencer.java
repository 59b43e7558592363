package cn.tongbei.lessons.coedit;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The single writer of one document. Submissions are queued and handled strictly one batch at a time: each
 * is transformed over the changes committed since its base revision, validated against the document,
 * given the next revision, and the whole batch is written to PostgreSQL in one transaction (group commit).
 * Only after that commit are submitters acknowledged and other editors notified. A (client id, seq) seen
 * before is acknowledged again with its original revision and never applied twice.
 *
 * <p>With several nodes, each node that has the document open runs a sequencer of its own, optimistically: the
 * primary key {@code (doc_id, revision)} of the change log is the arbiter. A batch that loses the insert race
 * (unique violation) is not lost: the sequencer loads the changes it missed from PostgreSQL, applies them, and
 * transforms and writes the same submissions again. Changes committed by other nodes arrive through
 * {@link #learn(List)} (event bus fan-out); a gap in their revisions is filled from PostgreSQL. One node alone
 * never loses a race, so it keeps the single-writer fast path: no read before the write.
 *
 * <p>Not thread-safe: every method runs on the owning hub's Vert.x context.
 */
public final class Sequencer {

    /** A change as sent by a client. */
    public record Submission(String clientId, long seq, int baseRevision, Delta delta, long authorId) {}

    /** The answer to a submission. */
    public sealed interface Outcome {}

    /** Committed (or committed before, when {@code duplicate}) at {@code revision}. */
    public record Accepted(Change change, boolean duplicate) implements Outcome {}

    /** Refused with a stable error code. */
    public record Rejected(String code, String detail) implements Outcome {}

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Sequencer.class);

    private record Pending(Submission submission, Promise<Outcome> promise, long receivedNanos) {}

    /** What the sequencer tells its hub. */
    public interface Listener {
        /** Changes this sequencer committed (to broadcast locally and to the other nodes). */
        void committed(List<Change> changes);

        /** Changes committed by another node, now applied here in order (to broadcast locally only). */
        default void learned(List<Change> changes) {}

        /** A batch lost the insert race to another writer and is retried after catching up. */
        default void conflict() {}

        /** Submission received → committed, for each accepted change. */
        default void commitLatency(long nanos) {}
    }

    /** Batches lost in a row before the sequencer gives up and is reloaded. */
    private static final int MAX_RACES_IN_A_ROW = 20;

    private final long docId;
    private final DocStore store;
    private final CoeditSettings settings;
    private final Listener listener;
    private final TreeMap<Integer, Change> learnedAhead = new TreeMap<>();
    private int knownHead;
    private int racesInARow;
    private final List<Promise<Void>> waiters = new ArrayList<>();
    private final boolean shared;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final ArrayDeque<Change> tail = new ArrayDeque<>();
    private final Map<String, DocStore.LastSeq> seen;
    private Delta content;
    private int revision;
    private boolean writing;
    private boolean broken;

    Sequencer(long docId, DocStore.Loaded loaded, Map<String, DocStore.LastSeq> seen, List<Change> recent,
            DocStore store, CoeditSettings settings, Listener listener, boolean shared) {
        this.shared = shared;
        this.docId = docId;
        this.content = loaded.content();
        this.revision = loaded.revision();
        this.seen = new HashMap<>(seen);
        this.tail.addAll(recent);
        this.store = store;
        this.settings = settings;
        this.listener = listener;
        this.knownHead = loaded.revision();
    }

    /** Loads a document's head, recent tail and client sequence numbers, ready to sequence (one node). */
    public static Future<Sequencer> open(long docId, DocStore store, CoeditSettings settings, Listener listener) {
        return open(docId, store, settings, listener, false);
    }

    /**
     * Loads a document, ready to sequence; {@code shared}: other nodes may write it too (cluster mode), so every
     * write takes the document's row lock first (pipelined, see {@link DocStore#append(List, List, boolean)}).
     */
    public static Future<Sequencer> open(long docId, DocStore store, CoeditSettings settings, Listener listener,
            boolean shared) {
        return store.load(docId, null).compose(loaded -> store.lastSeqs(docId).compose(seen -> store
                .changes(docId, Math.max(0, loaded.revision() - settings.tailKeep()), loaded.revision())
                .map(recent -> new Sequencer(docId, loaded, seen, recent, store, settings, listener, shared))));
    }

    public int revision() {
        return revision;
    }

    public Delta content() {
        return content;
    }

    /** False after a write conflict: the hub must reopen the document from the database. */
    public boolean healthy() {
        return !broken;
    }

    /** The last sequence number committed from a client, or -1. */
    public long lastSeq(String clientId) {
        DocStore.LastSeq last = seen.get(clientId);
        return last == null ? -1 : last.seq();
    }

    /** True when nothing is queued or being written (the document may be closed). */
    public boolean idle() {
        return !writing && queue.isEmpty();
    }

    /** The committed changes after {@code after}, if all are still in memory. */
    public List<Change> changesSince(int after) {
        if (after < oldestKnown()) {
            return null;
        }
        List<Change> out = new ArrayList<>();
        for (Change c : tail) {
            if (c.revision() > after) {
                out.add(c);
            }
        }
        return out;
    }

    private int oldestKnown() {
        return tail.isEmpty() ? revision : tail.peekFirst().revision() - 1;
    }

    /** Queues a submission; the future completes after the commit (or with a rejection). */
    public Future<Outcome> submit(Submission s) {
        Promise<Outcome> p = Promise.promise();
        queue.add(new Pending(s, p, System.nanoTime()));
        drain();
        return p.future();
    }

    /**
     * Completes once this sequencer has every change up to {@code rev}, or once the change log showed it has
     * all there is (a client that saw revision {@code rev} on another node rejoins here before this node heard of
     * it: answering from the lagging head would wrongly look like "the future" to the client).
     */
    public Future<Void> caughtUpTo(int rev) {
        if (rev <= revision) {
            return Future.succeededFuture();
        }
        knownHead = Math.max(knownHead, rev);
        Promise<Void> p = Promise.promise();
        waiters.add(p);
        drain();
        return p.future();
    }

    private void releaseWaiters() {
        if (!waiters.isEmpty()) {
            List<Promise<Void>> ready = new ArrayList<>(waiters);
            waiters.clear();
            ready.forEach(Promise::tryComplete);
        }
    }

    /**
     * Changes committed by another node (event bus). Applied in revision order once nothing of ours is being
     * written; older ones are ignored, and a gap is filled from PostgreSQL.
     */
    public void learn(List<Change> changes) {
        for (Change c : changes) {
            if (c.revision() > revision) {
                learnedAhead.put(c.revision(), c);
                knownHead = Math.max(knownHead, c.revision());
            }
        }
        drain();
    }

    /**
     * After a lost race: takes the document's row lock in PostgreSQL (which holds off every other node's insert
     * into its log), reads what this node missed, applies it, transforms the queued submissions over it and
     * writes them in the same transaction. Holding the lock, it cannot lose again, so a node that keeps losing
     * the optimistic race to a busy other node is not starved; the next batch is optimistic again.
     */
    private void lockedWrite() {
        writing = true;
        store.lock(docId, revision).onComplete(ar -> {
            if (ar.failed()) {
                LOG.warn("document {}: locking failed, reloading: {}", docId, ar.cause().getMessage());
                broken = true;
                writing = false;
                drain();
                return;
            }
            DocStore.Locked locked = ar.result();
            Batch batch;
            List<Change> applied = new ArrayList<>();
            try {
                for (Change c : locked.missed()) {
                    if (c.revision() > revision) {
                        learnedAhead.put(c.revision(), c);
                    }
                }
                applyLearned(applied);
                learnedAhead.clear(); // nothing can be committed beyond the log while we hold the lock
                knownHead = revision;
                batch = new Batch();
                while (!queue.isEmpty() && batch.changes.size() < settings.maxBatch()) {
                    batch.take(queue.poll());
                }
            } catch (RuntimeException e) {
                LOG.error("document {}: failure under lock", docId, e);
                broken = true;
                store.appendLocked(locked, List.of(), List.of());
                writing = false;
                drain();
                return;
            }
            if (!applied.isEmpty()) {
                listener.learned(applied);
            }
            store.appendLocked(locked, batch.changes, batch.snapshots).onComplete(w -> {
                try {
                    if (w.succeeded()) {
                        racesInARow = 0;
                        if (!batch.changes.isEmpty()) {
                            commit(batch);
                        }
                        batch.resolve();
                        if (!batch.changes.isEmpty()) {
                            listener.committed(batch.changes);
                        }
                    } else {
                        LOG.warn("document {}: commit under lock failed, reloading: {}", docId,
                                w.cause().getMessage());
                        broken = true;
                        batch.fail();
                    }
                } catch (RuntimeException e) {
                    LOG.error("document {}: failure after commit", docId, e);
                } finally {
                    writing = false;
                    drain();
                }
            });
        });
    }

    /** A unique violation (revision or client sequence number taken), or a deadlock between two writers. */
    private static boolean lostRace(Throwable e) {
        return cn.tongbei.platform.db.Databases.isUniqueViolation(e)
                || e instanceof io.vertx.pgclient.PgException pg && "40P01".equals(pg.getSqlState());
    }

    /** Catches up with changes committed elsewhere: from what the event bus brought, else from PostgreSQL. */
    private void catchUp() {
        List<Change> applied = new ArrayList<>();
        applyLearned(applied);
        if (revision >= knownHead) {
            afterCatchUp(applied);
            return;
        }
        writing = true;
        int from = revision;
        store.changes(docId, from, Integer.MAX_VALUE).onComplete(ar -> {
            try {
                if (ar.succeeded()) {
                    for (Change c : ar.result()) {
                        if (c.revision() > revision) {
                            learnedAhead.put(c.revision(), c);
                        }
                    }
                    applyLearned(applied);
                    // the log is the truth: a head announced by a lost race but not in the log is not awaited;
                    // changes heard of beyond a gap are kept (a committed revision implies all before it are
                    // committed, so the next query finds the missing ones)
                    knownHead = learnedAhead.isEmpty() ? revision : Math.max(revision, learnedAhead.lastKey());
                } else {
                    LOG.warn("document {}: catching up failed, reloading: {}", docId, ar.cause().getMessage());
                    broken = true;
                }
            } catch (RuntimeException e) {
                LOG.error("document {}: catching up failed", docId, e);
                broken = true;
            } finally {
                writing = false;
                afterCatchUp(applied);
            }
        });
    }

    private void afterCatchUp(List<Change> applied) {
        if (!applied.isEmpty()) {
            try {
                listener.learned(applied);
            } catch (RuntimeException e) {
                LOG.error("document {}: broadcast of learned changes failed", docId, e);
            }
        }
        drain();
    }

    private void applyLearned(List<Change> applied) {
        Change c;
        while ((c = learnedAhead.remove(revision + 1)) != null) {
            content = content.compose(c.delta());
            revision = c.revision();
            tail.add(c);
            seen.put(c.clientId(), new DocStore.LastSeq(c.seq(), c.revision()));
            applied.add(c);
        }
        learnedAhead.headMap(revision, true).clear();
        while (tail.size() > settings.tailKeep()) {
            tail.poll();
        }
    }

    private void drain() {
        if (writing) {
            return;
        }
        if (racesInARow > 0 && !broken && !queue.isEmpty()) {
            lockedWrite();
            return;
        }
        if (knownHead > revision && !broken) {
            catchUp();
            return;
        }
        releaseWaiters();
        if (queue.isEmpty()) {
            return;
        }
        if (broken) {
            List<Pending> refused = new ArrayList<>(queue);
            queue.clear();
            refused.forEach(p -> p.promise().complete(new Rejected("storage_conflict", "document reloading")));
            return;
        }
        writing = true;
        Batch batch = new Batch();
        while (!queue.isEmpty() && batch.changes.size() < settings.maxBatch()) {
            batch.take(queue.poll());
        }
        if (batch.changes.isEmpty()) {
            batch.resolve();
            writing = false;
            drain();
            return;
        }
        store.append(batch.changes, batch.snapshots, shared).onComplete(ar -> {
            try {
                if (ar.succeeded()) {
                    racesInARow = 0;
                    commit(batch);
                    batch.resolve();
                    listener.committed(batch.changes);
                } else if (lostRace(ar.cause()) && ++racesInARow <= MAX_RACES_IN_A_ROW) {
                    // another node wrote these revisions first: catch up under the document's lock, then
                    // transform and write the same submissions again (see lockedWrite)
                    LOG.debug("document {}: lost the insert race: {}", docId, ar.cause().getMessage());
                    listener.conflict();
                    batch.requeue();
                } else {
                    LOG.warn("document {}: commit failed, reloading: {}", docId, ar.cause().getMessage());
                    broken = true;
                    batch.fail();
                }
            } catch (RuntimeException e) {
                LOG.error("document {}: failure after commit", docId, e);
            } finally {
                writing = false;
                drain();
            }
        });
    }

    private void commit(Batch batch) {
        content = batch.content;
        revision = batch.revision;
        for (Change c : batch.changes) {
            tail.add(c);
            seen.put(c.clientId(), new DocStore.LastSeq(c.seq(), c.revision()));
        }
        while (tail.size() > settings.tailKeep()) {
            tail.poll();
        }
    }

    /** A group of submissions transformed in memory on top of the committed state, then written at once. */
    private final class Batch {
        final List<Change> changes = new ArrayList<>();
        final List<DocStore.Loaded> snapshots = new ArrayList<>();
        final List<Runnable> replies = new ArrayList<>();
        final List<Pending> taken = new ArrayList<>();
        final List<Pending> accepted = new ArrayList<>();
        final List<Change> acceptedChanges = new ArrayList<>();
        final Map<String, DocStore.LastSeq> batchSeen = new HashMap<>();
        Delta content = Sequencer.this.content;
        int revision = Sequencer.this.revision;

        void take(Pending p) {
            taken.add(p);
            Submission s = p.submission();
            DocStore.LastSeq last = batchSeen.getOrDefault(s.clientId(), seen.get(s.clientId()));
            if (last != null && s.seq() <= last.seq()) {
                int rev = last.revision();
                replies.add(() -> p.promise().complete(new Accepted(new Change(docId, rev, s.clientId(), s.seq(),
                        s.authorId(), new Delta()), true)));
                return;
            }
            Outcome rejected = null;
            Delta delta = s.delta();
            if (s.baseRevision() > revision) {
                rejected = new Rejected("revision_from_future", "base " + s.baseRevision() + " > head " + revision);
            } else if (s.baseRevision() < oldestKnown()) {
                rejected = new Rejected("base_too_old",
                        "base " + s.baseRevision() + " is older than the history kept in memory");
            } else {
                try {
                    delta = transformed(s);
                    Delta next = apply(delta);
                    int rev = revision + 1;
                    Change change = new Change(docId, rev, s.clientId(), s.seq(), s.authorId(), delta);
                    changes.add(change);
                    content = next;
                    revision = rev;
                    batchSeen.put(s.clientId(), new DocStore.LastSeq(s.seq(), rev));
                    if (rev % settings.snapshotEvery() == 0) {
                        snapshots.add(new DocStore.Loaded(rev, next));
                    }
                    accepted.add(p);
                    acceptedChanges.add(change);
                    return;
                } catch (DeltaException e) {
                    rejected = new Rejected("invalid_change", e.getMessage());
                }
            }
            Outcome r = rejected;
            replies.add(() -> p.promise().complete(r));
        }

        private Delta transformed(Submission s) {
            Delta delta = s.delta();
            for (Change c : tail) {
                if (c.revision() > s.baseRevision()) {
                    delta = c.delta().transform(delta, true);
                }
            }
            for (Change c : changes) {
                if (c.revision() > s.baseRevision()) {
                    delta = c.delta().transform(delta, true);
                }
            }
            return delta;
        }

        private Delta apply(Delta delta) {
            if (delta.baseLength() > content.length()) {
                throw new DeltaException("change is longer than the document (" + delta.baseLength() + " > "
                        + content.length() + ")");
            }
            Delta next = content.compose(delta);
            if (!next.isDocument()) {
                throw new DeltaException("change does not fit the document");
            }
            if (!Texts.wellFormed(next)) {
                throw new DeltaException("change splits a surrogate pair (an emoji or rare character)");
            }
            String image = Texts.imageProblem(delta);
            if (image != null) {
                throw new DeltaException(image);
            }
            if (next.length() > settings.maxDocLength()) {
                throw new DeltaException("document would exceed " + settings.maxDocLength() + " characters");
            }
            List<Op> ops = next.ops();
            Op last = ops.isEmpty() ? null : ops.get(ops.size() - 1);
            if (last == null || last.text() == null || !last.text().endsWith("\n")) {
                throw new DeltaException("a document must end with a line break");
            }
            return next;
        }

        /** Puts every submission of this batch back at the head of the queue, in order, unanswered. */
        void requeue() {
            for (int i = taken.size() - 1; i >= 0; i--) {
                queue.addFirst(taken.get(i));
            }
        }

        void resolve() {
            long now = System.nanoTime();
            for (Pending p : accepted) {
                listener.commitLatency(now - p.receivedNanos());
            }
            for (int i = 0; i < accepted.size(); i++) {
                accepted.get(i).promise().complete(new Accepted(acceptedChanges.get(i), false));
            }
            replies.forEach(Runnable::run);
        }

        void fail() {
            for (Pending p : accepted) {
                p.promise().complete(new Rejected("storage_unavailable", "not saved; resend after reconnecting"));
            }
            replies.forEach(Runnable::run);
        }
    }
}
