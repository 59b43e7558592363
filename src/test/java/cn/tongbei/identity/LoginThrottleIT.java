package cn.tongbei.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.Tongbei;
import cn.tongbei.platform.config.TongbeiConfig;
import cn.tongbei.platform.http.ApiException;
import cn.tongbei.testing.TestServer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Per-address throttling, checked directly against PostgreSQL with addresses the HTTP tests never use. */
class LoginThrottleIT {

    @Test
    @DisplayName("one address failing on many accounts is throttled; another address is not")
    void per_address() throws Exception {
        Tongbei server = TestServer.get();
        TongbeiConfig.Auth auth = TestServer.config(TestServer.freshDataDir("x"), Map.of()).auth();
        TongbeiConfig.Auth strict = new TongbeiConfig.Auth(auth.jwtSecret(), auth.accessTokenTtlSeconds(),
                auth.refreshTokenTtlDays(), auth.adminUsername(), auth.adminPassword(), 900, 5, 10, 4096, 1, 300);
        LoginThrottle throttle = new LoginThrottle(server.pool(), strict);
        String address = "198.51.100." + (System.nanoTime() % 200);
        for (int i = 0; i < 10; i++) {
            get(throttle.check("victim" + i, address));
            get(throttle.record("victim" + i, address, false));
        }
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> get(throttle.check("someone-else", address)));
        assertTrue(e.getCause() instanceof ApiException api && api.status() == 429, String.valueOf(e.getCause()));
        get(throttle.check("someone-else", "203.0.113.7"));
    }

    static <T> T get(io.vertx.core.Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
