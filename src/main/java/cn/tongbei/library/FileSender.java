package cn.tongbei.library;

import cn.tongbei.platform.http.ApiException;
import cn.tongbei.platform.storage.ObjectStorage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Streams a stored file from S3 to the HTTP response on a worker thread, chunk by chunk, waiting for each
 * write so memory stays flat; honours a single byte range (206) so video players can seek.
 */
final class FileSender {
    private static final int CHUNK = 256 * 1024;

    private final ObjectStorage storage;
    private final WorkerExecutor workers;

    FileSender(ObjectStorage storage, WorkerExecutor workers) {
        this.storage = storage;
        this.workers = workers;
    }

    /** Sends the resource's file; {@code attachment} asks the browser to save it rather than show it. */
    Future<Void> send(RoutingContext ctx, Resource r, boolean attachment) {
        ByteRange range;
        try {
            range = ByteRange.parse(ctx.request().getHeader("Range"), r.sizeBytes());
        } catch (ByteRange.Unsatisfiable e) {
            ctx.response().setStatusCode(416).putHeader("Content-Range", "bytes */" + r.sizeBytes()).end();
            return Future.succeededFuture();
        }
        HttpServerResponse res = ctx.response();
        long length = range == null ? r.sizeBytes() : range.length();
        res.setStatusCode(range == null ? 200 : 206)
                .putHeader("Content-Type", inlineSafe(r.mime(), attachment))
                .putHeader("Content-Length", String.valueOf(length))
                .putHeader("Accept-Ranges", "bytes")
                .putHeader("Cache-Control", "private, max-age=300")
                .putHeader("Content-Disposition", disposition(r.fileName(), attachment));
        if (range != null) {
            res.putHeader("Content-Range", "bytes " + range.start() + "-" + range.end() + "/" + r.sizeBytes());
        }
        if (ctx.request().method().name().equals("HEAD")) {
            res.end();
            return Future.succeededFuture();
        }
        Context context = ctx.vertx().getOrCreateContext();
        return storage.open(r.objectKey(), range == null ? 0 : range.start(), range == null ? null : length)
                .compose(in -> workers.executeBlocking(() -> pump(in, res, context), false));
    }

    /**
     * Reads on the worker, writes on the request's event loop (the HTTP server runs in strict thread mode:
     * a response is written only on its own context), waiting for each write.
     */
    private static Void pump(InputStream in, HttpServerResponse res, Context context) throws Exception {
        try (in) {
            byte[] chunk = new byte[CHUNK];
            int n;
            while ((n = in.readNBytes(chunk, 0, CHUNK)) > 0) {
                Buffer data = Buffer.buffer(n).appendBytes(chunk, 0, n);
                onContext(context, () -> res.write(data)).get(60, TimeUnit.SECONDS);
            }
            onContext(context, res::end).get(60, TimeUnit.SECONDS);
            return null;
        } catch (Exception e) {
            context.runOnContext(v -> res.reset());
            throw ApiException.badRequest("library_download_broken");
        }
    }

    private static CompletableFuture<Void> onContext(Context context, Supplier<Future<Void>> write) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                write.get().onComplete(ar -> {
                    if (ar.succeeded()) {
                        done.complete(null);
                    } else {
                        done.completeExceptionally(ar.cause());
                    }
                });
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /** Only images, video, audio and PDF are shown inline; everything else is sent as a download. */
    private static String inlineSafe(String mime, boolean attachment) {
        boolean inlineOk = mime.startsWith("image/") && !mime.contains("svg") || mime.startsWith("video/")
                || mime.equals("application/pdf");
        return attachment || inlineOk ? mime : "application/octet-stream";
    }

    static String disposition(String fileName, boolean attachment) {
        String ascii = fileName.replaceAll("[^A-Za-z0-9._-]", "_");
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return (attachment ? "attachment" : "inline") + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
