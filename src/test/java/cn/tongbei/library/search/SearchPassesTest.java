package cn.tongbei.library.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.access.Principal;
import cn.tongbei.access.Role;
import cn.tongbei.library.Resource;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A search runs two passes (a ranked page that may skip documents, and an exact count with facet counts by bit
 * set intersection) over a flattened query. Checked here against an exhaustive search of the same index, on
 * several segments with deleted and replaced documents: the page is exactly the exhaustive top 20 (same
 * documents, same order, same scores), every score is the sum of the scoring clauses that match, the total is the
 * number of exhaustive matches and every facet count is what the matching documents' metadata says.
 */
class SearchPassesTest {
    @TempDir
    static Path root;
    static LibraryIndex index;
    static final Map<Long, BenchCorpus.Doc> DOCS = new HashMap<>();
    static final Map<Long, Long> SCHOOL = new HashMap<>();
    static final Principal TEACHER = new Principal(4, "teacher1", "刘芳", 1L, 1L, List.of(new Principal.Grant(
            Role.TEACHER, 1L, 1L)), List.of());
    static final String[] EXTRA = {"练习", "实验 探究", "学生 课堂 反思", "九年级 化学", "教学目标 教学重点", "浮沉条件", "gougu",
            "zzq", "光合 作用", "电路 串联 并联"};

    @BeforeAll
    static void build() throws Exception {
        index = new LibraryIndex(root, new Synonyms(List.of()));
        BenchCorpus corpus = new BenchCorpus("topical", 7);
        Random random = new Random(7);
        OffsetDateTime t0 = OffsetDateTime.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 1500; i++) {
            long id = i + 1;
            BenchCorpus.Doc d = corpus.next(i, 300);
            long school = 1 + random.nextInt(3);
            put(id, d, school, t0.plusSeconds(i));
            if (i % 250 == 249) {
                index.refresh(); // several segments
            }
        }
        for (long id = 5; id <= 1500; id += 37) {
            index.remove(id);
            DOCS.remove(id);
        }
        BenchCorpus again = new BenchCorpus("topical", 99);
        for (long id = 11; id <= 1500; id += 53) {
            if (DOCS.containsKey(id)) {
                put(id, again.next((int) id, 300), SCHOOL.get(id), t0); // replaced: new text and metadata
            }
        }
        index.commit();
        index.refresh();
    }

    private static void put(long id, BenchCorpus.Doc d, long school, OffsetDateTime at) throws Exception {
        var meta = new Resource.Metadata(d.title(), "", "初中", d.grade(), d.subject(), d.edition(), null, null, null,
                null, d.type(), List.of(d.tag()), "CC BY", d.visibility());
        long owner = id % 5 == 0 ? 4 : 9;
        index.put(new IndexSchema.Source(new Resource(id, id, "k" + id, 1, "application/pdf", "h" + id, owner, "教师",
                1, school, "学校" + school, "f.pdf", meta, "ready", null, "approved", null, (int) (id % 11), 0, 0, 0, at,
                at), d.text(), null));
        DOCS.put(id, d);
        SCHOOL.put(id, school);
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    static List<String> queries() {
        List<String> out = new ArrayList<>(List.of(BenchCorpus.QUERIES));
        out.addAll(List.of(EXTRA));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    @DisplayName("page, scores, total and facet counts equal an exhaustive search")
    void same_as_exhaustive(String q) throws Exception {
        SearchResult result = index.search(TEACHER, new SearchRequest(q, Map.of(), "relevance", 1, 20), null);
        index.withSearcher(searcher -> {
            check(q, result, searcher);
            return null;
        });
    }

    private static void check(String q, SearchResult result, IndexSearcher searcher) throws java.io.IOException {
        var reader = searcher.getIndexReader();
        Query visibility = Visibility.filter(TEACHER);
        LibraryQueries queries = new LibraryQueries(IndexSchema.analyzer(), new Synonyms(List.of()));
        LibraryQueries.Finds finds = exact -> count(searcher, exact, visibility) > 0;
        LibraryQueries.Keywords keywords = queries.keywords(q, true, finds);
        if (count(searcher, keywords.match(), visibility) == 0 && LibraryQueries.parts(q).size() > 1) {
            keywords = queries.keywords(q, false, finds); // relaxed to any part, as the search does
        }
        Query ranked = keywords.ranked(visibility);
        TopDocs all = searcher.search(ranked, new TopScoreDocCollectorManager(Math.max(1, reader.maxDoc()),
                Integer.MAX_VALUE));
        assertEquals(all.scoreDocs.length, result.total(), "total");
        assertEquals(count(searcher, keywords.match(), visibility), all.scoreDocs.length,
                "the ranked form matches what the match form matches");
        List<Long> expectedIds = new ArrayList<>();
        for (int i = 0; i < Math.min(20, all.scoreDocs.length); i++) {
            ScoreDoc sd = all.scoreDocs[i];
            expectedIds.add(IndexSchema.id(reader, sd.doc));
            assertEquals(sd.score, result.hits().get(i).score(), 1e-4f * Math.max(1, sd.score), "score " + i);
            if (i < 5) {
                double sum = 0;
                for (Query clause : keywords.scoring()) {
                    var e = searcher.explain(clause, sd.doc);
                    sum += e.isMatch() ? e.getValue().doubleValue() : 0;
                }
                assertEquals(sum, sd.score, 1e-3 * Math.max(1, sd.score), "sum of the matching clauses");
            }
        }
        assertEquals(expectedIds, result.hits().stream().map(SearchResult.Hit::id).toList(), "page");
        Map<String, Map<String, Integer>> facets = new TreeMap<>();
        for (ScoreDoc sd : all.scoreDocs) {
            long id = IndexSchema.id(reader, sd.doc);
            BenchCorpus.Doc d = DOCS.get(id);
            Map<String, String> values = Map.of("stage", "初中", "grade", d.grade(), "subject", d.subject(),
                    "edition", d.edition(), "type", d.type(), "school", "学校" + SCHOOL.get(id));
            values.forEach((dim, v) -> facets.computeIfAbsent(dim, k -> new TreeMap<>()).merge(v, 1,
                    Integer::sum));
        }
        for (String dim : IndexSchema.FACETS) {
            Map<String, Integer> got = new TreeMap<>();
            result.facets().get(dim).forEach(c -> got.put(c.value(), c.count()));
            assertEquals(facets.getOrDefault(dim, Map.of()), got, "facet " + dim);
        }
    }

    @Test
    @DisplayName("each hit carries its resource's summary as last indexed (replacements included)")
    void hits_carry_summaries() throws Exception {
        for (String q : queries()) {
            SearchResult r = index.search(TEACHER, new SearchRequest(q, Map.of(), "relevance", 1, 20), null);
            for (SearchResult.Hit h : r.hits()) {
                io.vertx.core.json.JsonObject summary = new io.vertx.core.json.JsonObject(h.summary());
                BenchCorpus.Doc d = DOCS.get(h.id());
                assertEquals(h.id(), summary.getLong("id"), q);
                assertEquals(d.title(), summary.getString("title"), q);
                assertEquals(d.subject(), summary.getString("subject"), q);
                assertEquals(List.of(d.tag()), summary.getJsonArray("tags").getList(), q);
                assertEquals("学校" + SCHOOL.get(h.id()), summary.getJsonObject("school").getString("name"), q);
                assertEquals(h.id() % 11, summary.getLong("downloads"), q);
            }
        }
    }

    @Test
    @DisplayName("facet value bit sets are kept per live segment only: merged-away segments are forgotten")
    void bit_sets_follow_segments() throws Exception {
        index.search(TEACHER, new SearchRequest("练习", Map.of(), "relevance", 1, 20), null);
        assertTrue(index.facetSegmentsCached() > 1, "one entry per segment searched");
        index.forceMerge();
        index.refresh();
        index.search(TEACHER, new SearchRequest("练习", Map.of(), "relevance", 1, 20), null);
        assertEquals(1, index.facetSegmentsCached());
    }

    private static int count(IndexSearcher searcher, Query q, Query visibility) {
        try {
            return searcher.count(new BooleanQuery.Builder().add(q, Occur.MUST).add(visibility, Occur.FILTER)
                    .build());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
