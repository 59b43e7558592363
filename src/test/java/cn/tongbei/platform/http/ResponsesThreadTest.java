package cn.tongbei.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The HTTP server runs in strict thread mode (a response is written only on its request's event loop); the
 * platform's response helpers move a write there when a future completed on another thread.
 */
class ResponsesThreadTest {
    private static Vertx vertx;
    private static HttpServer server;
    private static final CompletableFuture<Throwable> DIRECT_WRITE = new CompletableFuture<>();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route().handler(RequestIds::assign);
        router.get("/ok").handler(ctx -> Thread.ofPlatform().start(() -> Responses.ok(ctx, new JsonObject().put(
                "thread", Thread.currentThread().getName()))));
        router.get("/fail").handler(ctx -> Thread.ofPlatform().start(() -> ctx.fail(ApiException.notFound())));
        router.get("/direct").handler(ctx -> Thread.ofPlatform().start(() -> {
            try {
                ctx.response().end("written from a foreign thread");
                DIRECT_WRITE.complete(null);
            } catch (RuntimeException e) {
                DIRECT_WRITE.complete(e);
                Responses.noContent(ctx);
            }
        }));
        router.route().failureHandler(new ErrorHandler());
        // from a verticle, like HttpVerticle: strict thread mode applies to servers started on an event loop
        CompletableFuture<HttpServer> started = new CompletableFuture<>();
        vertx.deployVerticle(new VerticleBase() {
            @Override
            public Future<?> start() {
                return vertx.createHttpServer(new HttpServerOptions().setStrictThreadMode(true)).requestHandler(
                        router).listen(0, "127.0.0.1").onSuccess(started::complete);
            }
        });
        server = started.get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("a JSON answer produced on a foreign thread is written on the request's event loop")
    void answer_from_foreign_thread() throws Exception {
        HttpResponse<String> r = get("/ok");
        assertEquals(200, r.statusCode());
        assertTrue(new JsonObject(r.body()).getString("thread").startsWith("Thread-"), r.body());
    }

    @Test
    @DisplayName("a failure raised on a foreign thread still becomes the JSON error")
    void failure_from_foreign_thread() throws Exception {
        HttpResponse<String> r = get("/fail");
        assertEquals(404, r.statusCode());
        assertEquals("not_found", new JsonObject(r.body()).getJsonObject("error").getString("code"));
    }

    @Test
    @DisplayName("the strict server refuses a response written directly from a foreign thread")
    void strict_mode_is_enforced() throws Exception {
        HttpResponse<String> r = get("/direct");
        assertEquals(204, r.statusCode());
        assertInstanceOf(IllegalStateException.class, DIRECT_WRITE.get(5, TimeUnit.SECONDS));
    }
}
