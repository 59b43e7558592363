package cn.tongbei.classroom;

import cn.tongbei.platform.http.ApiException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Renders an uploaded PDF to one PNG per page with PDFBox, so every classroom screen shows the same page without
 * a PDF viewer. Blocking: call it on a worker.
 */
public final class Courseware {
    /** The most pages a courseware may have. */
    public static final int MAX_PAGES = 200;
    private static final int LONG_SIDE_PX = 1600;

    private Courseware() {}

    /** The page images, or a 400 when the bytes are not a readable PDF. */
    public static List<byte[]> render(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            if (doc.isEncrypted()) {
                throw ApiException.badRequest("classroom_pdf_unreadable");
            }
            int pages = doc.getNumberOfPages();
            if (pages == 0 || pages > MAX_PAGES) {
                throw ApiException.badRequest("classroom_pdf_pages", MAX_PAGES);
            }
            PDFRenderer renderer = new PDFRenderer(doc);
            List<byte[]> images = new ArrayList<>(pages);
            for (int i = 0; i < pages; i++) {
                float longSide = Math.max(doc.getPage(i).getMediaBox().getWidth(), doc.getPage(i).getMediaBox()
                        .getHeight());
                float scale = Math.min(4f, LONG_SIDE_PX / Math.max(1f, longSide));
                BufferedImage image = renderer.renderImage(i, scale, ImageType.RGB);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ImageIO.write(image, "png", out);
                images.add(out.toByteArray());
            }
            return images;
        } catch (IOException e) {
            throw ApiException.badRequest("classroom_pdf_unreadable");
        }
    }
}
