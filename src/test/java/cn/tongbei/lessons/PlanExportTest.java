package cn.tongbei.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.access.AccessPolicy.PlanState;
import cn.tongbei.lessons.Records.Plan;
import cn.tongbei.lessons.coedit.Delta;
import cn.tongbei.lessons.coedit.DeltaJson;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Tables and formulas made in Quill 2 survive the DOCX and PDF export. */
class PlanExportTest {
    /** The shape Quill 2.0.3's table module and formula module produce (see CoeditE2EIT for captured ops). */
    static final Delta RICH = DeltaJson.parse("""
            [{"insert":"教学过程\\n","attributes":null},
             {"insert":"勾股定理："},{"insert":{"formula":"a^2+b^2=c^2"}},{"insert":"\\n"},
             {"insert":"A1"},{"insert":"\\n","attributes":{"table":"row-aaaa"}},
             {"insert":"B1"},{"insert":"\\n","attributes":{"table":"row-aaaa"}},
             {"insert":"A2"},{"insert":"\\n","attributes":{"table":"row-bbbb"}},
             {"insert":"\\n","attributes":{"table":"row-bbbb"}},
             {"insert":"板书设计\\n"}]
            """.replace("\"attributes\":null", "\"attributes\":{\"header\":2}"));

    static final Plan PLAN = new Plan(1, 1, null, 1, "张老师", 1, "勾股定理", "数学", "八年级", "人教版", "第十七章",
            "勾股定理", 1, PlanState.DRAFT, null, null);

    @Test
    @DisplayName("consecutive table cells are grouped into rows by their row id, and a table ends at the next plain line")
    void table_cells_group_into_rows() {
        List<PlanExport.Block> blocks = PlanExport.blocks(PlanExport.lines(RICH));
        assertEquals(4, blocks.size(), blocks.toString());
        assertEquals("勾股定理：$a^2+b^2=c^2$", blocks.get(1).line().text());
        assertEquals(List.of(List.of("A1", "B1"), List.of("A2", "")), blocks.get(2).rows());
        assertEquals("板书设计", blocks.get(3).line().text());
    }

    @Test
    @DisplayName("the DOCX export writes a Quill table as a Word table and a formula as a typeset picture, not LaTeX text")
    void docx_has_table_and_formula() throws Exception {
        byte[] bytes = PlanExport.docx(PLAN, "初二数学组", PlanExport.lines(RICH));
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes))) {
            List<XWPFTable> tables = doc.getTables();
            assertEquals(2, tables.size(), "the metadata form and the plan's own table");
            XWPFTable t = tables.get(1);
            assertEquals(2, t.getNumberOfRows());
            assertEquals("A1", t.getRow(0).getCell(0).getText());
            assertEquals("B1", t.getRow(0).getCell(1).getText());
            assertEquals("A2", t.getRow(1).getCell(0).getText());
            String text = String.join("\n", doc.getParagraphs().stream().map(XWPFParagraph::getText).toList());
            assertFalse(text.contains("a^2+b^2=c^2"), text);
            assertEquals(1, doc.getAllPictures().size(), "the formula is a picture");
            assertEquals("png", doc.getAllPictures().get(0).suggestFileExtension());
        }
    }

    @Test
    @DisplayName("the PDF export draws the table's cells and the formula as an image, not its LaTeX text")
    void pdf_has_table_and_formula() throws Exception {
        assertNotNull(PlanExport.cjkFont(), "a CJK font is installed (fonts-wqy-microhei)");
        byte[] bytes = PlanExport.pdf(PLAN, "初二数学组", PlanExport.lines(RICH));
        try (var doc = Loader.loadPDF(bytes)) {
            String text = new PDFTextStripper().getText(doc);
            assertFalse(text.contains("a^2+b^2=c^2"), text);
            assertTrue(text.contains("勾股定理："), text);
            assertTrue(text.contains("A1") && text.contains("B1") && text.contains("A2"), text);
            assertEquals(1, images(doc), "the formula is drawn as an image");
        }
    }

    static int images(org.apache.pdfbox.pdmodel.PDDocument doc) throws Exception {
        int n = 0;
        for (var page : doc.getPages()) {
            for (var name : page.getResources().getXObjectNames()) {
                if (page.getResources().getXObject(name) instanceof PDImageXObject) {
                    n++;
                }
            }
        }
        return n;
    }

    static String pngDataUrl(int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(java.awt.Color.RED);
        g.fillRect(0, 0, w, h);
        g.dispose();
        var out = new java.io.ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(out.toByteArray());
    }

    @Test
    @DisplayName("an unparsable formula falls back to its LaTeX text in DOCX and PDF")
    void bad_formula_falls_back() throws Exception {
        Delta d = DeltaJson
                .parse("[{\"insert\":\"见\"},{\"insert\":{\"formula\":\"\\\\nosuchcommand{1}\"}},{\"insert\":\"\\n\"}]");
        byte[] docx = PlanExport.docx(PLAN, "组", PlanExport.lines(d));
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx))) {
            String text = String.join("\n", doc.getParagraphs().stream().map(XWPFParagraph::getText).toList());
            assertTrue(text.contains("见$\\nosuchcommand{1}$"), text);
            assertEquals(0, doc.getAllPictures().size());
        }
        try (var doc = Loader.loadPDF(PlanExport.pdf(PLAN, "组", PlanExport.lines(d)))) {
            assertTrue(new PDFTextStripper().getText(doc).contains("$\\nosuchcommand{1}$"));
        }
    }

    @Test
    @DisplayName("an image (data: URL or one of our uploads) is embedded in DOCX and PDF; another address is not fetched")
    void images_are_embedded() throws Exception {
        String ours = "/api/v1/prep/plans/1/images/0123456789abcdef0123456789abcdef.png";
        String data = pngDataUrl(40, 30);
        String other = pngDataUrl(20, 10);
        byte[] png = java.util.Base64.getDecoder().decode(other.substring(other.indexOf(',') + 1));
        Delta d = new Delta().insert("图一").insert(java.util.Map.of("image", data), null).insert("\n")
                .insert(java.util.Map.of("image", ours), null).insert("\n")
                .insert(java.util.Map.of("image", "https://example.org/x.png"), null).insert("\n");
        var lines = PlanExport.lines(d);
        assertEquals(List.of(ours), PlanExport.ourImages(lines));
        var fetched = java.util.Map.of(ours, png);
        try (XWPFDocument doc = new XWPFDocument(
                new ByteArrayInputStream(PlanExport.docx(PLAN, "组", lines, fetched)))) {
            assertEquals(2, doc.getAllPictures().size(), "the data: image and our upload");
            String text = String.join("\n", doc.getParagraphs().stream().map(XWPFParagraph::getText).toList());
            assertTrue(text.contains("[图片]"), "the foreign address is not fetched: " + text);
        }
        try (var doc = Loader.loadPDF(PlanExport.pdf(PLAN, "组", lines, fetched))) {
            assertEquals(2, images(doc));
        }
    }

    @Test
    @DisplayName("long text in a PDF table cell wraps onto several lines inside the cell, Chinese intact")
    void pdf_cells_wrap() throws Exception {
        String longText = "学生分组讨论勾股定理的证明方法，每组选一名代表汇报，教师点评并板书总结要点。".repeat(3);
        Delta d = new Delta().insert(longText).insert("\n", java.util.Map.of("table", "row-1"))
                .insert("短").insert("\n", java.util.Map.of("table", "row-1"));
        try (var doc = Loader.loadPDF(PlanExport.pdf(PLAN, "组", PlanExport.lines(d)))) {
            String text = new PDFTextStripper().getText(doc);
            String joined = text.replaceAll("\\s+", "");
            assertTrue(joined.contains(longText), "every character of the cell is there: " + text);
            long cellLines = text.lines().filter(l -> !l.isBlank() && longText.contains(l.strip())).count();
            assertTrue(cellLines >= 3, "the cell's text is on several lines: " + text);
        }
    }

    /** The tail of a plan as Quill 2.0.3 produced it in CoeditE2EIT (a 3×4 table, then a formula line). */
    static final Delta CAPTURED = DeltaJson.parse("""
            [{"insert":"教学反思"},{"attributes":{"header":2},"insert":"\\n"},
             {"insert":"课时"},{"attributes":{"table":"row-o8vh"},"insert":"\\n\\n\\n\\n"},
             {"attributes":{"table":"row-4op2"},"insert":"\\n\\n\\n\\n"},
             {"attributes":{"table":"row-nh7m"},"insert":"\\n\\n\\n\\n"},
             {"insert":{"formula":"a^2+b^2=c^2"}},{"insert":"\\n"}]
            """);

    @Test
    @DisplayName("ops captured from Quill's table module (several cells in one op) export as a 3×4 table and a formula line")
    void captured_quill_ops() {
        List<PlanExport.Block> blocks = PlanExport.blocks(PlanExport.lines(CAPTURED));
        assertEquals(3, blocks.size(), blocks.toString());
        List<List<String>> rows = blocks.get(1).rows();
        assertEquals(List.of(List.of("课时", "", "", ""), List.of("", "", "", ""), List.of("", "", "", "")), rows);
        assertEquals("$a^2+b^2=c^2$", blocks.get(2).line().text());
    }
}
