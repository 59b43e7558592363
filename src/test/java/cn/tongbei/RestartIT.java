package cn.tongbei;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.tongbei.testing.Api;
import cn.tongbei.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Embedded mode keeps its data: a restart on the same data directory finds everything again. */
class RestartIT {

    @Test
    @DisplayName("a group created before a restart is still there after it, demo data is not seeded twice, "
            + "and a draining node reports not ready")
    void data_survives_restart() {
        Path dir = TestServer.freshDataDir("restart");
        long groupId;
        int users;
        try (Tongbei first = Tongbei.start(TestServer.config(dir, Map.of()))) {
            Api admin = new Api(first.port()).loginDemo("admin");
            groupId = admin.post("/api/v1/groups", new JsonObject().put("name", "重启前的集团").put("mode", "TIGHT")
                    .put("leadSchool", new JsonObject().put("name", "龙头校").put("kind", "URBAN"))).json().getLong("id");
            users = admin.get("/api/v1/groups/1").json().getInteger("userCount");
        }
        try (Tongbei second = Tongbei.start(TestServer.config(dir, Map.of()))) {
            Api admin = new Api(second.port()).loginDemo("admin");
            assertEquals("重启前的集团", admin.get("/api/v1/groups/" + groupId).json().getString("name"));
            assertEquals(users, admin.get("/api/v1/groups/1").json().getInteger("userCount"));
            Api api = new Api(second.port());
            assertEquals(200, api.get("/health/ready").status());
            second.lifecycle().startDraining();
            assertEquals(503, api.get("/health/ready").status(), "a draining node is not ready");
            assertEquals("DRAINING", api.get("/health/ready").json().getString("status"));
            assertEquals(200, api.get("/health/live").status());
        }
    }
}
