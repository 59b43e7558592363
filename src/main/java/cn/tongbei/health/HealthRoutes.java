package cn.tongbei.health;

import cn.tongbei.platform.http.Responses;
import cn.tongbei.platform.ops.Lifecycle;
import cn.tongbei.platform.storage.ObjectStorage;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;

/** Liveness (the process answers) and readiness (PostgreSQL and S3 answer, and the node is not draining). */
public final class HealthRoutes {
    private static final long CHECK_TIMEOUT_MS = 3000;

    private final Pool pool;
    private final ObjectStorage storage;
    private final Lifecycle lifecycle;

    public HealthRoutes(Pool pool, ObjectStorage storage, Lifecycle lifecycle) {
        this.pool = pool;
        this.storage = storage;
        this.lifecycle = lifecycle;
    }

    public void mount(Router router) {
        router.get("/health/live").handler(this::live);
        router.get("/health/ready").handler(this::ready);
    }

    private void live(RoutingContext ctx) {
        Responses.ok(ctx, new JsonObject().put("status", "UP"));
    }

    private void ready(RoutingContext ctx) {
        if (lifecycle.draining()) {
            Responses.json(ctx, 503, new JsonObject().put("status", "DRAINING"));
            return;
        }
        Future<String> postgres = check(pool.query("SELECT 1").execute().map(rows -> true));
        Future<String> s3 = check(storage.ping());
        Future.join(postgres, s3).onComplete(x -> {
            boolean up = "UP".equals(postgres.result()) && "UP".equals(s3.result());
            Responses.json(ctx, up ? 200 : 503, new JsonObject().put("status", up ? "UP" : "DOWN")
                    .put("checks", new JsonObject().put("postgres", postgres.result()).put("s3", s3.result())));
        });
    }

    private static Future<String> check(Future<Boolean> probe) {
        return probe.timeout(CHECK_TIMEOUT_MS, TimeUnit.MILLISECONDS).map(ok -> ok ? "UP" : "DOWN")
                .otherwise("DOWN");
    }
}
