package cn.tongbei.library.search;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An index of an older schema version is dropped and reported empty, so the module rebuilds it. */
class IndexVersionTest {
    @TempDir
    Path root;

    @Test
    @DisplayName("an index directory of another schema version is removed and the new one starts empty")
    void older_version_is_rebuilt() throws Exception {
        Path old = root.resolve("index-v0");
        Files.createDirectories(old);
        Files.writeString(old.resolve("segments_1"), "old");
        try (LibraryIndex index = new LibraryIndex(root, new Synonyms(List.of()))) {
            assertTrue(index.createdEmpty());
            assertFalse(Files.exists(old));
            index.put(new IndexSchema.Source(Corpus.resource(1, "浮力", "物理", "八年级", "人教版", "教案", List.of(),
                    "public", 1, 1, 1L, "approved"), "", null));
            index.commit();
        }
        try (LibraryIndex reopened = new LibraryIndex(root, new Synonyms(List.of()))) {
            assertFalse(reopened.createdEmpty());
            assertTrue(reopened.count() == 1);
        }
    }
}
