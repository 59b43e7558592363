package cn.tongbei.platform.http;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Function;

/** Small helpers that end a request with JSON. */
public final class Responses {
    private Responses() {}

    private static final String OWNER_KEY = "tongbei.requestOwner";

    /** The request's context and its event-loop thread, remembered by the first handler. */
    private record Owner(Context context, Thread thread) {}

    /** Remembers the request's context (its event loop); the first handler of every request calls this. */
    public static void rememberContext(RoutingContext ctx) {
        ctx.put(OWNER_KEY, new Owner(Vertx.currentContext(), Thread.currentThread()));
    }

    /**
     * Runs {@code write} on the request's own event loop. The HTTP server runs in strict thread mode (see
     * {@code HttpVerticle}): a response may only be written on its request's event-loop thread, while a future
     * can complete on a worker, another event loop or a library's thread. Direct when already on that thread.
     */
    public static void onRequestContext(RoutingContext ctx, Runnable write) {
        Owner owner = ctx.get(OWNER_KEY);
        if (owner == null || owner.context() == null || Thread.currentThread() == owner.thread()) {
            write.run();
        } else {
            owner.context().runOnContext(v -> write.run());
        }
    }

    public static void json(RoutingContext ctx, int status, JsonObject body) {
        onRequestContext(ctx, () -> ctx.response().setStatusCode(status).putHeader("Content-Type",
                "application/json; charset=utf-8").end(body.encode()));
    }

    /** A JSON body encoded elsewhere (e.g. on the worker that computed it), sent as it is. */
    public static void encoded(RoutingContext ctx, int status, io.vertx.core.buffer.Buffer json) {
        onRequestContext(ctx, () -> ctx.response().setStatusCode(status).putHeader("Content-Type",
                "application/json; charset=utf-8").end(json));
    }

    public static void ok(RoutingContext ctx, JsonObject body) {
        json(ctx, 200, body);
    }

    public static void created(RoutingContext ctx, JsonObject body) {
        json(ctx, 201, body);
    }

    public static void noContent(RoutingContext ctx) {
        onRequestContext(ctx, () -> ctx.response().setStatusCode(204).end());
    }

    public static <T> JsonObject items(List<T> list, Function<T, JsonObject> toJson) {
        JsonArray array = new JsonArray();
        list.forEach(item -> array.add(toJson.apply(item)));
        return new JsonObject().put("items", array);
    }

    /** Ends the request with the future's JSON, or fails it into the error path. */
    public static void reply(RoutingContext ctx, int status, Future<JsonObject> future) {
        future.onSuccess(body -> json(ctx, status, body)).onFailure(ctx::fail);
    }
}
