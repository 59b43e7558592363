package cn.tongbei.library.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SearchThreadsTest {

    @Test
    @DisplayName("every task runs exactly once, on the search threads, also when submitted from many threads")
    void runs_each_task_once() throws Exception {
        try (SearchThreads threads = new SearchThreads(3, 500)) {
            int n = 2000;
            AtomicInteger[] runs = new AtomicInteger[n];
            Set<String> names = ConcurrentHashMap.newKeySet();
            CountDownLatch done = new CountDownLatch(n);
            Thread[] submitters = new Thread[4];
            for (int s = 0; s < submitters.length; s++) {
                int first = s;
                submitters[s] = Thread.ofPlatform().start(() -> {
                    for (int i = first; i < n; i += submitters.length) {
                        runs[i] = new AtomicInteger();
                        AtomicInteger counter = runs[i];
                        threads.execute(() -> {
                            counter.incrementAndGet();
                            names.add(Thread.currentThread().getName());
                            done.countDown();
                        });
                    }
                });
            }
            for (Thread t : submitters) {
                t.join();
            }
            assertTrue(done.await(30, TimeUnit.SECONDS));
            for (AtomicInteger r : runs) {
                assertEquals(1, r.get());
            }
            assertTrue(names.stream().allMatch(name -> name.startsWith("library-search-")), names.toString());
            assertEquals(n, threads.counts()[0]);
        }
    }

    @Test
    @DisplayName("a search arriving soon after the last one is caught by a thread still awake; with 0 µs none is")
    void a_thread_stays_awake_for_the_next_search() throws Exception {
        // one thread each: with more, a parked thread woken by the new task may take it before the awake one
        try (SearchThreads spinning = new SearchThreads(1, 2_000_000);
                SearchThreads parking = new SearchThreads(1, 0)) {
            for (SearchThreads threads : new SearchThreads[]{spinning, parking}) {
                for (int i = 0; i < 5; i++) {
                    CountDownLatch done = new CountDownLatch(1);
                    threads.execute(done::countDown);
                    assertTrue(done.await(10, TimeUnit.SECONDS));
                    Thread.sleep(20); // the client's round trip: well inside the 2 s the spinning thread waits
                }
            }
            assertTrue(spinning.counts()[1] >= 4, "caught while awake: " + spinning.counts()[1]);
            assertEquals(0, parking.counts()[1]);
        }
    }

    @Test
    @DisplayName("a failing task leaves its thread working; closed threads refuse new tasks")
    void failures_and_close() throws Exception {
        SearchThreads threads = new SearchThreads(1, 100);
        threads.execute(() -> {
            throw new IllegalStateException("a search failed");
        });
        CountDownLatch after = new CountDownLatch(1);
        threads.execute(after::countDown);
        assertTrue(after.await(10, TimeUnit.SECONDS));
        threads.close();
        assertThrows(RejectedExecutionException.class, () -> threads.execute(() -> {
        }));
        assertThrows(IllegalArgumentException.class, () -> new SearchThreads(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new SearchThreads(1, -1));
    }
}
