package cn.tongbei.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.testing.Api.Reply;
import cn.tongbei.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The OpenAPI document served at /api/openapi.yaml lists every route the server has, and no others. */
class OpenApiIT {

    @Test
    @DisplayName("every route of the running server is in the OpenAPI document, and every documented one exists")
    void document_matches_routes() throws Exception {
        Reply r = TestServer.api().get("/api/openapi.yaml");
        assertEquals(200, r.status());
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(r.body());
        assertTrue(doc.get("openapi").asText().startsWith("3."));
        Set<String> documented = new TreeSet<>();
        doc.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (Set.of("get", "post", "put", "patch", "delete").contains(op.getKey())) {
                documented.add(op.getKey().toUpperCase() + " " + path.getKey());
            }
        }));
        Set<String> served = new TreeSet<>(routes(TestServer.get().router(), ""));
        assertEquals(served, documented, "routes vs OpenAPI paths");
    }

    static List<String> routes(Router router, String prefix) {
        List<String> out = new ArrayList<>();
        for (Route route : router.getRoutes()) {
            String path = route.getPath();
            if (route.getSubRouter() != null) {
                out.addAll(routes(route.getSubRouter(), prefix + path.replaceAll("/$", "")));
                continue;
            }
            // prefix routes (the web shell's static files) are not API operations
            if (path == null || !route.isExactPath() || route.methods() == null || route.methods().isEmpty()) {
                continue;
            }
            String full = (prefix + path).replaceAll(":(\\w+)", "{$1}");
            route.methods().forEach(m -> out.add(m.name() + " " + full));
        }
        return out;
    }
}
