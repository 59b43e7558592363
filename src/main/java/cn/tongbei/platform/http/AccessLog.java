package cn.tongbei.platform.http;

import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One structured line per request (request id, method, path, status, duration), JSON when logs are JSON. */
public final class AccessLog {
    private static final Logger LOG = LoggerFactory.getLogger("tongbei.access");

    private AccessLog() {}

    public static void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        ctx.addBodyEndHandler(v -> LOG.atInfo()
                .addKeyValue("requestId", RequestIds.of(ctx))
                .addKeyValue("method", ctx.request().method().name())
                .addKeyValue("path", ctx.request().path())
                .addKeyValue("status", ctx.response().getStatusCode())
                .addKeyValue("ms", (System.nanoTime() - start) / 1_000_000)
                .log("{} {} {}", ctx.request().method(), ctx.request().path(), ctx.response().getStatusCode()));
        ctx.next();
    }
}
