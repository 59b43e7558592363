package cn.tongbei.platform.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The storage service against a real (embedded) S3 server, with every call off the event loop. */
@ExtendWith(VertxExtension.class)
class ObjectStorageIT {
    static EmbeddedS3Server s3;

    @BeforeAll
    static void start() {
        Path dir = TestServer.freshDataDir("s3");
        s3 = EmbeddedS3Server.start(dir);
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    ObjectStorage storage(Vertx vertx, String bucket) {
        return new ObjectStorage(vertx, s3.endpoint(), s3.accessKey(), s3.secretKey(), "us-east-1", bucket);
    }

    @Test
    @DisplayName("creates its bucket, stores and reads back an object with a Chinese key, then deletes it")
    void round_trip(Vertx vertx, VertxTestContext ctx) {
        ObjectStorage storage = storage(vertx, "round-trip");
        String key = "资源/七年级/二次函数 课件.pptx";
        Buffer data = Buffer.buffer("同备 · 集体备课 " + "x".repeat(10_000));
        storage.ensureBucket()
                .compose(x -> storage.ensureBucket())
                .compose(x -> storage.put(key, data, "application/octet-stream"))
                .compose(x -> storage.size(key))
                .compose(size -> {
                    ctx.verify(() -> assertEquals(data.length(), size));
                    return storage.get(key);
                })
                .compose(read -> {
                    ctx.verify(() -> {
                        assertTrue(Vertx.currentContext() == null || Vertx.currentContext().isEventLoopContext());
                        assertEquals(data, read);
                    });
                    return storage.delete(key);
                })
                .compose(x -> storage.size(key))
                .onComplete(ctx.succeeding(size -> ctx.verify(() -> {
                    assertEquals(-1L, size);
                    ctx.completeNow();
                })));
    }

    @Test
    @DisplayName("the readiness probe answers false when the S3 server is unreachable")
    void ping_fails_when_down(Vertx vertx, VertxTestContext ctx) {
        ObjectStorage down = new ObjectStorage(vertx, "http://127.0.0.1:9", "a", "b", "us-east-1", "nothing");
        down.ping().onComplete(ar -> ctx.verify(() -> {
            assertFalse(ar.succeeded() && ar.result());
            ctx.completeNow();
        }));
    }
}
