package cn.tongbei.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.library.search.ChangeLog;
import cn.tongbei.library.search.SearchService;
import cn.tongbei.testing.TestServer;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One node uses the same change-log path as a cluster: still searchable within a second of extraction. */
class IndexFeedIT {

    @Test
    @DisplayName("on one node an upload is searchable within a second of its extraction, through the change log, "
            + "and the applied log position is stored in the index commit")
    void single_node_freshness_and_position() throws Exception {
        LibraryModule module = TestServer.get().module(LibraryModule.class);
        SearchService search = module.search();
        LibraryClient c = LibraryClient.login("teacher2");
        String word = "鲜" + UUID.randomUUID().toString().substring(0, 8);
        String q = "/api/v1/search?q=" + URLEncoder.encode(word, StandardCharsets.UTF_8);
        c.api.get(q); // warm
        List<Long> millis = new java.util.ArrayList<>();
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long id = c.create("n" + i + ".docx", Samples.docx(List.of("新鲜度 " + word + " 第" + i + "份")), Map.of(
                    "title", "新鲜度 " + i, "type", "素材", "visibility", "private"));
            ids.add(id);
            assertEquals("ready", c.awaitProcessed(id).getString("status"));
            long t0 = System.nanoTime();
            // searchable = in this node's index and visible to searches (the HTTP search below adds query time)
            assertTrue(SearchIT.within(java.time.Duration.ofSeconds(1), () -> inIndex(search, id)),
                    "searchable within 1 s of extraction");
            millis.add((System.nanoTime() - t0) / 1_000_000);
        }
        assertTrue(SearchIT.within(java.time.Duration.ofSeconds(10), () -> c.api.get(q).json().getJsonArray("hits")
                .stream().map(h -> ((JsonObject) h).getLong("id")).toList().containsAll(ids)), "and found over HTTP");
        java.util.Collections.sort(millis);
        long worst = millis.get(millis.size() - 1);
        Timer freshness = module.services().meters().find("tongbei.library.index.freshness").timer();
        assertNotNull(freshness);
        System.out.printf("[IndexFeedIT] status ready seen -> in the index, 5 uploads: %s ms (worst %d); change "
                + "committed -> searchable: n=%d mean %.1f ms max %.1f ms%n", millis, worst, freshness.count(),
                freshness.mean(TimeUnit.MILLISECONDS), freshness.max(TimeUnit.MILLISECONDS));
        search.commitIfDirty();
        search.flush(); // runs after the commit on the writer thread
        ChangeLog.Position stored = ChangeLog.Position.decode(search.index().commitData().get(
                "library.changelog.position"));
        assertNotNull(stored, "position in the commit user data: " + search.index().commitData());
        assertTrue(stored.pos() > 0);
    }

    private static boolean inIndex(SearchService search, long id) {
        try {
            var searcher = search.index().acquire();
            try {
                return searcher.count(new org.apache.lucene.search.TermQuery(new org.apache.lucene.index.Term("id",
                        String.valueOf(id)))) == 1;
            } finally {
                search.index().release(searcher);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
