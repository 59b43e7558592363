package cn.tongbei.lessons;

import cn.tongbei.identity.Authenticator;
import cn.tongbei.lessons.PrepService.PlanView;
import cn.tongbei.lessons.Records.Plan;
import cn.tongbei.lessons.coedit.Delta;
import cn.tongbei.lessons.coedit.Op;
import cn.tongbei.platform.http.ApiException;
import cn.tongbei.platform.http.Fields;
import cn.tongbei.platform.http.Responses;
import cn.tongbei.platform.storage.ObjectStorage;
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
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.util.Units;
import org.apache.poi.xwpf.usermodel.Document;
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
    record Line(String text, boolean heading, String listKind, String tableRow, List<Inline> inlines) {
        Line(String text, boolean heading, String listKind) {
            this(text, heading, listKind, null);
        }

        Line(String text, boolean heading, String listKind, String tableRow) {
            this(text, heading, listKind, tableRow, List.of(new Inline(text, null, null)));
        }
    }

    /** A piece of a line: text, a formula (its LaTeX) or an image (its src); exactly one is set. */
    record Inline(String text, String formula, String image) {}

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

    /** At most this many uploaded images are fetched for one export (the rest show as [图片]). */
    static final int MAX_IMAGES = 100;

    private final PrepService prep;
    private final WorkerExecutor workers;
    private final ObjectStorage storage;

    PlanExport(Vertx vertx, PrepService prep, ObjectStorage storage) {
        this.prep = prep;
        this.storage = storage;
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
                    Responses.onRequestContext(ctx, () -> ctx.response().putHeader("Content-Type",
                            format == Format.DOCX
                                    ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                                    : "application/pdf")
                            .putHeader("Content-Disposition", "attachment; filename*=UTF-8''"
                                    + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"))
                            .end(Buffer.buffer(bytes)));
                    return null;
                }))).onFailure(ctx::fail);
    }

    Future<byte[]> render(PlanView v, Delta content, Format format) {
        List<Line> lines = lines(content);
        return fetchImages(v.plan(), lines).compose(images -> workers.executeBlocking(() -> format == Format.DOCX
                ? docx(v.plan(), v.activity().teamName(), lines, images)
                : pdf(v.plan(), v.activity().teamName(), lines, images), false));
    }

    /**
     * Our uploaded images of this plan (or of the common plan it was forked from) the document shows, read from
     * S3; an image that cannot be read is left out and exported as [图片].
     */
    private Future<Map<String, byte[]>> fetchImages(Plan plan, List<Line> lines) {
        Map<String, byte[]> out = new java.util.concurrent.ConcurrentHashMap<>();
        List<Future<Void>> all = new ArrayList<>();
        for (String src : ourImages(lines).stream().limit(MAX_IMAGES).toList()) {
            java.util.regex.Matcher m = PlanImages.OURS.matcher(src);
            if (storage == null || !m.matches()) {
                continue;
            }
            long owner = Long.parseLong(m.group(1));
            if (owner != plan.id() && (plan.parentId() == null || owner != plan.parentId())) {
                continue;
            }
            all.add(storage.get(PlanImages.keyOf(src)).map(b -> {
                out.put(src, b.getBytes());
                return (Void) null;
            }).recover(e -> Future.succeededFuture()));
        }
        return Future.join(all).map(x -> (Map<String, byte[]>) out).recover(e -> Future.succeededFuture(out));
    }

    /**
     * The document's lines, with Quill's line formats (header, list) read from each line break; each line's
     * plain text (a formula as {@code $latex$}, an image as {@code [图片]}) and its pieces for typesetting.
     */
    static List<Line> lines(Delta content) {
        List<Line> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        StringBuilder run = new StringBuilder();
        List<Inline> inlines = new ArrayList<>();
        for (Op op : content.ops()) {
            if (op.text() == null) {
                Map<String, Object> embed = op.embed();
                if (!run.isEmpty()) {
                    inlines.add(new Inline(run.toString(), null, null));
                    run.setLength(0);
                }
                if (embed.get("formula") instanceof String f) {
                    sb.append("$").append(f).append("$");
                    inlines.add(new Inline(null, f, null));
                } else if (embed.get("image") instanceof String src) {
                    sb.append("[图片]");
                    inlines.add(new Inline(null, null, src));
                } else {
                    sb.append(embed.containsKey("formula") ? "$" + embed.get("formula") + "$" : "[图片]");
                    inlines.add(new Inline("[图片]", null, null));
                }
                continue;
            }
            String text = op.text();
            int start = 0;
            for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
                sb.append(text, start, i);
                run.append(text, start, i);
                if (!run.isEmpty()) {
                    inlines.add(new Inline(run.toString(), null, null));
                }
                Map<String, Object> a = op.attributes() == null ? Map.of() : op.attributes();
                out.add(new Line(sb.toString(), a.get("header") != null,
                        a.get("list") instanceof String s ? s : null,
                        a.get("table") instanceof String r && !r.isEmpty() ? r : null, List.copyOf(inlines)));
                sb.setLength(0);
                run.setLength(0);
                inlines.clear();
                start = i + 1;
            }
            sb.append(text.substring(start));
            run.append(text.substring(start));
        }
        if (!sb.isEmpty()) {
            if (!run.isEmpty()) {
                inlines.add(new Inline(run.toString(), null, null));
            }
            out.add(new Line(sb.toString(), false, null, null, List.copyOf(inlines)));
        }
        return out;
    }

    /** The sources of our uploaded images the document shows (fetched from S3 before rendering). */
    static List<String> ourImages(List<Line> lines) {
        return lines.stream().flatMap(l -> l.inlines().stream()).map(Inline::image)
                .filter(src -> src != null && PlanImages.keyOf(src) != null).distinct().toList();
    }

    private static String[][] meta(Plan plan, String team) {
        return new String[][]{{"学科", plan.subject(), "年级", plan.grade()}, {"教材版本", plan.edition(), "单元",
                plan.unit()},
                {"课题", plan.lesson().isEmpty() ? plan.title() : plan.lesson(), "课时",
                        String.valueOf(plan.classHours())},
                {"备课组", team, "执笔人", plan.ownerName()}};
    }

    static byte[] docx(Plan plan, String team, List<Line> lines) throws IOException {
        return docx(plan, team, lines, Map.of());
    }

    static byte[] docx(Plan plan, String team, List<Line> lines, Map<String, byte[]> images) throws IOException {
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
                String prefix = "";
                if ("ordered".equals(line.listKind())) {
                    prefix = ++ordinal + ". ";
                } else {
                    ordinal = 0;
                    prefix = line.listKind() != null ? "• " : "";
                }
                List<Inline> parts = new ArrayList<>(line.inlines());
                if (!prefix.isEmpty()) {
                    parts.add(0, new Inline(prefix, null, null));
                }
                if (parts.isEmpty()) {
                    parts.add(new Inline("", null, null));
                }
                for (Inline part : parts) {
                    XWPFRun run = p.createRun();
                    run.setFontFamily("SimSun");
                    if (line.heading()) {
                        run.setBold(true);
                        run.setFontSize(14);
                    }
                    if (part.text() != null) {
                        run.setText(part.text());
                        continue;
                    }
                    ExportImages.Picture pic = part.formula() != null
                            ? ExportImages.formula(part.formula(), line.heading() ? 14 : 11)
                            : ExportImages.image(part.image(), images, 450);
                    if (pic == null) {
                        run.setText(part.formula() != null ? "$" + part.formula() + "$" : "[图片]");
                        continue;
                    }
                    try {
                        run.addPicture(new java.io.ByteArrayInputStream(pic.png()), Document.PICTURE_TYPE_PNG,
                                part.formula() != null ? "formula.png" : "image.png", Units.toEMU(pic.widthPt()),
                                Units.toEMU(pic.heightPt()));
                    } catch (InvalidFormatException e) {
                        run.setText(part.formula() != null ? "$" + part.formula() + "$" : "[图片]");
                    }
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
        return pdf(plan, team, lines, Map.of());
    }

    static byte[] pdf(Plan plan, String team, List<Line> lines, Map<String, byte[]> images) throws IOException {
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
            PdfWriter w = new PdfWriter(doc, font, images);
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
                List<Inline> parts = new ArrayList<>(line.inlines());
                if (!prefix.isEmpty()) {
                    parts.add(0, new Inline(prefix, null, null));
                }
                w.line(parts, line.heading() ? 14 : 11, line.heading());
            }
            w.finish();
            doc.save(out);
            return out.toByteArray();
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** Lays text, formulas and images out on A4 pages, wrapping by measured width. */
    private static final class PdfWriter {
        private static final float MARGIN = 56;
        private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
        private final PDDocument doc;
        private final PDFont font;
        private final Map<String, byte[]> images;
        private PDPageContentStream stream;
        private float y;

        PdfWriter(PDDocument doc, PDFont font, Map<String, byte[]> images) throws IOException {
            this.doc = doc;
            this.font = font;
            this.images = images;
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

        private String clean(String text) {
            return text.codePoints().filter(cp -> cp >= 0x20 && canShow(cp)).collect(StringBuilder::new,
                    StringBuilder::appendCodePoint, StringBuilder::append).toString();
        }

        void gap() {
            y -= 8;
        }

        void line(String text, float size, boolean heading) throws IOException {
            line(List.of(new Inline(text, null, null)), size, heading);
        }

        /** A laid-out piece: a code point of text, or a picture. */
        private record Piece(String text, PDImageXObject image, float width, float height) {}

        /** One line of pieces wrapped to the page width (a formula or image too wide is scaled down). */
        void line(List<Inline> parts, float size, boolean heading) throws IOException {
            List<Piece> pieces = new ArrayList<>();
            for (Inline part : parts) {
                if (part.text() != null) {
                    String c = clean(part.text());
                    for (int i = 0; i < c.length();) {
                        int cp = c.codePointAt(i);
                        String ch = new String(Character.toChars(cp));
                        pieces.add(new Piece(ch, null, font.getStringWidth(ch) / 1000 * size, size));
                        i += Character.charCount(cp);
                    }
                    continue;
                }
                ExportImages.Picture pic = part.formula() != null
                        ? ExportImages.formula(part.formula(), size)
                        : ExportImages.image(part.image(), images, WIDTH);
                if (pic == null) {
                    String fallback = clean(part.formula() != null ? "$" + part.formula() + "$" : "[图片]");
                    for (int i = 0; i < fallback.length();) {
                        int cp = fallback.codePointAt(i);
                        String ch = new String(Character.toChars(cp));
                        pieces.add(new Piece(ch, null, font.getStringWidth(ch) / 1000 * size, size));
                        i += Character.charCount(cp);
                    }
                    continue;
                }
                float w = pic.widthPt();
                float h = pic.heightPt();
                if (w > WIDTH) {
                    h = h * WIDTH / w;
                    w = WIDTH;
                }
                float maxH = PDRectangle.A4.getHeight() - 2 * MARGIN - 20;
                if (h > maxH) {
                    w = w * maxH / h;
                    h = maxH;
                }
                pieces.add(new Piece(null, LosslessFactory.createFromImage(doc, pic.image()), w, h));
            }
            List<List<Piece>> rows = new ArrayList<>();
            List<Piece> cur = new ArrayList<>();
            float used = 0;
            for (Piece piece : pieces) {
                if (used + piece.width() > WIDTH && !cur.isEmpty()) {
                    rows.add(cur);
                    cur = new ArrayList<>();
                    used = 0;
                }
                cur.add(piece);
                used += piece.width();
            }
            rows.add(cur);
            if (heading) {
                y -= 6;
            }
            for (List<Piece> row : rows) {
                float tallest = row.stream().filter(pc -> pc.image() != null).map(Piece::height).max(Float::compare)
                        .orElse(0f);
                float advance = Math.max(size * 1.5f, tallest + size * 0.5f);
                if (y - advance < MARGIN) {
                    newPage();
                }
                y -= advance;
                float baseline = y + size * 0.3f;
                float x = MARGIN;
                StringBuilder text = new StringBuilder();
                float textX = x;
                for (Piece piece : row) {
                    if (piece.image() == null) {
                        if (text.isEmpty()) {
                            textX = x;
                        }
                        text.append(piece.text());
                    } else {
                        flush(text, textX, baseline, size);
                        stream.drawImage(piece.image(), x, baseline - size * 0.25f, piece.width(), piece.height());
                    }
                    x += piece.width();
                }
                flush(text, textX, baseline, size);
            }
        }

        private void flush(StringBuilder text, float x, float baseline, float size) throws IOException {
            if (text.isEmpty()) {
                return;
            }
            stream.beginText();
            stream.setFont(font, size);
            stream.newLineAtOffset(x, baseline);
            stream.showText(text.toString());
            stream.endText();
            text.setLength(0);
        }

        /**
         * A table with ruled cells of equal width; a cell's text wraps inside the cell, and the row is as tall as
         * its tallest cell. A row taller than a page is cut at the page's end.
         */
        void table(List<List<String>> rows, float size) throws IOException {
            int cols = rows.stream().mapToInt(List::size).max().orElse(1);
            float cell = WIDTH / cols;
            float leading = size * 1.4f;
            float pad = 3;
            y -= 4;
            for (List<String> row : rows) {
                List<List<String>> cells = new ArrayList<>();
                int most = 1;
                for (int c = 0; c < cols; c++) {
                    List<String> wrapped = wrap(c < row.size() ? row.get(c) : "", size, cell - 2 * pad);
                    cells.add(wrapped);
                    most = Math.max(most, wrapped.size());
                }
                float maxHeight = PDRectangle.A4.getHeight() - 2 * MARGIN;
                int fits = (int) Math.max(1, (maxHeight - 2 * pad) / leading);
                most = Math.min(most, fits);
                float height = most * leading + 2 * pad;
                if (y - height < MARGIN) {
                    newPage();
                }
                float top = y;
                y -= height;
                for (int c = 0; c < cols; c++) {
                    float x = MARGIN + c * cell;
                    stream.addRect(x, y, cell, height);
                    stream.stroke();
                    List<String> lines = cells.get(c);
                    for (int l = 0; l < Math.min(most, lines.size()); l++) {
                        if (lines.get(l).isEmpty()) {
                            continue;
                        }
                        stream.beginText();
                        stream.setFont(font, size);
                        stream.newLineAtOffset(x + pad, top - pad - (l + 1) * leading + (leading - size) / 2 + 1);
                        stream.showText(lines.get(l));
                        stream.endText();
                    }
                }
                y = top - height;
            }
            y -= 4;
        }

        /** The text broken into lines no wider than {@code width} (by measured glyph widths, per code point). */
        List<String> wrap(String text, float size, float width) throws IOException {
            String c = clean(text);
            List<String> out = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            float used = 0;
            for (int i = 0; i < c.length();) {
                int cp = c.codePointAt(i);
                i += Character.charCount(cp);
                String ch = new String(Character.toChars(cp));
                float w = font.getStringWidth(ch) / 1000 * size;
                if (used + w > width && !cur.isEmpty()) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    used = 0;
                }
                cur.append(ch);
                used += w;
            }
            out.add(cur.toString());
            return out;
        }

        void finish() throws IOException {
            stream.close();
        }
    }
}
