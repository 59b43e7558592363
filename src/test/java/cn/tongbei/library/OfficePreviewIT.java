package cn.tongbei.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Office previews through LibreOffice. Requires {@code soffice} on the test machine (CI installs
 * libreoffice-writer-nogui, -impress-nogui and -calc-nogui); fails, never skips, without it.
 */
class OfficePreviewIT {
    static LibraryClient t1;

    @BeforeAll
    static void login() {
        assertNotNull(OfficeConverter.locate(), "LibreOffice (soffice) is required for this test: install "
                + "libreoffice-writer-nogui libreoffice-impress-nogui libreoffice-calc-nogui, or set "
                + "TONGBEI_LIBRARY_SOFFICE to the soffice binary");
        t1 = LibraryClient.login("teacher1");
    }

    static Map<String, String> meta(String title) {
        return Map.of("title", title, "subject", "物理", "grade", "八年级", "edition", "人教版", "type", "课件",
                "visibility", "private");
    }

    @Test
    @DisplayName("an uploaded DOCX and PPTX are converted by LibreOffice and preview as page images")
    void docx_and_pptx_preview_as_pages() throws Exception {
        long docx = t1.create("浮力教案.docx", Samples.docx(List.of("浮力教案", "阿基米德原理：浮力等于排开液体的重力。",
                UUID.randomUUID().toString())), meta("浮力教案"));
        long pptx = t1.create("浮力课件.pptx", Samples.pptx(List.of("浮力", "阿基米德原理", "课堂练习 " + UUID
                .randomUUID())), meta("浮力课件"));
        assertEquals("office", t1.api.get("/api/v1/resources/" + docx).json().getString("previewKind"));
        for (long id : new long[]{docx, pptx}) {
            JsonObject p = t1.api.get("/api/v1/resources/" + id + "/preview").json();
            assertEquals("office", p.getString("kind"), p.encode());
            assertTrue(p.getInteger("pages") >= 1, p.encode());
            HttpResponse<byte[]> page = t1.getBytes(p.getString("pageUrl") + "1", Map.of());
            assertEquals(200, page.statusCode());
            assertEquals("image/png", page.headers().firstValue("Content-Type").orElse(""));
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(page.body()));
            assertNotNull(image, "a PNG image");
            assertTrue(image.getWidth() > 100 && image.getHeight() > 100, image.getWidth() + "x" + image.getHeight());
        }
        JsonObject slides = t1.api.get("/api/v1/resources/" + pptx + "/preview").json();
        assertEquals(3, slides.getInteger("pages"), "one page per slide");
    }
}
