package cn.tongbei.groups;

import cn.tongbei.access.Role;
import cn.tongbei.identity.Stage;
import cn.tongbei.platform.config.TongbeiConfig;
import cn.tongbei.platform.http.Responses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;

/** {@code GET /api/v1/meta}: the vocabularies and limits the UI needs before login. */
public final class MetaRoutes {
    private final JsonObject meta;

    public MetaRoutes(TongbeiConfig config) {
        JsonObject caps = new JsonObject();
        config.groups().memberCaps().forEach(caps::put);
        this.meta = new JsonObject()
                .put("memberCaps", caps)
                .put("modes", names(GroupMode.values()))
                .put("schoolKinds", names(SchoolKind.values()))
                .put("stages", names(Stage.values()))
                .put("roles", names(Role.values()))
                .put("teamKinds", names(TeamKind.values()))
                .put("subjects", new JsonArray(Vocabulary.SUBJECTS))
                .put("grades", new JsonArray(Vocabulary.GRADES))
                .put("mode", config.modeName());
    }

    public void mount(Router api) {
        api.get("/meta").handler(this::meta);
    }

    private void meta(RoutingContext ctx) {
        Responses.ok(ctx, meta);
    }

    private static JsonArray names(Enum<?>[] values) {
        return new JsonArray(Arrays.stream(values).map(Enum::name).toList());
    }
}
