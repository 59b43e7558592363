package cn.tongbei.library.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relevance set: at least 40 graded queries of each kind teachers type, run against the corpus with
 * keyword ranking alone and with the hybrid (keyword + embedding) ranking; nDCG@10 per kind is written to
 * docs/search-quality.md.
 */
class SearchQualityTest {
    @TempDir
    static Path dir;
    static LibraryIndex index;
    static Embedder embedder;
    static Map<Long, Corpus.Doc> docs = new LinkedHashMap<>();

    @BeforeAll
    static void build() throws Exception {
        index = new LibraryIndex(dir, new Synonyms(List.of()));
        embedder = Embedder.loadInBackground();
        for (Corpus.Doc d : Corpus.docs()) {
            var r = d.resource();
            float[] v = embedder.passage(r.meta().title() + "\n" + IndexSchema.metaText(r) + "\n" + d.text());
            index.put(new IndexSchema.Source(r, d.text(), v));
            docs.put(r.id(), d);
        }
        index.refresh();
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    static List<Long> ids(String q, boolean semantic) throws Exception {
        SearchRequest req = new SearchRequest(q, Map.of(), "relevance", 1, 10);
        return index.search(Corpus.reader(), req, semantic ? embedder.query(q) : null).hits().stream()
                .map(SearchResult.Hit::id).toList();
    }

    @Test
    @DisplayName("nDCG@10 per query kind is written to docs/search-quality.md and the hybrid ranking is no worse")
    void relevance() throws Exception {
        List<Corpus.Judged> queries = Corpus.queries();
        assertTrue(queries.size() >= 40, "at least 40 judged queries");
        Map<String, List<double[]>> byKind = new TreeMap<>();
        List<String> rows = new ArrayList<>();
        for (Corpus.Judged j : queries) {
            List<Long> keyword = ids(j.query(), false);
            List<Long> hybrid = ids(j.query(), true);
            double k = Corpus.ndcg(keyword, j.grades());
            double h = Corpus.ndcg(hybrid, j.grades());
            byKind.computeIfAbsent(j.kind(), x -> new ArrayList<>()).add(new double[]{k, h});
            rows.add(String.format("| %s | %s | %.3f | %.3f | %s |", j.kind(), j.query(), k, h,
                    hybrid.stream().limit(3).map(String::valueOf).reduce((a, b) -> a + " " + b).orElse("—")));
        }
        StringBuilder md = new StringBuilder("""
                # Search quality (library)

                Written by `SearchQualityTest` (`mvn -B test -Dtest=SearchQualityTest`) from the relevance set in
                `src/test/resources/library/`: %d documents of K-12 courseware (titles, metadata, text) and %d
                queries with graded judgments (3 = the answer, 2 = very relevant, 1 = related). nDCG@10, keyword
                ranking alone vs the hybrid ranking (keyword + bge-small-zh embedding similarity, cosine ≥ 0.6,
                weight 4).

                ## Per kind

                | kind | queries | nDCG@10 keyword | nDCG@10 hybrid |
                |---|---|---|---|
                """.formatted(docs.size(), queries.size()));
        double[] all = new double[2];
        for (var e : byKind.entrySet()) {
            double k = e.getValue().stream().mapToDouble(x -> x[0]).average().orElse(0);
            double h = e.getValue().stream().mapToDouble(x -> x[1]).average().orElse(0);
            all[0] += e.getValue().stream().mapToDouble(x -> x[0]).sum();
            all[1] += e.getValue().stream().mapToDouble(x -> x[1]).sum();
            md.append(String.format("| %s | %d | %.3f | %.3f |%n", e.getKey(), e.getValue().size(), k, h));
        }
        md.append(String.format("| **all** | %d | %.3f | %.3f |%n%n", queries.size(), all[0] / queries.size(),
                all[1] / queries.size()));
        md.append("## Per query\n\n| kind | query | keyword | hybrid | hybrid top 3 ids |\n|---|---|---|---|---|\n");
        rows.forEach(r -> md.append(r).append('\n'));
        Path out = Path.of("docs", "search-quality.md");
        if (Files.isDirectory(out.getParent())) {
            Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
        }
        double keywordMean = all[0] / queries.size();
        double hybridMean = all[1] / queries.size();
        assertTrue(hybridMean >= keywordMean - 0.01, "hybrid " + hybridMean + " vs keyword " + keywordMean);
        for (var e : byKind.entrySet()) {
            double h = e.getValue().stream().mapToDouble(x -> x[1]).average().orElse(0);
            assertTrue(h >= 0.6, e.getKey() + " nDCG@10 " + h);
        }
    }

    @Test
    @DisplayName("facet filters narrow results and facet counts add up to the total")
    void facets() throws Exception {
        SearchResult all = index.search(Corpus.reader(), new SearchRequest("浮力", Map.of(), "relevance", 1, 10), null);
        SearchResult lessons = index.search(Corpus.reader(), new SearchRequest("浮力", Map.of("type", "教案", "grade",
                "八年级"), "relevance", 1, 10), null);
        assertTrue(lessons.total() > 0 && lessons.total() < all.total(), lessons.total() + " of " + all.total());
        assertEquals(all.total(), all.facets().get("type").stream().mapToInt(SearchResult.FacetCount::count).sum());
    }

    @Test
    @DisplayName("a one-character title in 《》 finds that text first")
    void book_title_first() throws Exception {
        assertEquals(19L, ids("《雪》", false).get(0));
        assertEquals(22L, ids("《春》", true).get(0));
    }

    @Test
    @DisplayName("partial words, pinyin, initials and homophone typos find 二次函数")
    void quadratic_every_way() throws Exception {
        for (String q : List.of("二次函", "ercihanshu", "echs", "二次涵数", "二次函数")) {
            assertTrue(List.of(1L, 2L, 3L).contains(ids(q, false).get(0)), q + " → " + ids(q, false));
        }
    }

    @Test
    @DisplayName("describing a concept in other words finds the lesson about it only with semantic matching")
    void semantic() throws Exception {
        List<Long> hybrid = ids("物体 浸在 水里 受到 向上的力", true);
        assertTrue(List.of(10L, 11L, 12L).contains(hybrid.get(0)), hybrid.toString());
    }

    @Test
    @DisplayName("Lucene syntax characters and a 10,000-character query never fail")
    void hostile_queries() throws Exception {
        for (String q : List.of("二次函数 AND (图象", "\"*?~^[]{}:\\/!+-&&||", "title:雪", "*", "《", "》》《《", "\u0000",
                "二".repeat(10_000), "a ".repeat(5_000))) {
            ids(q, false);
            ids(q, true);
        }
        assertTrue(ids("二次函数 AND (图象", false).contains(1L));
    }
}
