package cn.tongbei.platform.http;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/** Security headers on every response: CSP, no sniffing, no framing, no referrer leaks. */
public final class SecurityHeaders {
    static final String CSP = "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; "
            + "style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self' ws: wss:; "
            + "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    private SecurityHeaders() {}

    public static void apply(RoutingContext ctx) {
        MultiMap headers = ctx.response().headers();
        headers.set("Content-Security-Policy", CSP);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cross-Origin-Opener-Policy", "same-origin");
        headers.set("Permissions-Policy", "camera=(self), microphone=(self), geolocation=()");
        if (ctx.request().path().startsWith("/api/")) {
            headers.set("Cache-Control", "no-store");
        }
        ctx.next();
    }
}
