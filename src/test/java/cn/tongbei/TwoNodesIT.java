package cn.tongbei;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.testing.Api;
import cn.tongbei.testing.NodeProcess;
import cn.tongbei.testing.TwoNodes;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The shared two-node fixture itself: child JVMs in one cluster, a node killed and restarted. */
class TwoNodesIT {

    @Test
    @DisplayName("a token issued by one node works on the other, also after that node was killed and restarted")
    void tokens_cross_nodes_and_survive_a_kill() {
        TwoNodes nodes = TwoNodes.get();
        String token = nodes.a().api().post("/api/v1/auth/login", new JsonObject().put("username", "admin")
                .put("password", NodeProcess.ADMIN_PASSWORD)).json().getString("accessToken");
        Api onB = new Api(nodes.b().port()).as(token);
        assertEquals(200, onB.get("/api/v1/me").status());
        nodes.a().kill();
        assertTrue(!nodes.a().alive());
        assertEquals(200, onB.get("/api/v1/me").status(), "the surviving node keeps serving");
        nodes.ensureRunning();
        assertEquals(200, new Api(nodes.a().port()).as(token).get("/api/v1/me").status());
    }
}
