package cn.tongbei.library;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreviewKindTest {
    @TempDir
    Path dir;

    static Resource resource(String mime, String fileName) {
        var meta = new Resource.Metadata("t", "", "初中", "八年级", "物理", "人教版", null, null, null, null, "课件",
                List.of(), "CC BY", "private");
        return new Resource(1, 1, "k", 1, mime, "k", 4, "刘芳", 1, 1L, "学校", fileName, meta, "ready", null,
                "approved", null, 0, 0, 0, 0, OffsetDateTime.now(), OffsetDateTime.now());
    }

    @Test
    @DisplayName("without LibreOffice an Office or WPS document's preview is unavailable, with the reason")
    void office_without_converter_is_unavailable() {
        Previews previews = new Previews(null, null, dir, null);
        for (String mime : List.of("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "application/vnd.openxmlformats-officedocument.presentationml.presentation", "application/msword",
                "application/vnd.ms-works")) {
            Resource r = resource(mime, "x.docx");
            assertEquals("office", Previews.kindOf(r));
            assertEquals("unavailable", previews.kind(r));
            Previews.Preview p = previews.describe(r).result();
            assertEquals("unavailable", p.kind());
            assertEquals("no_converter", p.reason());
        }
        assertEquals("pdf", previews.kind(resource("application/pdf", "a.pdf")));
    }

    @Test
    @DisplayName("the file extension given to LibreOffice comes from the name only when it is a plain extension")
    void extension_is_safe() {
        assertEquals("pptx", OfficeConverter.extension(resource("x", "课件.PPTX")));
        assertEquals("bin", OfficeConverter.extension(resource("x", "a.p/x")));
        assertEquals("bin", OfficeConverter.extension(resource("x", "noext")));
    }
}
