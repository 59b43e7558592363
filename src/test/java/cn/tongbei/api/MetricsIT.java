package cn.tongbei.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.testing.Api;
import cn.tongbei.testing.Api.Reply;
import cn.tongbei.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The operator's view: Prometheus metrics from Vert.x, the SQL pool and the JVM. */
class MetricsIT {

    @Test
    @DisplayName("/metrics exposes HTTP request counts, pool usage and JVM memory in Prometheus format")
    void prometheus() {
        Api api = TestServer.api();
        api.loginDemo("teacher1").get("/api/v1/me");
        Reply r = api.get("/metrics");
        assertEquals(200, r.status());
        String body = r.body();
        assertTrue(body.contains("vertx_http_server_requests_total"), "HTTP request counter");
        assertTrue(body.contains("vertx_http_server_response_time_seconds"), "HTTP latency histogram");
        assertTrue(body.contains("vertx_pool_"), "pool metrics");
        assertTrue(body.contains("jvm_memory_used_bytes"), "JVM memory");
    }
}
