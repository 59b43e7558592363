package cn.tongbei.platform.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Function;

/** Small helpers that end a request with JSON. */
public final class Responses {
    private Responses() {}

    public static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body.encode());
    }

    public static void ok(RoutingContext ctx, JsonObject body) {
        json(ctx, 200, body);
    }

    public static void created(RoutingContext ctx, JsonObject body) {
        json(ctx, 201, body);
    }

    public static void noContent(RoutingContext ctx) {
        ctx.response().setStatusCode(204).end();
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
