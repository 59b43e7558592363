package cn.tongbei.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Malicious documents are refused by the extractor with a reason, before they can exhaust memory. */
class MaliciousDocumentTest {

    private static String refusal(byte[] file) {
        Exception e = assertThrows(Exception.class, () -> Extraction.parse(new ByteArrayInputStream(file), "x.docx",
                1_000_000));
        return Extraction.reason(e);
    }

    @Test
    @DisplayName("a docx of under 1 MB that inflates to ~200 MB is refused as a zip bomb")
    void zip_bomb() {
        byte[] bomb = Samples.zipBombDocx();
        assertTrue(bomb.length < 1 << 20, "the sample is small: " + bomb.length);
        assertEquals("refused: suspected zip bomb: the part word/document.xml expands over 64 MiB", refusal(bomb));
    }

    @Test
    @DisplayName("a zip that expands over 100× in many small parts is refused too")
    void zip_bomb_in_parts() {
        byte[] bomb = Samples.docxWithDocument("<w:document xmlns:w=\"http://schemas.openxmlformats.org/"
                + "wordprocessingml/2006/main\"><w:body>", "<w:p><w:r><w:t>aaaaaaaa</w:t></w:r></w:p>",
                (60L << 20) / 40, "</w:body></w:document>");
        String reason = refusal(bomb);
        assertTrue(reason.startsWith("refused: suspected zip bomb"), reason + " for " + bomb.length + " bytes");
    }

    @Test
    @DisplayName("a docx with 20,000 nested XML elements is refused for its nesting")
    void deep_nesting() {
        assertEquals("refused: XML elements nested too deeply", refusal(Samples.deeplyNestedDocx(20_000)));
    }

    @Test
    @DisplayName("an ordinary docx still passes the guard and gives its text")
    void ordinary() throws Exception {
        assertTrue(Extraction.parse(new ByteArrayInputStream(Samples.docx(List.of("浮力 教案"))), "a.docx", 1000)
                .contains("浮力 教案"));
    }
}
