package cn.tongbei.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.library.search.IndexSchema;
import cn.tongbei.testing.Api;
import cn.tongbei.testing.NodeProcess;
import cn.tongbei.testing.TwoNodes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Search on two clustered nodes, each with its own index fed from the change log in PostgreSQL: an upload on one
 * node is searchable on the other within two seconds of its extraction, edits and deletes travel both ways,
 * visibility holds on both, and a node whose index is wiped rebuilds it by itself and tails on.
 */
class SearchClusterIT {
    private static final String MARKER = "簇" + UUID.randomUUID().toString().substring(0, 8).replace("-", "");

    private static Set<Long> ids(LibraryClient c, String q) {
        Api.Reply r = c.api.get("/api/v1/search?size=50&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        assertEquals(200, r.status(), r.toString());
        JsonArray hits = r.json().getJsonArray("hits");
        return hits.stream().map(h -> ((JsonObject) h).getLong("id")).collect(Collectors.toSet());
    }

    private static boolean within(Duration d, BooleanSupplier ok) {
        long end = System.nanoTime() + d.toNanos();
        do {
            if (ok.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        } while (System.nanoTime() < end);
        return false;
    }

    /** Milliseconds until {@code ok} holds, failing after {@code limit}. */
    private static long millisUntil(Duration limit, BooleanSupplier ok, String what) {
        long t0 = System.nanoTime();
        assertTrue(within(limit, ok), what + " not within " + limit);
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Test
    @DisplayName("upload on A is searchable on B within 2 s of extraction; edits and deletes on B reach A; "
            + "visibility holds on both; a wiped node rebuilds by itself and tails on")
    void search_across_nodes() throws Exception {
        TwoNodes nodes = TwoNodes.get();
        try {
            LibraryClient ownerA = LibraryClient.login("teacher1", nodes.a().port());
            LibraryClient ownerB = LibraryClient.login("teacher1", nodes.b().port());
            LibraryClient colleagueB = LibraryClient.login("teacher10", nodes.b().port()); // same school
            LibraryClient outsiderA = LibraryClient.login("teacher9", nodes.a().port()); // another school
            LibraryClient outsiderB = LibraryClient.login("teacher9", nodes.b().port());

            // both nodes have answered a search before (a node's very first query warms its code paths up)
            ids(colleagueB, MARKER);
            ids(ownerA, MARKER);

            // upload on A, shared with the school: searchable on B within 2 s of extraction
            String word = MARKER + "浮力";
            long id = ownerA.create("f.docx", Samples.docx(List.of("物体浸在水里受到向上的力 " + word)), Map.of(
                    "title", "浮力 " + MARKER, "type", "教案", "subject", "物理", "visibility", "school"));
            assertEquals("ready", ownerA.awaitProcessed(id).getString("status"));
            long onB = millisUntil(Duration.ofSeconds(2), () -> ids(colleagueB, word).contains(id),
                    "upload on A searchable on B");
            System.out.println("[SearchClusterIT] extraction ready on A -> searchable on B: " + onB + " ms");
            assertTrue(ids(ownerA, word).contains(id), "and on A");
            assertFalse(ids(outsiderA, word).contains(id), "not for another school on A");
            assertFalse(ids(outsiderB, word).contains(id), "not for another school on B");
            assertEquals(0, outsiderB.api.get("/api/v1/search?q=" + URLEncoder.encode(word, StandardCharsets.UTF_8))
                    .json().getLong("total"), "not even in the total");

            // a metadata edit on B reaches A: new title found, visibility change enforced on A
            String renamed = MARKER + "阿基米德";
            assertEquals(200, ownerB.api.patch("/api/v1/resources/" + id, new JsonObject().put("title", renamed)
                    .put("visibility", "private")).status());
            long edit = millisUntil(Duration.ofSeconds(2), () -> ids(ownerA, renamed).contains(id),
                    "edit on B visible on A");
            System.out.println("[SearchClusterIT] edit on B -> searchable on A: " + edit + " ms");
            assertTrue(within(Duration.ofSeconds(2), () -> !ids(LibraryClient.login("teacher10", nodes.a().port()),
                    word).contains(id)), "now private: a colleague no longer finds it on A");

            // a delete on B leaves A's index
            long second = ownerA.create("g.docx", Samples.docx(List.of("第二份 " + word)), Map.of("title",
                    "第二份 " + MARKER, "type", "学案", "visibility", "group"));
            ownerA.awaitProcessed(second);
            assertTrue(within(Duration.ofSeconds(2), () -> ids(ownerB, word).contains(second)));
            assertEquals(204, ownerB.api.delete("/api/v1/resources/" + second).status());
            long deleted = millisUntil(Duration.ofSeconds(2), () -> !ids(ownerA, word).contains(second),
                    "delete on B gone from A");
            System.out.println("[SearchClusterIT] delete on B -> gone on A: " + deleted + " ms");

            // B is killed; changes go on on A meanwhile; B's index is wiped; B rebuilds by itself and tails on
            nodes.b().kill();
            long whileDown = ownerA.create("h.docx", Samples.docx(List.of("停机期间 " + word)), Map.of("title",
                    "停机期间 " + MARKER, "type", "试题", "visibility", "private"));
            ownerA.awaitProcessed(whileDown);
            Path library = nodes.b().dataDir().resolve("library");
            Path indexDir = library.resolve("index-v" + IndexSchema.VERSION);
            assertTrue(Files.isDirectory(indexDir), "B had an index at " + indexDir);
            try (var walk = Files.walk(indexDir)) {
                for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
            nodes.ensureRunning();
            LibraryClient ownerB2 = LibraryClient.login("teacher1", nodes.b().port());
            long rebuilt = millisUntil(Duration.ofSeconds(30), () -> ids(ownerB2, word).equals(Set.of(id, whileDown)),
                    "wiped B finds everything again");
            System.out.println("[SearchClusterIT] B ready -> rebuilt index answers: " + rebuilt + " ms");
            assertTrue(ids(ownerB2, renamed).contains(id), "with the edit made on B before it was wiped");
            assertTrue(within(Duration.ofSeconds(10), () -> "tailing".equals(status(nodes.b()).getString("state"))),
                    status(nodes.b()).encode());
            assertFalse(ids(LibraryClient.login("teacher9", nodes.b().port()), word).contains(id),
                    "visibility inside the rebuilt index too");

            // and tails on from where it rebuilt
            long after = ownerA.create("k.docx", Samples.docx(List.of("重建之后 " + word)), Map.of("title",
                    "重建之后 " + MARKER, "type", "素材", "visibility", "private"));
            ownerA.awaitProcessed(after);
            millisUntil(Duration.ofSeconds(2), () -> ids(ownerB2, word).contains(after), "upload after rebuild on B");

            String metrics = new Api(nodes.b().port()).get("/metrics").body();
            metrics.lines().filter(l -> l.startsWith("tongbei_library_index")).forEach(l -> System.out.println(
                    "[SearchClusterIT] B " + l));
            new Api(nodes.a().port()).get("/metrics").body().lines().filter(l -> l.startsWith(
                    "tongbei_library_index_freshness")).forEach(l -> System.out.println("[SearchClusterIT] A " + l));
            assertTrue(metrics.contains("tongbei_library_index_lag_seconds"), "lag metric exported");
        } finally {
            nodes.ensureRunning();
        }
    }

    private static JsonObject status(NodeProcess node) {
        Api admin = new Api(node.port()).login("admin", NodeProcess.ADMIN_PASSWORD);
        return admin.get("/api/v1/library/index/status").json();
    }
}
