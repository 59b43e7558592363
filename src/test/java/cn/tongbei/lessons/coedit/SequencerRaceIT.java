package cn.tongbei.lessons.coedit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.lessons.PrepFixture;
import cn.tongbei.testing.TestServer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two sequencers of one document, as two nodes would run them, against the test's PostgreSQL: the change log's
 * primary key decides the races, the loser catches up from the log and retries, a resend on the "other node"
 * is recognized as a duplicate, and a gap in the changes learned from the event bus is filled from the log.
 */
@DisplayName("Two writers of one document: the change log is the arbiter")
class SequencerRaceIT {

    private record Counting(AtomicInteger conflicts, List<Change> learned) implements Sequencer.Listener {
        Counting() {
            this(new AtomicInteger(), new ArrayList<>());
        }

        @Override
        public void committed(List<Change> changes) {}

        @Override
        public void learned(List<Change> changes) {
            learned.addAll(changes);
        }

        @Override
        public void conflict() {
            conflicts.incrementAndGet();
        }
    }

    @Test
    @DisplayName("a lost insert race is caught up and retried; a resend elsewhere is a duplicate; a gap is filled")
    void racesDuplicatesAndGaps() {
        Vertx vertx = TestServer.get().vertx();
        Context ctx = vertx.getOrCreateContext();
        DocStore store = new DocStore(TestServer.get().pool());
        Delta initial = new Delta().insert("同备\n");
        long docId = PrepFixture.await(TestServer.get().pool().withConnection(c -> store.create(c, initial)));
        CoeditSettings settings = CoeditSettings.defaults();
        Counting la = new Counting();
        Counting lb = new Counting();
        Sequencer a = on(ctx, () -> Sequencer.open(docId, store, settings, la, true));
        Sequencer b = on(ctx, () -> Sequencer.open(docId, store, settings, lb, true));

        // both write revision 1 at the same time: one wins, the other catches up and gets revision 2
        List<Sequencer.Outcome> both = on(ctx, () -> Future.all(
                a.submit(new Sequencer.Submission("client-x-0001", 1, 0, new Delta().insert("甲"), 0)),
                b.submit(new Sequencer.Submission("client-y-0001", 1, 0, new Delta().insert("乙"), 0)))
                .map(cf -> List.of(cf.<Sequencer.Outcome>resultAt(0), cf.<Sequencer.Outcome>resultAt(1))));
        int revX = assertInstanceOf(Sequencer.Accepted.class, both.get(0)).change().revision();
        int revY = assertInstanceOf(Sequencer.Accepted.class, both.get(1)).change().revision();
        assertEquals(Set.of(1, 2), Set.of(revX, revY), "one gap-free sequence");
        assertEquals(1, la.conflicts().get() + lb.conflicts().get(), "exactly one race lost");

        // client x, acknowledged by a, resends the same change to b: acknowledged again, not applied twice
        Sequencer.Outcome again = on(ctx, () -> b.submit(
                new Sequencer.Submission("client-x-0001", 1, 0, new Delta().insert("甲"), 0)));
        Sequencer.Accepted dup = assertInstanceOf(Sequencer.Accepted.class, again);
        assertTrue(dup.duplicate(), "recognized as a duplicate");
        assertEquals(revX, dup.change().revision(), "with its original revision");

        // b commits two more; a hears only of the last one (the event bus lost one): it fills the gap
        Sequencer.Outcome third = on(ctx, () -> b.submit(
                new Sequencer.Submission("client-y-0001", 2, b.revision(), new Delta().insert("丙"), 0)));
        Sequencer.Accepted fourth = assertInstanceOf(Sequencer.Accepted.class, on(ctx, () -> b.submit(
                new Sequencer.Submission("client-y-0001", 3, b.revision(), new Delta().insert("丁"), 0))));
        assertInstanceOf(Sequencer.Accepted.class, third);
        on(ctx, () -> {
            a.learn(List.of(fourth.change()));
            return Future.succeededFuture();
        });
        long deadline = System.currentTimeMillis() + 10_000;
        while (on(ctx, () -> Future.succeededFuture(a.revision())) < 4 && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(4, a.revision(), "a caught up through the gap");
        assertEquals(b.content(), a.content(), "both writers hold the same document");
        DocStore.Loaded head = PrepFixture.await(store.load(docId, null));
        assertEquals(4, head.revision());
        assertEquals(head.content(), a.content(), "= the log");
        assertTrue(la.learned().stream().map(Change::revision).toList().containsAll(List.of(3, 4)),
                "the changes a learned were handed to its editors: " + la.learned());
    }

    @Test
    @DisplayName("two busy writers of one document: every submission is committed, nobody is starved, one log")
    void sustainedContention() {
        Vertx vertx = TestServer.get().vertx();
        Context ctx = vertx.getOrCreateContext();
        DocStore store = new DocStore(TestServer.get().pool());
        long docId = PrepFixture.await(TestServer.get().pool().withConnection(c -> store.create(c,
                new Delta().insert("\n"))));
        CoeditSettings settings = CoeditSettings.defaults();
        Sequencer[] pair = new Sequencer[2];
        AtomicInteger conflicts = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            int other = 1 - i;
            pair[i] = on(ctx, () -> Sequencer.open(docId, store, settings, new Sequencer.Listener() {
                @Override
                public void committed(List<Change> changes) {
                    pair[other].learn(changes); // what the event bus does between nodes
                }

                @Override
                public void conflict() {
                    conflicts.incrementAndGet();
                }
            }, true));
        }
        int perClient = 40;
        long t0 = System.nanoTime();
        List<Future<Integer>> chains = new ArrayList<>();
        on(ctx, () -> {
            for (int c = 0; c < 4; c++) {
                Sequencer seq = pair[c % 2];
                chains.add(chain(seq, "contender-" + c, 1, perClient));
            }
            return Future.succeededFuture();
        });
        List<Integer> done = on(ctx, () -> Future.all(chains).map(cf -> cf.<Integer>list()));
        assertEquals(List.of(perClient, perClient, perClient, perClient), done, "every submission committed");
        System.out.println("contention: " + 4 * perClient + " commits in " + (System.nanoTime() - t0) / 1_000_000
                + " ms");
        DocStore.Loaded head = PrepFixture.await(store.load(docId, null));
        assertEquals(4 * perClient, head.revision(), "one revision per submission, no gap");
        long deadline = System.currentTimeMillis() + 10_000;
        while (on(ctx, () -> Future.succeededFuture(pair[0].revision() + pair[1].revision())) < 2 * head.revision()
                && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(head.content(), on(ctx, () -> Future.succeededFuture(pair[0].content())), "writer 1 = log");
        assertEquals(head.content(), on(ctx, () -> Future.succeededFuture(pair[1].content())), "writer 2 = log");
        System.out.println("insert races lost under contention: " + conflicts.get());
    }

    /** Submits {@code seq..last} one after the other (like an editor: one in flight); counts the accepted. */
    private static Future<Integer> chain(Sequencer s, String client, long seq, long last) {
        return s.submit(new Sequencer.Submission(client, seq, s.revision(), new Delta().insert("字"), 0))
                .compose(o -> {
                    int ok = o instanceof Sequencer.Accepted a && !a.duplicate() ? 1 : 0;
                    return seq == last
                            ? Future.succeededFuture(ok)
                            : chain(s, client, seq + 1, last).map(n -> n + ok);
                });
    }

    private static <T> T on(Context ctx, Supplier<Future<T>> task) {
        Promise<T> p = Promise.promise();
        ctx.runOnContext(v -> task.get().onComplete(p));
        return PrepFixture.await(p.future());
    }
}
