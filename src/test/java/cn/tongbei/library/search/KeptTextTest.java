package cn.tongbei.library.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The texts highlights and more-like-this read (doc values since schema 4), for long Chinese documents too. */
class KeptTextTest {
    @TempDir
    Path root;

    @Test
    @DisplayName("a 30,000-character text is indexed whole, its first 20,000 characters are kept and highlighted")
    void long_text_is_cut_for_highlighting_only() throws Exception {
        StringBuilder text = new StringBuilder("浮力的大小与液体的密度有关。");
        while (text.length() < 25_000) {
            text.append("学生分组实验，观察现象并记录数据。");
        }
        text.append("阿基米德原理在最后一段。");
        while (text.length() < 30_000) {
            text.append("课堂小结与作业布置。");
        }
        try (LibraryIndex index = new LibraryIndex(root, new Synonyms(List.of()))) {
            index.put(new IndexSchema.Source(Corpus.resource(1, "《浮力》第一课时教案", "物理", "八年级", "人教版", "教案",
                    List.of(), "public", 1, 1, 1L, "approved"), text.toString(), null));
            index.put(new IndexSchema.Source(Corpus.resource(2, "浮力练习", "物理", "八年级", "人教版", "试题", List.of(),
                    "public", 1, 1, 1L, "approved"), "浮力的大小与液体的密度有关。学生分组实验。", null));
            index.refresh();
            assertEquals(IndexSchema.STORED_BODY_CHARS, index.withSearcher(s -> IndexSchema.text(s.getIndexReader(),
                    0, IndexSchema.BODY_BIGRAMS)).length());

            SearchResult near = index.search(new MatchAllDocsQuery(), new SearchRequest("密度", Map.of(), "relevance",
                    1, 20), null);
            assertEquals(2, near.total());
            SearchResult.Hit first = near.hits().stream().filter(h -> h.id() == 1).findFirst().orElseThrow();
            assertEquals("《浮力》第一课时教案", first.titleHighlight(), "no title match: the plain title");
            assertTrue(first.bodyHighlights().getFirst().contains("<em>密度</em>"), first.toString());

            SearchResult far = index.search(new MatchAllDocsQuery(), new SearchRequest("阿基米德", Map.of(),
                    "relevance", 1, 20), null);
            assertEquals(1, far.total(), "the whole text is indexed");
            assertTrue(far.hits().getFirst().bodyHighlights().stream().noneMatch(b -> b.contains("<em>")),
                    "beyond the kept text: no highlight");

            SearchResult title = index.search(new MatchAllDocsQuery(), new SearchRequest("浮力", Map.of(), "relevance",
                    1, 20), null);
            assertTrue(title.hits().stream().allMatch(h -> h.titleHighlight().contains("<em>浮力</em>")), title
                    .toString());
        }
    }
}
