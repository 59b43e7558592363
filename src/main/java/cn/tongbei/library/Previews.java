package cn.tongbei.library;

import cn.tongbei.platform.http.ApiException;
import cn.tongbei.platform.storage.ObjectStorage;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Server-side previews: PDF pages rendered to PNG with PDFBox (cached per stored file in the data directory).
 * Office and WPS documents would need LibreOffice, which the server does not bundle: they report
 * {@code unavailable}.
 */
final class Previews {
    private static final float DPI = 96;
    static final int MAX_PAGES = 50;

    private final ObjectStorage storage;
    private final WorkerExecutor workers;
    private final Path cache;

    /** How a resource can be previewed: its kind and, for PDFs, the number of pages. */
    record Preview(String kind, int pages) {}

    Previews(ObjectStorage storage, WorkerExecutor workers, Path cache) {
        this.storage = storage;
        this.workers = workers;
        this.cache = cache;
    }

    static String kindOf(Resource r) {
        String mime = r.mime();
        if (mime.startsWith("image/")) {
            return "image";
        }
        if (mime.startsWith("video/")) {
            return "video";
        }
        if (mime.equals("application/pdf")) {
            return "pdf";
        }
        if (mime.startsWith("text/")) {
            return "text";
        }
        return "unavailable";
    }

    Future<Preview> describe(Resource r) {
        String kind = kindOf(r);
        if (!kind.equals("pdf")) {
            return Future.succeededFuture(new Preview(kind, 0));
        }
        return local(r).compose(file -> workers.executeBlocking(() -> {
            try (PDDocument doc = Loader.loadPDF(new RandomAccessReadBufferedFile(file.toFile()))) {
                return new Preview("pdf", Math.min(MAX_PAGES, doc.getNumberOfPages()));
            } catch (Exception e) {
                return new Preview("unavailable", 0);
            }
        }, false));
    }

    /** The PNG of page {@code page} (1-based) of a PDF resource. */
    Future<Path> page(Resource r, int page) {
        if (!kindOf(r).equals("pdf") || page < 1 || page > MAX_PAGES) {
            return Future.failedFuture(ApiException.notFound());
        }
        Path png = cache.resolve(r.blobId() + "-" + page + ".png");
        if (Files.exists(png)) {
            return Future.succeededFuture(png);
        }
        return local(r).compose(file -> workers.executeBlocking(() -> {
            try (PDDocument doc = Loader.loadPDF(new RandomAccessReadBufferedFile(file.toFile()))) {
                if (page > doc.getNumberOfPages()) {
                    throw ApiException.notFound();
                }
                BufferedImage image = new PDFRenderer(doc).renderImageWithDPI(page - 1, DPI, ImageType.RGB);
                Path tmp = Files.createTempFile(cache, "page", ".png");
                ImageIO.write(image, "png", tmp.toFile());
                Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return png;
            } catch (ApiException e) {
                throw e;
            } catch (Exception e) {
                throw new ApiException(422, "library_preview_failed");
            }
        }, false));
    }

    /** The stored PDF copied once into the cache directory (PDFBox wants random access). */
    private Future<Path> local(Resource r) {
        Path file = cache.resolve(r.blobId() + ".pdf");
        if (Files.exists(file)) {
            return Future.succeededFuture(file);
        }
        return storage.open(r.objectKey(), 0, null).compose(in -> workers.executeBlocking(() -> {
            try (InputStream s = in) {
                Files.createDirectories(cache);
                Path tmp = Files.createTempFile(cache, "pdf", ".tmp");
                Files.copy(s, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return file;
            }
        }, false));
    }
}
