package cn.tongbei.library;

import cn.tongbei.access.AccessPolicy;
import cn.tongbei.access.Principal;
import cn.tongbei.identity.Authenticator;
import cn.tongbei.platform.http.ApiException;
import cn.tongbei.platform.http.Fields;
import cn.tongbei.platform.http.Responses;
import cn.tongbei.platform.storage.ObjectStorage;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The resource routes: upload, read, edit, delete, download (counted, with ranges), signed file links for
 * players, preview, favorite, rating, extraction retry and the review queue.
 */
final class ResourceRoutes {
    private final ResourceRepository repo;
    private final ObjectStorage storage;
    private final UploadHandler upload;
    private final FileSender files;
    private final FileTickets tickets;
    private final Previews previews;
    private final Extraction extraction;
    private final ResourceEvents events;

    ResourceRoutes(ResourceRepository repo, ObjectStorage storage, UploadHandler upload, FileSender files,
            FileTickets tickets, Previews previews, Extraction extraction, ResourceEvents events) {
        this.repo = repo;
        this.storage = storage;
        this.upload = upload;
        this.files = files;
        this.tickets = tickets;
        this.previews = previews;
        this.extraction = extraction;
        this.events = events;
    }

    void mount(Router api) {
        api.post("/resources").handler(upload);
        api.get("/resources/mine").handler(this::mine);
        api.get("/resources/favorites").handler(this::favorites);
        api.get("/resources/:id").handler(this::get);
        api.patch("/resources/:id").handler(this::edit);
        api.delete("/resources/:id").handler(this::delete);
        api.get("/resources/:id/download").handler(this::download);
        api.get("/resources/:id/preview").handler(this::preview);
        api.put("/resources/:id/favorite").handler(ctx -> favorite(ctx, true));
        api.delete("/resources/:id/favorite").handler(ctx -> favorite(ctx, false));
        api.put("/resources/:id/rating").handler(this::rate);
        api.post("/resources/:id/extraction").handler(this::retry);
        api.post("/resources/:id/review").handler(this::review);
        api.get("/library/groups/:groupId/review-queue").handler(this::queue);
        api.put("/library/groups/:groupId/settings").handler(this::settings);
    }

    /** Signed file links work without a bearer token (the signature is the permission). */
    void mountPublic(Router api) {
        // hold an upload's body while the authenticator (asynchronous) runs; UploadHandler resumes it
        api.post("/resources").handler(ctx -> {
            ctx.request().pause();
            ctx.next();
        });
        api.get("/library/files/:ticket").handler(this::file);
        api.get("/library/files/:ticket/pages/:page").handler(this::page);
    }

    /** The resource if this user may see it, else 404. */
    Future<Resource> visible(Principal p, long id) {
        return repo.find(id).map(r -> {
            AccessPolicy.viewResource(p, r.ref()).require();
            return r;
        });
    }

    private void get(RoutingContext ctx) {
        Principal p = Authenticator.principal(ctx);
        long id = Fields.pathId(ctx, "id");
        visible(p, id).compose(r -> Future.all(repo.isFavorite(id, p.userId()), repo.myRating(id, p.userId()))
                .map(f -> r.toJson().put("favorite", f.resultAt(0)).put("myRating", f.resultAt(1))
                        .put("canEdit", AccessPolicy.editResource(p, r.ref()).allowed())
                        .put("canReview", AccessPolicy.reviewLibrary(p, r.groupId()).allowed())
                        .put("previewKind", previews.kind(r))
                        .put("fileUrl", "/api/v1/library/files/" + tickets.issue(id, now()))))
                .onSuccess(json -> Responses.ok(ctx, json)).onFailure(ctx::fail);
    }

    private void mine(RoutingContext ctx) {
        Principal p = Authenticator.principal(ctx);
        repo.list(LibrarySql.MINE, p.userId()).onSuccess(list -> Responses.ok(ctx, Responses.items(list,
                Resource::toJson))).onFailure(ctx::fail);
    }

    private void favorites(RoutingContext ctx) {
        Principal p = Authenticator.principal(ctx);
        repo.list(LibrarySql.FAVORITES, p.userId())
                .map(list -> list.stream().filter(r -> AccessPolicy.viewResource(p, r.ref()).allowed()).toList())
                .onSuccess(list -> Responses.ok(ctx, Responses.items(list, Resource::toJson))).onFailure(ctx::fail);
    }

    private void edit(RoutingContext ctx) {
        Principal p = Authenticator.principal(ctx);
        long id = Fields.pathId(ctx, "id");
        Fields.of(ctx);
        JsonObject body = ctx.body().asJsonObject();
        repo.find(id).compose(r -> {
            AccessPolicy.editResource(p, r.ref()).require();
            Resource.Metadata m = MetadataForm.read(body, r.meta(), r.meta().title());
            return repo.requiresReview(r.groupId()).compose(review -> repo.update(id, m,
                    reviewState(p, r, m, review)));
        }).compose(v -> repo.find(id)).onSuccess(r -> {
            events.changed(id);
            Responses.ok(ctx, r.toJson());
        }).onFailure(ctx::fail);
    }

    /** Widening a share in a reviewing group sends it back to the queue; other edits keep the decision. */
    private static String reviewState(Principal p, Resource r, Resource.Metadata m, boolean review) {
        boolean shared = m.visibility().equals("group") || m.visibility().equals("public");
        boolean wasShared = r.meta().visibility().equals("group") || r.meta().visibility().equals("public");
        if (!review || !shared || AccessPolicy.reviewLibrary(p, r.groupId()).allowed()) {
            return "approved";
        }
        return wasShared ? r.reviewState() : "pending";
    }

    private void delete(RoutingContext ctx) {
        Principal p = Authenticator.principal(ctx);
        long id = Fields.pathId(ctx, "id");
        repo.find(id).compose(r -> {
            AccessPolicy.editResource(p, r.ref()).require();
            return repo.delete(id);
        }).compose(key -> key == null ? Future.succeededFuture() : storage.delete(key)).onSuccess(v -> {
            events.removed(id);
            Responses.noContent(ctx);
        }).onFailure(ctx::fail);
    }

    private void download(RoutingContext ctx) {
        Principal p = Authenticator.principal(ctx);
        long id = Fields.pathId(ctx, "id");
        visible(p, id).compose(r -> {
            boolean fromStart = ctx.request().getHeader("Range") == null
                    || ctx.request().getHeader("Range").matches("bytes=0-.*");
            return (fromStart ? repo.countDownload(id) : Future.<Void>succeededFuture()).compose(v -> files.send(ctx,
                    r, true)).onSuccess(v -> {
                        if (fromStart) {
                            events.changed(id);
                        }
                    });
        }).onFailure(e -> failUnlessSent(ctx, e));
    }

    private void file(RoutingContext ctx) {
        long id = tickets.verify(ctx.pathParam("ticket"), now());
        if (id < 0) {
            throw ApiException.notFound();
        }
        boolean download = "1".equals(ctx.queryParams().get("download"));
        boolean counted = download && (ctx.request().getHeader("Range") == null
                || ctx.request().getHeader("Range").matches("bytes=0-.*"));
        repo.find(id).compose(r -> (counted ? repo.countDownload(id) : Future.<Void>succeededFuture())
                .compose(v -> files.send(ctx, r, download))).onSuccess(v -> {
                    if (counted) {
                        events.changed(id);
                    }
                }).onFailure(e -> failUnlessSent(ctx, e));
    }

    private void preview(RoutingContext ctx) {
        Principal p = Authenticator.principal(ctx);
        long id = Fields.pathId(ctx, "id");
        visible(p, id).compose(r -> previews.describe(r).map(pv -> {
            String ticket = tickets.issue(id, now());
            boolean paged = pv.kind().equals("pdf") || pv.kind().equals("office");
            return new JsonObject().put("kind", pv.kind()).put("pages", pv.pages()).put("mime", r.mime())
                    .put("reason", pv.reason()).put("url", "/api/v1/library/files/" + ticket)
                    .put("pageUrl", paged ? "/api/v1/library/files/" + ticket + "/pages/" : null);
        })).onSuccess(json -> Responses.ok(ctx, json)).onFailure(ctx::fail);
    }

    private void page(RoutingContext ctx) {
        long id = tickets.verify(ctx.pathParam("ticket"), now());
        if (id < 0) {
            throw ApiException.notFound();
        }
        int page = (int) Fields.pathId(ctx, "page");
        repo.find(id).compose(r -> previews.page(r, page)).onSuccess(png -> Responses.onRequestContext(ctx,
                () -> ctx.response().putHeader("Content-Type", "image/png").putHeader("Cache-Control",
                        "private, max-age=600").sendFile(png.toString())))
                .onFailure(ctx::fail);
    }

    private void favorite(RoutingContext ctx, boolean on) {
        Principal p = Authenticator.principal(ctx);
        long id = Fields.pathId(ctx, "id");
        visible(p, id).compose(r -> repo.favorite(id, p.userId(), on)).onSuccess(v -> {
            events.changed(id);
            Responses.noContent(ctx);
        }).onFailure(ctx::fail);
    }

    private void rate(RoutingContext ctx) {
        Principal p = Authenticator.principal(ctx);
        long id = Fields.pathId(ctx, "id");
        Fields f = Fields.of(ctx).allowOnly("stars");
        Object raw = f.raw("stars");
        int stars = raw instanceof Integer n && n >= 1 && n <= 5 ? n : 0;
        if (stars == 0) {
            f.fail("stars", "library_stars");
        }
        f.validate();
        visible(p, id).compose(r -> repo.rate(id, p.userId(), stars)).compose(v -> repo.find(id)).onSuccess(r -> {
            events.changed(id);
            Responses.ok(ctx, new JsonObject().put("rating", r.rating()).put("ratingCount", r.ratingCount())
                    .put("myRating", stars));
        }).onFailure(ctx::fail);
    }

    private void retry(RoutingContext ctx) {
        Principal p = Authenticator.principal(ctx);
        long id = Fields.pathId(ctx, "id");
        repo.find(id).compose(r -> {
            AccessPolicy.editResource(p, r.ref()).require();
            return repo.setStatus(id, "processing", null, 0);
        }).onSuccess(v -> {
            extraction.submit(id);
            Responses.json(ctx, 202, new JsonObject().put("id", id).put("status", "processing"));
        }).onFailure(ctx::fail);
    }

    private void review(RoutingContext ctx) {
        Principal p = Authenticator.principal(ctx);
        long id = Fields.pathId(ctx, "id");
        Fields f = Fields.of(ctx).allowOnly("decision", "reason");
        String decision = f.requiredString("decision", 1, 20);
        String reason = f.optionalString("reason", 500);
        if (decision != null && !List.of("approved", "rejected").contains(decision)) {
            f.fail("decision", "one_of", "approved, rejected");
        }
        if ("rejected".equals(decision) && (reason == null || reason.isBlank())) {
            f.fail("reason", "required");
        }
        f.validate();
        repo.find(id).compose(r -> {
            AccessPolicy.reviewLibrary(p, r.groupId()).require();
            return repo.setReview(id, decision, "rejected".equals(decision) ? reason : null, p.userId());
        }).compose(v -> repo.find(id)).onSuccess(r -> {
            events.changed(id);
            Responses.ok(ctx, r.toJson());
        }).onFailure(ctx::fail);
    }

    private void queue(RoutingContext ctx) {
        Principal p = Authenticator.principal(ctx);
        long groupId = Fields.pathId(ctx, "groupId");
        AccessPolicy.reviewLibrary(p, groupId).require();
        repo.list(LibrarySql.REVIEW_QUEUE, groupId).onSuccess(list -> Responses.ok(ctx, Responses.items(list,
                Resource::toJson))).onFailure(ctx::fail);
    }

    private void settings(RoutingContext ctx) {
        Principal p = Authenticator.principal(ctx);
        long groupId = Fields.pathId(ctx, "groupId");
        Fields f = Fields.of(ctx).allowOnly("requireReview");
        Boolean required = f.optionalBoolean("requireReview");
        if (required == null) {
            f.fail("requireReview", "required");
        }
        f.validate();
        AccessPolicy.manageCatalogue(p, groupId).require();
        repo.setRequiresReview(groupId, required).onSuccess(v -> Responses.ok(ctx, new JsonObject().put(
                "requireReview", required))).onFailure(ctx::fail);
    }

    private static void failUnlessSent(RoutingContext ctx, Throwable e) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
        } else {
            ctx.fail(e);
        }
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }
}
