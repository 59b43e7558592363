package cn.tongbei.library.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Facet counts combine the way users expect (drill-sideways): the values of a dimension the user filtered on
 * are counted without that dimension's own filter, with every other filter and visibility still applied.
 */
class FacetSidewaysTest {
    @TempDir
    static Path root;
    static LibraryIndex index;

    @BeforeAll
    static void build() throws Exception {
        index = new LibraryIndex(root, new Synonyms(List.of()));
        put(1, "八年级", "人教版", "教案", "public", 1, 10L);
        put(2, "八年级", "人教版", "课件", "public", 1, 10L);
        put(3, "九年级", "北师大版", "教案", "public", 1, 10L);
        put(4, "八年级", "人教版", "教案", "private", 99, 20L); // someone else's private file
        put(5, "九年级", "人教版", "学案", "school", 99, 20L); // another school's
        index.commit();
        index.refresh();
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    private static void put(long id, String grade, String edition, String type, String visibility, long owner,
            Long school) throws Exception {
        index.put(new IndexSchema.Source(Corpus.resource(id, "浮力 第" + id + "课", "物理", grade, edition, type,
                List.of(), visibility, owner, 1, school, "approved"), "浸在液体中的物体受到向上的浮力", null));
    }

    private static SearchResult search(Map<String, String> filters) throws Exception {
        return index.search(Corpus.reader(), new SearchRequest("浮力", filters, "relevance", 1, 20), null);
    }

    private static Map<String, Integer> counts(SearchResult r, String dim) {
        return r.facets().get(dim).stream().collect(Collectors.toMap(SearchResult.FacetCount::value,
                SearchResult.FacetCount::count, (a, b) -> a, LinkedHashMap::new));
    }

    @Test
    @DisplayName("without filters every dimension counts the visible results only")
    void no_filter() throws Exception {
        SearchResult r = search(Map.of());
        assertEquals(3, r.total());
        assertEquals(Map.of("教案", 2, "课件", 1), counts(r, "type"));
        assertEquals(Map.of("八年级", 2, "九年级", 1), counts(r, "grade"));
    }

    @Test
    @DisplayName("picking 教案 keeps the count of 课件, so the user sees what switching would give")
    void own_filter_ignored() throws Exception {
        SearchResult r = search(Map.of("type", "教案"));
        assertEquals(2, r.total());
        assertEquals(Map.of("教案", 2, "课件", 1), counts(r, "type"));
        assertEquals(Map.of("八年级", 1, "九年级", 1), counts(r, "grade"), "other dimensions drill down");
        assertEquals(Map.of("人教版", 1, "北师大版", 1), counts(r, "edition"));
    }

    @Test
    @DisplayName("with two filters, each dimension is counted under the other one's filter and visibility")
    void two_filters() throws Exception {
        SearchResult r = search(Map.of("type", "教案", "grade", "八年级"));
        assertEquals(1, r.total());
        assertEquals(Map.of("教案", 1, "课件", 1), counts(r, "type"), "types among 八年级 results");
        assertEquals(Map.of("八年级", 1, "九年级", 1), counts(r, "grade"), "grades among 教案 results");
        assertEquals(Map.of("人教版", 1), counts(r, "edition"));
    }

    @Test
    @DisplayName("a filter value with no visible results still counts the others, never the hidden ones")
    void hidden_stay_hidden() throws Exception {
        SearchResult r = search(Map.of("type", "学案"));
        assertEquals(0, r.total());
        assertEquals(Map.of("教案", 2, "课件", 1), counts(r, "type"));
        assertEquals(Map.of(), counts(r, "grade"));
    }
}
