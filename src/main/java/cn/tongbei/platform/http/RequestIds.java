package cn.tongbei.platform.http;

import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;

/** Gives every request an id (the client's {@code X-Request-Id} when sane) echoed in the response. */
public final class RequestIds {
    private static final String KEY = "requestId";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private RequestIds() {}

    public static void assign(RoutingContext ctx) {
        String given = ctx.request().getHeader("X-Request-Id");
        String id = given != null && SAFE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        ctx.put(KEY, id);
        Responses.rememberContext(ctx);
        ctx.response().putHeader("X-Request-Id", id);
        ctx.next();
    }

    public static String of(RoutingContext ctx) {
        String id = ctx.get(KEY);
        return id == null ? "-" : id;
    }
}
