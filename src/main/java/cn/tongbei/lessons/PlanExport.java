package cn.tongbei.lessons;

import cn.tongbei.identity.Authenticator;
import cn.tongbei.lessons.PrepService.PlanView;
import cn.tongbei.lessons.Records.Plan;
import cn.tongbei.lessons.coedit.Delta;
import cn.tongbei.lessons.coedit.Op;
import cn.tongbei.platform.http.ApiException;
import cn.tongbei.platform.http.Fields;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;

/**
 * Exports a lesson plan as DOCX (Apache POI) or PDF (PDFBox), laid out like a school's lesson plan form: a
 * title, a metadata table, then the sections with their text. The PDF embeds a CJK font found on the machine
 * (WenQuanYi Micro Hei from Debian's {@code fonts-wqy-microhei}, or Noto CJK); without one, PDF export answers
 * 503 {@code lessons.no_cjk_font}. Generation runs on a worker pool, never on an event loop.
 */
public final class PlanExport {
    /** Export formats. */
    public enum Format {
        DOCX, PDF
    }

    /** Where CJK fonts are looked for, in order. */
    static final List<Path> FONT_CANDIDATES = List.of(Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
            Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
            Path.of("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"));

    /**
     * One line of the document: its text, whether it is a heading, its list kind, and for a table cell the
     * row id Quill 2's table module puts on the cell's line break ({@code {"table": "row-…"}}), else null.
     */
    record Line(String text, boolean heading, String listKind, String tableRow) {
        Line(String text, boolean heading, String listKind) {
            this(text, heading, listKind, null);
        }
    }

    /** A run of lines to lay out: a paragraph (one line) or a table (rows of cells, from consecutive cells). */
    record Block(Line line, List<List<String>> rows) {}

    /** Groups consecutive table cells into tables: cells with the same row id form a row. */
    static List<Block> blocks(List<Line> lines) {
        List<Block> out = new ArrayList<>();
        List<List<String>> rows = null;
        String row = null;
        for (Line line : lines) {
            if (line.tableRow() == null) {
                rows = null;
                row = null;
                out.add(new Block(line, null));
                continue;
            }
            if (rows == null) {
                rows = new ArrayList<>();
                out.add(new Block(null, rows));
            }
            if (!line.tableRow().equals(row)) {
                rows.add(new ArrayList<>());
                row = line.tableRow();
            }
            rows.get(rows.size() - 1).add(line.text());
        }
        return out;
    }

    private final PrepService prep;
    private final WorkerExecutor workers;

    PlanExport(Vertx vertx, PrepService prep) {
        this.prep = prep;
        this.workers = vertx.createSharedWorkerExecutor("lessons-export", 2);
    }

    void close() {
        workers.close();
    }

    void send(RoutingContext ctx, Format format) {
        var p = Authenticator.principal(ctx);
        long id = Fields.pathId(ctx, "planId");
        prep.plan(p, id).compose(v -> prep.content(p, id, null).compose(c -> render(v, c.content(), format)
                .map(bytes -> {
                    String name = v.plan().title() + (format == Format.DOCX ? ".docx" : ".pdf");
                    ctx.response().putHeader("Content-Type", format == Format.DOCX
                            ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                            : "application/pdf")
                            .putHeader("Content-Disposition", "attachment; filename*=UTF-8''"
                                    + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"))
                            .end(Buffer.buffer(bytes));
                    return null;
                }))).onFailure(ctx::fail);
    }

    Future<byte[]> render(PlanView v, Delta content, Format format) {
        List<Line> lines = lines(content);
        return workers.executeBlocking(() -> format == Format.DOCX
                ? docx(v.plan(), v.activity().teamName(), lines)
                : pdf(v.plan(), v.activity().teamName(), lines), false);
    }

    /** The document's lines, with Quill's line formats (header, list) read from each line break. */
    static List<Line> lines(Delta content) {
        List<Line> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (Op op : content.ops()) {
            if (op.text() == null) {
                Map<String, Object> embed = op.embed();
                sb.append(embed.containsKey("formula") ? "$" + embed.get("formula") + "$" : "[图片]");
                continue;
            }
            String text = op.text();
            int start = 0;
            for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
                sb.append(text, start, i);
                Map<String, Object> a = op.attributes() == null ? Map.of() : op.attributes();
                out.add(new Line(sb.toString(), a.get("header") != null,
                        a.get("list") instanceof String s ? s : null,
                        a.get("table") instanceof String r && !r.isEmpty() ? r : null));
                sb.setLength(0);
                start = i + 1;
            }
            sb.append(text.substring(start));
        }
        if (!sb.isEmpty()) {
            out.add(new Line(sb.toString(), false, null));
        }
        return out;
    }

    private static String[][] meta(Plan plan, String team) {
        return new String[][]{{"学科", plan.subject(), "年级", plan.grade()}, {"教材版本", plan.edition(), "单元",
                plan.unit()},
                {"课题", plan.lesson().isEmpty() ? plan.title() : plan.lesson(), "课时",
                        String.valueOf(plan.classHours())},
                {"备课组", team, "执笔人", plan.ownerName()}};
    }

    static byte[] docx(Plan plan, String team, List<Line> lines) throws IOException {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XWPFParagraph title = doc.createParagraph();
            title.setAlignment(ParagraphAlignment.CENTER);
            XWPFRun tr = title.createRun();
            tr.setText(plan.title() + "  教学设计");
            tr.setBold(true);
            tr.setFontSize(18);
            tr.setFontFamily("SimSun");
            String[][] meta = meta(plan, team);
            XWPFTable table = doc.createTable(meta.length, 4);
            for (int r = 0; r < meta.length; r++) {
                for (int c = 0; c < 4; c++) {
                    table.getRow(r).getCell(c).setText(meta[r][c] == null ? "" : meta[r][c]);
                }
            }
            int ordinal = 0;
            for (Block block : blocks(lines)) {
                if (block.rows() != null) {
                    docxTable(doc, block.rows());
                    ordinal = 0;
                    continue;
                }
                Line line = block.line();
                XWPFParagraph p = doc.createParagraph();
                XWPFRun run = p.createRun();
                run.setFontFamily("SimSun");
                String prefix = "";
                if ("ordered".equals(line.listKind())) {
                    prefix = ++ordinal + ". ";
                } else {
                    ordinal = 0;
                    prefix = line.listKind() != null ? "• " : "";
                }
                run.setText(prefix + line.text());
                if (line.heading()) {
                    run.setBold(true);
                    run.setFontSize(14);
                }
            }
            doc.write(out);
            return out.toByteArray();
        }
    }

    private static void docxTable(XWPFDocument doc, List<List<String>> rows) {
        int cols = rows.stream().mapToInt(List::size).max().orElse(1);
        XWPFTable t = doc.createTable(rows.size(), cols);
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < cols; c++) {
                List<String> row = rows.get(r);
                t.getRow(r).getCell(c).setText(c < row.size() ? row.get(c) : "");
            }
        }
        doc.createParagraph();
    }

    /** The first CJK font file on this machine, if any. */
    static Path cjkFont() {
        return FONT_CANDIDATES.stream().filter(Files::isReadable).findFirst().orElse(null);
    }

    static byte[] pdf(Plan plan, String team, List<Line> lines) throws IOException {
        Path fontFile = cjkFont();
        if (fontFile == null) {
            throw new ApiException(503, "lessons_no_cjk_font");
        }
        try (PDDocument doc = new PDDocument();
                TrueTypeCollection ttc = new TrueTypeCollection(fontFile.toFile());
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            TrueTypeFont[] first = new TrueTypeFont[1];
            ttc.processAllFonts(f -> {
                if (first[0] == null) {
                    first[0] = f;
                }
            });
            PDFont font = PDType0Font.load(doc, first[0], true);
            PdfWriter w = new PdfWriter(doc, font);
            w.line(plan.title() + "  教学设计", 18, true);
            for (String[] row : meta(plan, team)) {
                w.line(row[0] + "：" + nz(row[1]) + "    " + row[2] + "：" + nz(row[3]), 11, false);
            }
            w.gap();
            int ordinal = 0;
            for (Block block : blocks(lines)) {
                if (block.rows() != null) {
                    w.table(block.rows(), 11);
                    ordinal = 0;
                    continue;
                }
                Line line = block.line();
                String prefix;
                if ("ordered".equals(line.listKind())) {
                    prefix = ++ordinal + ". ";
                } else {
                    ordinal = 0;
                    prefix = line.listKind() != null ? "• " : "";
                }
                w.line(prefix + line.text(), line.heading() ? 14 : 11, line.heading());
            }
            w.finish();
            doc.save(out);
            return out.toByteArray();
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** Lays text out on A4 pages, wrapping by measured width. */
    private static final class PdfWriter {
        private static final float MARGIN = 56;
        private final PDDocument doc;
        private final PDFont font;
        private PDPageContentStream stream;
        private float y;

        PdfWriter(PDDocument doc, PDFont font) throws IOException {
            this.doc = doc;
            this.font = font;
            newPage();
        }

        private void newPage() throws IOException {
            if (stream != null) {
                stream.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            stream = new PDPageContentStream(doc, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        private final java.util.Map<Integer, Boolean> showable = new java.util.HashMap<>();

        private boolean canShow(int cp) {
            return showable.computeIfAbsent(cp, c -> {
                try {
                    font.encode(new String(Character.toChars(c)));
                    return true;
                } catch (IOException | IllegalArgumentException e) {
                    return false;
                }
            });
        }

        void gap() {
            y -= 8;
        }

        void line(String text, float size, boolean heading) throws IOException {
            float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
            String clean = text.codePoints().filter(cp -> cp >= 0x20 && canShow(cp)).collect(StringBuilder::new,
                    StringBuilder::appendCodePoint, StringBuilder::append).toString();
            List<String> wrapped = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            for (int i = 0; i < clean.length();) {
                int cp = clean.codePointAt(i);
                String next = cur + new String(Character.toChars(cp));
                if (font.getStringWidth(next) / 1000 * size > width && !cur.isEmpty()) {
                    wrapped.add(cur.toString());
                    cur.setLength(0);
                }
                cur.appendCodePoint(cp);
                i += Character.charCount(cp);
            }
            wrapped.add(cur.toString());
            if (heading) {
                y -= 6;
            }
            for (String w : wrapped) {
                if (y < MARGIN + size) {
                    newPage();
                }
                y -= size * 1.5f;
                stream.beginText();
                stream.setFont(font, size);
                stream.newLineAtOffset(MARGIN, y);
                stream.showText(w);
                stream.endText();
            }
        }

        /** A table with ruled cells of equal width; a cell's text is cut to what fits on one line. */
        void table(List<List<String>> rows, float size) throws IOException {
            int cols = rows.stream().mapToInt(List::size).max().orElse(1);
            float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
            float cell = width / cols;
            float height = size * 1.8f;
            y -= 4;
            for (List<String> row : rows) {
                if (y < MARGIN + height) {
                    newPage();
                }
                float top = y;
                y -= height;
                for (int c = 0; c < cols; c++) {
                    float x = MARGIN + c * cell;
                    stream.addRect(x, y, cell, height);
                    stream.stroke();
                    String text = fit(c < row.size() ? row.get(c) : "", size, cell - 6);
                    if (!text.isEmpty()) {
                        stream.beginText();
                        stream.setFont(font, size);
                        stream.newLineAtOffset(x + 3, y + (height - size) / 2 + 1);
                        stream.showText(text);
                        stream.endText();
                    }
                }
                y = top - height;
            }
            y -= 4;
        }

        private String fit(String text, float size, float width) throws IOException {
            StringBuilder cur = new StringBuilder();
            for (int i = 0; i < text.length();) {
                int cp = text.codePointAt(i);
                i += Character.charCount(cp);
                if (cp < 0x20 || !canShow(cp)) {
                    continue;
                }
                String next = cur + new String(Character.toChars(cp));
                if (font.getStringWidth(next) / 1000 * size > width) {
                    break;
                }
                cur.appendCodePoint(cp);
            }
            return cur.toString();
        }

        void finish() throws IOException {
            stream.close();
        }
    }
}
