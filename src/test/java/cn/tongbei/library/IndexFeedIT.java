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
        long worst = 0;
        for (int i = 0; i < 3; i++) {
            long id = c.create("n" + i + ".docx", Samples.docx(List.of("新鲜度 " + word + " 第" + i + "份")), Map.of(
                    "title", "新鲜度 " + i, "type", "素材", "visibility", "private"));
            assertEquals("ready", c.awaitProcessed(id).getString("status"));
            long t0 = System.nanoTime();
            assertTrue(SearchIT.within(java.time.Duration.ofSeconds(1), () -> c.api.get(q).json().getJsonArray("hits")
                    .stream().anyMatch(h -> ((JsonObject) h).getLong("id") == id)), "searchable within 1 s");
            worst = Math.max(worst, (System.nanoTime() - t0) / 1_000_000);
        }
        Timer freshness = module.services().meters().find("tongbei.library.index.freshness").timer();
        assertNotNull(freshness);
        System.out.printf("[IndexFeedIT] status ready -> found by search, worst of 3: %d ms; change committed -> "
                + "searchable: n=%d mean %.1f ms max %.1f ms%n", worst, freshness.count(),
                freshness.mean(TimeUnit.MILLISECONDS), freshness.max(TimeUnit.MILLISECONDS));
        search.commitIfDirty();
        search.flush(); // runs after the commit on the writer thread
        ChangeLog.Position stored = ChangeLog.Position.decode(search.index().commitData().get(
                "library.changelog.position"));
        assertNotNull(stored, "position in the commit user data: " + search.index().commitData());
        assertTrue(stored.pos() > 0);
    }
}
