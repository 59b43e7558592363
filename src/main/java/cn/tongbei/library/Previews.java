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
 * Office and WPS documents are converted to PDF with LibreOffice when it is installed ({@link OfficeConverter}, one
 * conversion at a time on its own thread, at most {@link #MAX_QUEUED} waiting) and then rendered the same way;
 * without LibreOffice, or when the conversion fails, they report {@code unavailable} with a reason.
 */
final class Previews {
    private static final float DPI = 96;
    static final int MAX_PAGES = 50;

    private final ObjectStorage storage;
    private final WorkerExecutor workers;
    static final int MAX_QUEUED = 20;
    private static final java.util.Set<String> OFFICE = java.util.Set.of("application/msword",
            "application/vnd.ms-powerpoint", "application/vnd.ms-excel", "application/vnd.ms-works");

    private final Path cache;
    private final OfficeConverter converter;
    private final java.util.concurrent.ThreadPoolExecutor conversions;
    private final java.util.Map<Long, Future<Path>> converting = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * How a resource can be previewed: its kind ({@code image}, {@code video}, {@code pdf}, {@code office},
     * {@code text}, {@code unavailable}), the number of pages for pdf/office, and why when unavailable
     * ({@code no_converter}, {@code conversion_failed}, {@code unsupported}).
     */
    record Preview(String kind, int pages, String reason) {
        Preview(String kind, int pages) {
            this(kind, pages, null);
        }
    }

    Previews(ObjectStorage storage, WorkerExecutor workers, Path cache, OfficeConverter converter) {
        this.storage = storage;
        this.workers = workers;
        this.cache = cache;
        this.converter = converter;
        this.conversions = new java.util.concurrent.ThreadPoolExecutor(1, 1, 60, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.ArrayBlockingQueue<>(MAX_QUEUED), r -> {
                    Thread t = new Thread(r, "library-office-preview");
                    t.setDaemon(true);
                    return t;
                });
    }

    static boolean isOffice(Resource r) {
        return OFFICE.contains(r.mime()) || r.mime().startsWith("application/vnd.openxmlformats-officedocument.");
    }

    /** The preview kind of a resource on this server (office only when LibreOffice is installed). */
    String kind(Resource r) {
        String kind = kindOf(r);
        return kind.equals("office") && converter == null ? "unavailable" : kind;
    }

    boolean converts() {
        return converter != null;
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
        return isOffice(r) ? "office" : "unavailable";
    }

    Future<Preview> describe(Resource r) {
        String kind = kind(r);
        if (kind.equals("unavailable")) {
            return Future.succeededFuture(new Preview(kind, 0, isOffice(r) ? "no_converter" : "unsupported"));
        }
        if (!kind.equals("pdf") && !kind.equals("office")) {
            return Future.succeededFuture(new Preview(kind, 0));
        }
        return local(r).compose(file -> workers.executeBlocking(() -> {
            try (PDDocument doc = Loader.loadPDF(new RandomAccessReadBufferedFile(file.toFile()))) {
                return new Preview(kind, Math.min(MAX_PAGES, doc.getNumberOfPages()));
            } catch (Exception e) {
                return new Preview("unavailable", 0, "conversion_failed");
            }
        }, false)).recover(e -> e instanceof ApiException api && api.status() != 422
                ? Future.failedFuture(e)
                : Future.succeededFuture(new Preview("unavailable", 0, "conversion_failed")));
    }

    /** The PNG of page {@code page} (1-based) of a PDF resource. */
    Future<Path> page(Resource r, int page) {
        String kind = kind(r);
        if (!kind.equals("pdf") && !kind.equals("office") || page < 1 || page > MAX_PAGES) {
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

    /**
     * The stored PDF copied once into the cache directory (PDFBox wants random access); for an Office/WPS document
     * the PDF LibreOffice made of it (converted once per stored file; concurrent requests share the conversion).
     */
    private Future<Path> local(Resource r) {
        Path file = cache.resolve(r.blobId() + ".pdf");
        if (Files.exists(file)) {
            return Future.succeededFuture(file);
        }
        if (!kindOf(r).equals("office")) {
            return copy(r, file);
        }
        Path failed = cache.resolve(r.blobId() + ".failed");
        if (Files.exists(failed)) {
            return Future.failedFuture(new ApiException(422, "library_preview_failed"));
        }
        io.vertx.core.Promise<Path> promise = io.vertx.core.Promise.promise();
        Future<Path> running = converting.putIfAbsent(r.blobId(), promise.future());
        if (running != null) {
            return running;
        }
        promise.future().onComplete(x -> converting.remove(r.blobId()));
        Path source = cache.resolve(r.blobId() + ".source." + OfficeConverter.extension(r));
        copy(r, source).onFailure(promise::fail).onSuccess(in -> {
            try {
                conversions.execute(() -> convert(r, in, file, failed, promise));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                promise.fail(new ApiException(503, "library_preview_busy"));
            }
        });
        return promise.future();
    }

    private void convert(Resource r, Path in, Path file, Path failed, io.vertx.core.Promise<Path> promise) {
        try {
            converter.convert(in, file);
            promise.complete(file);
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(Previews.class).warn("preview conversion of resource {} failed: {}",
                    r.id(), e.toString());
            try {
                Files.writeString(failed, String.valueOf(e.getMessage()));
            } catch (java.io.IOException ignored) {
                // the next request tries again
            }
            promise.fail(new ApiException(422, "library_preview_failed"));
        } finally {
            try {
                Files.deleteIfExists(in);
            } catch (java.io.IOException ignored) {
                // a leftover source copy is overwritten next time
            }
        }
    }

    private Future<Path> copy(Resource r, Path file) {
        return storage.open(r.objectKey(), 0, null).compose(in -> workers.executeBlocking(() -> {
            try (InputStream s = in) {
                Files.createDirectories(cache);
                Path tmp = Files.createTempFile(cache, "copy", ".tmp");
                Files.copy(s, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return file;
            }
        }, false));
    }
}
