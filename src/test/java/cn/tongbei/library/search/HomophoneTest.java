package cn.tongbei.library.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Chinese part also matches by its pinyin only when it finds nothing as typed: a homophone typo (二次涵数) still
 * finds 二次函数, while a word that is in the library (公式) does not also bring up its homophones (攻势).
 */
class HomophoneTest {
    @TempDir
    Path root;

    private static void put(LibraryIndex index, long id, String title) throws Exception {
        index.put(new IndexSchema.Source(Corpus.resource(id, title, "数学", "九年级", "人教版", "教案", List.of(), "public",
                1, 1, 10L, "approved"), title + "的课堂练习", null));
    }

    private static List<Long> ids(LibraryIndex index, String q) throws Exception {
        return index.search(Corpus.reader(), new SearchRequest(q, Map.of(), "relevance", 1, 20), null).hits()
                .stream().map(SearchResult.Hit::id).sorted().toList();
    }

    @Test
    @DisplayName("a typo finds the word that sounds the same; a word that is there finds only itself")
    void homophones_only_for_typos() throws Exception {
        try (LibraryIndex index = new LibraryIndex(root, new Synonyms(List.of()))) {
            put(index, 1, "二次函数");
            put(index, 2, "公式");
            put(index, 3, "攻势");
            index.refresh();
            assertEquals(List.of(1L), ids(index, "二次涵数"));
            assertEquals(List.of(2L), ids(index, "公式"));
            assertEquals(List.of(3L), ids(index, "攻势"));
            index.remove(2);
            index.refresh();
            assertEquals(List.of(3L), ids(index, "公式"), "with no 公式 left, it reads as a typo of 攻势");
        }
    }
}
