package cn.tongbei.platform.http;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.RoutingContext;

/**
 * Upgrades a routed request to a websocket and lets go of what only the HTTP exchange needed.
 * <p>
 * Vert.x 5.0 keeps the upgrade's HTTP request and response reachable for the whole life of the websocket (the
 * channel's handler keeps the factory that built the websocket connection, and that factory holds the request).
 * The response still carries the router's hooks (the routing context, the access log's closure) and the
 * response headers already sent with the 101; an idle socket would keep them for hours. They can never fire
 * after an upgrade (the response of an upgraded request is never ended), so they are cleared here, through the
 * public response API. See docs/benchmarks-classroom.md, "Session 3: idle memory".
 */
public final class WebSocketUpgrade {
    private WebSocketUpgrade() {}

    /**
     * {@code ctx.request().toWebSocket()}, then drops the exchange's hooks, the sent response headers and the
     * request's headers on success (the sockets read what they need — token, routing hint — from the query string
     * before the upgrade; nothing reads the handshake's headers afterwards).
     */
    public static Future<ServerWebSocket> accept(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        MultiMap requestHeaders = ctx.request().headers();
        return ctx.request().toWebSocket().onSuccess(ws -> release(response, requestHeaders));
    }

    private static void release(HttpServerResponse response, MultiMap requestHeaders) {
        response.headersEndHandler(null).bodyEndHandler(null).endHandler(null).closeHandler(null)
                .exceptionHandler(null);
        response.headers().clear();
        requestHeaders.clear();
    }
}
