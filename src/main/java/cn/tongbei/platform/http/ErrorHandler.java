package cn.tongbei.platform.http;

import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one error path: every failure, whatever raised it, becomes {@code {"error": {"code", "message"}}}
 * with the matching status. Only a real outage gives 5xx; its details go to the log, not to the client.
 */
public final class ErrorHandler implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);

    /** A handler for the router's own statuses (no route: 404, wrong method: 405). */
    public Handler<RoutingContext> forStatus(int status) {
        return ctx -> respond(ctx, toApiException(null, status));
    }

    @Override
    public void handle(RoutingContext ctx) {
        respond(ctx, toApiException(ctx.failure(), ctx.statusCode()));
    }

    private void respond(RoutingContext ctx, ApiException error) {
        Responses.onRequestContext(ctx, () -> write(ctx, error));
    }

    private void write(RoutingContext ctx, ApiException error) {
        if (error.status() >= 500) {
            LOG.error("request {} {} {} failed", RequestIds.of(ctx), ctx.request().method(), ctx.request().path(),
                    ctx.failure());
        }
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        Locale locale = Messages.localeOf(ctx);
        JsonObject body = new JsonObject()
                .put("code", error.code())
                .put("message", Messages.text(locale, error.code(), error.args()));
        if (!error.fields().isEmpty()) {
            JsonObject fields = new JsonObject();
            error.fields().forEach(f -> fields.put(f.field(), Messages.text(locale, "field." + f.code(), f.args())));
            body.put("fields", fields);
        }
        var response = ctx.response().setStatusCode(error.status())
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store");
        if (error.status() == 429 && !error.args().isEmpty()) {
            response.putHeader("Retry-After", String.valueOf(error.args().get(0)));
        }
        response.end(new JsonObject().put("error", body).encode());
    }

    static ApiException toApiException(Throwable failure, int status) {
        if (failure instanceof ApiException api) {
            return api;
        }
        if (failure instanceof DecodeException) {
            return ApiException.badRequest("invalid_json");
        }
        int code = failure instanceof HttpException http ? http.getStatusCode() : status;
        return switch (code) {
            case 400 -> ApiException.badRequest("bad_request");
            case 401 -> ApiException.unauthorized("unauthorized");
            case 403 -> ApiException.forbidden();
            case 404 -> ApiException.notFound();
            case 405 -> new ApiException(405, "method_not_allowed");
            case 413 -> new ApiException(413, "payload_too_large");
            case 415 -> new ApiException(415, "unsupported_media_type");
            case 503 -> new ApiException(503, "unavailable");
            default -> new ApiException(500, "internal_error");
        };
    }
}
