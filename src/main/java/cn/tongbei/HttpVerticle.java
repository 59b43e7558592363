package cn.tongbei;

import cn.tongbei.groups.GroupRoutes;
import cn.tongbei.groups.MetaRoutes;
import cn.tongbei.health.HealthRoutes;
import cn.tongbei.identity.AuthRoutes;
import cn.tongbei.identity.Authenticator;
import cn.tongbei.identity.UserRoutes;
import cn.tongbei.platform.config.TongbeiConfig;
import cn.tongbei.platform.http.AccessLog;
import cn.tongbei.platform.http.ErrorHandler;
import cn.tongbei.platform.http.RequestIds;
import cn.tongbei.platform.http.SecurityHeaders;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.List;

/** The HTTP server: platform handlers first, then each feature mounts its own routes, then the web shell. */
public final class HttpVerticle extends VerticleBase {

    /** What the routes are built from; created once per process and shared by all instances. */
    public record Features(Authenticator authenticator, AuthRoutes auth, UserRoutes users, GroupRoutes groups,
            MetaRoutes meta, HealthRoutes health, PrometheusMeterRegistry meters, List<Module> modules) {}

    private final TongbeiConfig config;
    private final Features features;
    private HttpServer server;
    private Router router;

    public HttpVerticle(TongbeiConfig config, Features features) {
        this.config = config;
        this.features = features;
    }

    @Override
    public Future<?> start() {
        router = router();
        // Strict thread mode: responses are written only on the request's event loop (never from a worker or a
        // foreign thread), so each HTTP connection writes directly instead of through a multi-producer queue
        // (a 4 KB array per connection, kept for the whole life of a websocket: docs/architecture.md).
        return vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(true).setMaxFormAttributeSize(
                8192).setStrictThreadMode(true)).requestHandler(router)
                .listen(config.http().port(), config.http().host())
                .onSuccess(s -> server = s);
    }

    /** The route table, for the test that checks it against the OpenAPI document. */
    public Router routes() {
        return router;
    }

    public int actualPort() {
        return server.actualPort();
    }

    Router router() {
        ErrorHandler errors = new ErrorHandler();
        Router router = Router.router(vertx);
        router.route().handler(RequestIds::assign);
        router.route().handler(SecurityHeaders::apply);
        if (config.http().accessLog()) {
            router.route().handler(AccessLog::handle);
        }
        features.health().mount(router);
        router.get("/metrics").handler(PrometheusScrapingHandler.create(features.meters()));
        router.get("/api/openapi.yaml").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/yaml; charset=utf-8").sendFile("openapi.yaml"));

        features.modules().forEach(m -> m.mountRoot(router));

        Router api = Router.router(vertx);
        BodyHandler json = BodyHandler.create(false).setBodyLimit(config.http().bodyLimitBytes());
        api.route().handler(ctx -> {
            // multipart uploads stream to their own handler (no buffering, their own size limit)
            if (isMultipart(ctx)) {
                ctx.next();
            } else {
                json.handle(ctx);
            }
        });
        features.meta().mount(api);
        features.auth().mountPublic(api);
        features.modules().forEach(m -> m.mountPublic(api));
        api.route().handler(features.authenticator());
        features.auth().mount(api);
        features.groups().mount(api);
        features.users().mount(api);
        features.modules().forEach(m -> m.mount(api));
        api.route().failureHandler(errors);
        api.errorHandler(404, errors.forStatus(404));
        api.errorHandler(405, errors.forStatus(405));
        router.route("/api/v1/*").subRouter(api);

        router.get("/*").handler(StaticHandler.create(FileSystemAccess.ROOT,
                config.http().webroot().toAbsolutePath().toString()).setCachingEnabled(false)
                .setIndexPage("index.html"));
        router.route().failureHandler(errors);
        router.errorHandler(404, errors.forStatus(404));
        router.errorHandler(405, errors.forStatus(405));
        router.errorHandler(500, errors);
        return router;
    }

    private static boolean isMultipart(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
    }
}
