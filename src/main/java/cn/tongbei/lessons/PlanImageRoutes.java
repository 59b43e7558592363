package cn.tongbei.lessons;

import cn.tongbei.access.AccessPolicy;
import cn.tongbei.access.Principal;
import cn.tongbei.identity.Authenticator;
import cn.tongbei.platform.http.ApiException;
import cn.tongbei.platform.http.Fields;
import cn.tongbei.platform.http.Responses;
import cn.tongbei.platform.storage.ObjectStorage;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Images of lesson plans in S3. {@code POST /prep/plans/{id}/images} (raw body, whoever may edit the plan) sniffs
 * the bytes (PNG, JPEG, GIF, WebP only), stores them under a generated key and answers the image's URL, which the
 * editor inserts as an image embed. {@code GET /prep/plans/{id}/images/{name}} serves an image to whoever may read
 * the plan: with a bearer token, or with the plan's image ticket {@code ?t=} (for {@code <img>} elements, which
 * cannot send one), issued with the plan to its readers and signed with a key shared by all nodes.
 */
final class PlanImageRoutes {
    static final long TICKET_TTL_SECONDS = 6 * 3600;
    private static final String PATH = "/api/v1/prep/plans/:planId/images";

    private final Pool pool;
    private final ObjectStorage storage;
    private final PrepService prep;
    private final byte[] key;

    private PlanImageRoutes(Pool pool, ObjectStorage storage, PrepService prep, byte[] key) {
        this.pool = pool;
        this.storage = storage;
        this.prep = prep;
        this.key = key;
    }

    /** Loads (or, on the first node ever, creates) the shared ticket key. */
    static Future<PlanImageRoutes> create(Pool pool, ObjectStorage storage, PrepService prep) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        return pool.preparedQuery("INSERT INTO lessons_image_key (id, key) VALUES (1, $1) ON CONFLICT (id) DO NOTHING")
                .execute(Tuple.of(Buffer.buffer(fresh)))
                .compose(x -> pool.query("SELECT key FROM lessons_image_key WHERE id = 1").execute())
                .map(rows -> new PlanImageRoutes(pool, storage, prep,
                        rows.iterator().next().getBuffer("key").getBytes()));
    }

    /**
     * On the root router, before authentication: the upload body is read here with its own limit (the JSON body
     * limit is smaller), and a ticketed image request is answered here without a bearer token.
     */
    void mountRoot(Router root) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(PlanImages.UPLOAD_MAX_BYTES);
        root.post(PATH).handler(ctx -> {
            String auth = ctx.request().getHeader("Authorization");
            if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                ctx.fail(ApiException.unauthorized("unauthorized"));
                return;
            }
            String length = ctx.request().getHeader("Content-Length");
            if (length != null && length.length() < 19 && length.chars().allMatch(Character::isDigit)
                    && Long.parseLong(length) > PlanImages.UPLOAD_MAX_BYTES) {
                ctx.fail(tooLarge());
                return;
            }
            body.handle(ctx);
        });
        root.get(PATH + "/:name").handler(ctx -> {
            String ticket = ctx.queryParams().get("t");
            if (ticket == null) {
                ctx.next();
                return;
            }
            long planId = Fields.pathId(ctx, "planId");
            if (!valid(ticket, planId, System.currentTimeMillis() / 1000)) {
                ctx.fail(ApiException.notFound());
                return;
            }
            send(ctx, planId);
        });
    }

    void mount(Router api) {
        api.post("/prep/plans/:planId/images").handler(this::upload);
        api.get("/prep/plans/:planId/images/:name").handler(ctx -> {
            long planId = Fields.pathId(ctx, "planId");
            prep.plan(Authenticator.principal(ctx), planId).onSuccess(v -> send(ctx, planId)).onFailure(ctx::fail);
        });
    }

    static ApiException tooLarge() {
        return new ApiException(413, "lessons_image_too_large", PlanImages.UPLOAD_MAX_BYTES / (1024 * 1024));
    }

    private void upload(RoutingContext ctx) {
        Principal p = Authenticator.principal(ctx);
        long planId = Fields.pathId(ctx, "planId");
        Buffer bytes = ctx.body() == null ? null : ctx.body().buffer();
        prep.plan(p, planId).compose(v -> {
            AccessPolicy.editPlan(p, v.plan().ref(v.activity(), p)).require();
            if (bytes == null || bytes.length() == 0) {
                throw ApiException.badRequest("lessons_image_empty");
            }
            if (bytes.length() > PlanImages.UPLOAD_MAX_BYTES) {
                throw tooLarge();
            }
            String ext = PlanImages.sniff(bytes.getBytes(0, Math.min(bytes.length(), 16)));
            if (ext == null) {
                throw ApiException.badRequest("lessons_image_type");
            }
            String name = UUID.randomUUID().toString().replace("-", "") + "." + ext;
            String url = "/api/v1/prep/plans/" + planId + "/images/" + name;
            return storage.put(PlanImages.keyOf(url), bytes, PlanImages.TYPES.get(ext))
                    .map(x -> new JsonObject().put("url", url).put("size", bytes.length())
                            .put("type", PlanImages.TYPES.get(ext)));
        }).onSuccess(json -> Responses.created(ctx, json)).onFailure(ctx::fail);
    }

    private void send(RoutingContext ctx, long planId) {
        String src = "/api/v1/prep/plans/" + planId + "/images/" + ctx.pathParam("name");
        String k = PlanImages.keyOf(src);
        if (k == null) {
            ctx.fail(ApiException.notFound());
            return;
        }
        String ext = src.substring(src.lastIndexOf('.') + 1);
        storage.get(k).onSuccess(b -> Responses.onRequestContext(ctx, () -> ctx.response().putHeader(
                "Content-Type", PlanImages.TYPES.get(ext))
                .putHeader("Cache-Control", "private, max-age=86400, immutable")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Content-Security-Policy", "default-src 'none'")
                .end(b))).onFailure(e -> ctx.fail(ApiException.notFound()));
    }

    /** A ticket opening the images of {@code planId} to {@code userId} for {@link #TICKET_TTL_SECONDS}. */
    String ticket(long planId, long userId, long nowSeconds) {
        String body = userId + "." + (nowSeconds + TICKET_TTL_SECONDS);
        return body + "." + sign(planId + "." + body);
    }

    boolean valid(String ticket, long planId, long nowSeconds) {
        String[] parts = ticket.split("\\.");
        if (parts.length != 3 || parts[0].length() > 19 || parts[1].length() > 19) {
            return false;
        }
        String body = parts[0] + "." + parts[1];
        if (!MessageDigest.isEqual(sign(planId + "." + body).getBytes(StandardCharsets.US_ASCII),
                parts[2].getBytes(StandardCharsets.US_ASCII))) {
            return false;
        }
        try {
            return Long.parseLong(parts[1]) >= nowSeconds;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
