package cn.tongbei.lessons.coedit;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The single writer of one document. Submissions are queued and handled strictly one batch at a time: each
 * is transformed over the changes committed since its base revision, validated against the document,
 * given the next revision, and the whole batch is written to PostgreSQL in one transaction (group commit).
 * Only after that commit are submitters acknowledged and other editors notified. A (client id, seq) seen
 * before is acknowledged again with its original revision and never applied twice.
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

    private record Pending(Submission submission, Promise<Outcome> promise) {}

    private final long docId;
    private final DocStore store;
    private final CoeditSettings settings;
    private final Consumer<List<Change>> onCommit;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final ArrayDeque<Change> tail = new ArrayDeque<>();
    private final Map<String, DocStore.LastSeq> seen;
    private Delta content;
    private int revision;
    private boolean writing;
    private boolean broken;

    Sequencer(long docId, DocStore.Loaded loaded, Map<String, DocStore.LastSeq> seen, List<Change> recent,
            DocStore store, CoeditSettings settings, Consumer<List<Change>> onCommit) {
        this.docId = docId;
        this.content = loaded.content();
        this.revision = loaded.revision();
        this.seen = new HashMap<>(seen);
        this.tail.addAll(recent);
        this.store = store;
        this.settings = settings;
        this.onCommit = onCommit;
    }

    /** Loads a document's head, recent tail and client sequence numbers, ready to sequence. */
    public static Future<Sequencer> open(long docId, DocStore store, CoeditSettings settings,
            Consumer<List<Change>> onCommit) {
        return store.load(docId, null).compose(loaded -> store.lastSeqs(docId).compose(seen -> store
                .changes(docId, Math.max(0, loaded.revision() - settings.tailKeep()), loaded.revision())
                .map(recent -> new Sequencer(docId, loaded, seen, recent, store, settings, onCommit))));
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
        queue.add(new Pending(s, p));
        drain();
        return p.future();
    }

    private void drain() {
        if (writing || queue.isEmpty()) {
            return;
        }
        if (broken) {
            queue.forEach(p -> p.promise().complete(new Rejected("storage_conflict", "document reloading")));
            queue.clear();
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
        store.append(batch.changes, batch.snapshots).onComplete(ar -> {
            try {
                if (ar.succeeded()) {
                    commit(batch);
                    batch.resolve();
                    onCommit.accept(batch.changes);
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
        final List<Pending> accepted = new ArrayList<>();
        final List<Change> acceptedChanges = new ArrayList<>();
        final Map<String, DocStore.LastSeq> batchSeen = new HashMap<>();
        Delta content = Sequencer.this.content;
        int revision = Sequencer.this.revision;

        void take(Pending p) {
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

        void resolve() {
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
