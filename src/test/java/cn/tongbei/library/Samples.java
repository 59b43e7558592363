package cn.tongbei.library;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/** Small real documents for tests: DOCX with Chinese text, a blank PDF, a PNG. */
final class Samples {
    private Samples() {}

    static byte[] docx(List<String> paragraphs) {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String p : paragraphs) {
                doc.createParagraph().createRun().setText(p);
            }
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PPTX with one slide per text, each text in a text box. */
    static byte[] pptx(List<String> slides) {
        try (org.apache.poi.xslf.usermodel.XMLSlideShow show = new org.apache.poi.xslf.usermodel.XMLSlideShow();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String text : slides) {
                var box = show.createSlide().createTextBox();
                box.setAnchor(new java.awt.Rectangle(50, 50, 600, 200));
                box.setText(text);
            }
            show.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] pdf(int pages) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int i = 0; i < pages; i++) {
                doc.addPage(new PDPage());
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] png() {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
            img.setRGB(1, 1, 0xff0000);
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A docx whose {@code word/document.xml} is replaced by {@code xml}, written as {@code repeat} copies of the
     * body part between {@code head} and {@code tail} (so a zip bomb never exists in memory uncompressed).
     */
    static byte[] docxWithDocument(String head, String body, long repeat, String tail) {
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(docx(List.of("x"))));
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                var out = new java.util.zip.ZipOutputStream(bytes)) {
            out.setLevel(9);
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                if (e.getName().equals("word/document.xml")) {
                    out.write(head.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    long perChunk = Math.max(1, 65536 / Math.max(1, body.length()));
                    byte[] chunk = body.repeat((int) perChunk).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    for (long done = 0; done < repeat; done += perChunk) {
                        out.write(chunk);
                    }
                    out.write(tail.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                } else {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
            out.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String W = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
            + "<w:body>";

    /** About 200 KB that inflates to ~200 MB of paragraphs (ratio ~1000:1). */
    static byte[] zipBombDocx() {
        return docxWithDocument(W, "<w:p><w:r><w:t>炸弹炸弹炸弹炸弹炸弹炸弹</w:t></w:r></w:p>", 200L << 20 >> 6,
                "</w:body></w:document>");
    }

    /** A docx whose body nests {@code depth} elements inside each other. */
    static byte[] deeplyNestedDocx(int depth) {
        return docxWithDocument(W + "<w:p><w:r><w:t>深层嵌套</w:t></w:r></w:p>" + "<w:sdt><w:sdtContent>".repeat(depth),
                "", 0, "</w:sdtContent></w:sdt>".repeat(depth) + "</w:body></w:document>");
    }
}
