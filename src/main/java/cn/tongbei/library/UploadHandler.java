package cn.tongbei.library;

import cn.tongbei.access.AccessPolicy;
import cn.tongbei.access.Principal;
import cn.tongbei.identity.Authenticator;
import cn.tongbei.library.ResourceRepository.NewResource;
import cn.tongbei.library.ResourceRepository.StoredFile;
import cn.tongbei.platform.http.ApiException;
import cn.tongbei.platform.http.Responses;
import cn.tongbei.platform.storage.ObjectStorage;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * {@code POST /api/v1/resources}: streams the multipart file straight to S3 under a generated key (multipart
 * upload in 16 MiB parts, memory bounded by back-pressure), hashing and counting as it goes; then validates the
 * metadata and the content type, and records the resource. Identical content is stored once. On any failure
 * the uploaded object is removed, so no partial resource is left.
 */
final class UploadHandler implements Handler<RoutingContext> {
    private static final long MULTIPART_OVERHEAD = 1 << 20;
    private static final long QUEUE_HIGH_WATER = 2L << 20;

    private final ObjectStorage storage;
    private final ResourceRepository repo;
    private final LibraryConfig config;
    private final LongConsumer onCreated;

    /** The uploaded file once it is safely in S3. */
    private record Upload(String fileName, String objectKey, long size, String sha256, byte[] head) {}

    UploadHandler(ObjectStorage storage, ResourceRepository repo, LibraryConfig config, LongConsumer onCreated) {
        this.storage = storage;
        this.repo = repo;
        this.config = config;
        this.onCreated = onCreated;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Principal p = Authenticator.principal(ctx);
        HttpServerRequest req = ctx.request();
        if (!ctx.request().headers().contains("Content-Type")
                || !req.getHeader("Content-Type").toLowerCase(java.util.Locale.ROOT)
                        .startsWith("multipart/form-data")) {
            throw new ApiException(415, "library_multipart_required");
        }
        if (req.isEnded()) {
            // an HTTP/2 cleartext upgrade consumed the body before it could stream; browsers never do this
            throw ApiException.badRequest("library_upload_broken");
        }
        if (declaredLength(req) > config.maxUploadBytes() + MULTIPART_OVERHEAD) {
            refuse(ctx, tooLarge());
            return;
        }
        Promise<Upload> stored = Promise.promise();
        Promise<Void> ended = Promise.promise();
        AtomicBoolean sawFile = new AtomicBoolean();
        req.setExpectMultipart(true);
        req.uploadHandler(upload -> {
            if (!"file".equals(upload.name()) || sawFile.getAndSet(true)) {
                drain(upload);
                return;
            }
            receive(upload, stored);
        });
        req.exceptionHandler(e -> stored.tryFail(ApiException.badRequest("library_upload_broken")));
        req.endHandler(v -> {
            if (!sawFile.get()) {
                stored.tryFail(ApiException.badRequest("library_file_required"));
            }
            ended.complete();
        });
        req.resume();
        stored.future().onFailure(e -> refuse(ctx, e));
        stored.future().compose(upload -> ended.future().compose(v -> save(p, req, upload)
                .onFailure(e -> storage.delete(upload.objectKey()))))
                .onSuccess(created -> {
                    Responses.created(ctx, new JsonObject().put("id", created).put("status", "processing"));
                    onCreated.accept(created);
                })
                .onFailure(e -> {
                    if (!ctx.response().ended() && stored.future().succeeded()) {
                        ctx.fail(e);
                    }
                });
    }

    private void receive(HttpServerFileUpload upload, Promise<Upload> stored) {
        String name = FileTypes.safeName(upload.filename());
        try {
            FileTypes.requireAccepted(name);
        } catch (ApiException e) {
            stored.tryFail(e);
            drain(upload);
            return;
        }
        String key = "library/" + UUID.randomUUID();
        var in = new ReadStreamInputStream(upload, Vertx.currentContext(), QUEUE_HIGH_WATER);
        UploadCounter counter = new UploadCounter(in, config.maxUploadBytes());
        storage.put(key, counter, -1, "application/octet-stream").onComplete(ar -> {
            if (ar.failed()) {
                storage.delete(key);
                stored.tryFail(counter.tooLarge() ? tooLarge() : ApiException.badRequest("library_upload_broken"));
                if (counter.tooLarge()) {
                    drain(upload);
                }
            } else if (counter.size() == 0) {
                storage.delete(key);
                stored.tryFail(ApiException.badRequest("library_empty_file"));
            } else {
                stored.tryComplete(new Upload(name, key, counter.size(), counter.sha256(), counter.head()));
            }
        });
    }

    private Future<Long> save(Principal p, HttpServerRequest req, Upload upload) {
        String defaultTitle = upload.fileName().replaceFirst("\\.[^.]*$", "");
        Resource.Metadata meta = MetadataForm.read(MetadataForm.fromForm(req.formAttributes()), null, defaultTitle);
        String mime = FileTypes.verify(upload.fileName(), upload.head());
        Long groupId = p.groupId() != null ? p.groupId() : p.groupIds().stream().findFirst().orElse(null);
        if (groupId == null) {
            throw ApiException.forbidden();
        }
        return repo.requiresReview(groupId).compose(review -> {
            boolean shared = meta.visibility().equals("group") || meta.visibility().equals("public");
            String state = review && shared && !AccessPolicy.reviewLibrary(p, groupId).allowed()
                    ? "pending"
                    : "approved";
            var file = new StoredFile(upload.sha256(), upload.objectKey(), upload.size(), mime);
            return repo.create(file, new NewResource(p.userId(), groupId, p.schoolId(), upload.fileName(), meta,
                    state));
        }).map(created -> {
            if (created.duplicate()) {
                storage.delete(upload.objectKey());
            }
            return created.id();
        });
    }

    private ApiException tooLarge() {
        return new ApiException(413, "library_too_large", String.valueOf(config.maxUploadBytes() / (1 << 20)));
    }

    /** Answers at once and closes the connection, so a refused upload is not read to its end. */
    private static void refuse(RoutingContext ctx, Throwable e) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().putHeader("Connection", "close");
        ctx.fail(e);
    }

    private static void drain(HttpServerFileUpload upload) {
        upload.handler(b -> {
        });
        upload.exceptionHandler(e -> {
        });
        upload.resume();
    }

    private static long declaredLength(HttpServerRequest req) {
        try {
            String raw = req.getHeader("Content-Length");
            return raw == null ? -1 : Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
