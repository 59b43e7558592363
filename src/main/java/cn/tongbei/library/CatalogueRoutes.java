package cn.tongbei.library;

import cn.tongbei.access.AccessPolicy;
import cn.tongbei.access.Principal;
import cn.tongbei.identity.Authenticator;
import cn.tongbei.platform.db.Databases;
import cn.tongbei.platform.http.ApiException;
import cn.tongbei.platform.http.Fields;
import cn.tongbei.platform.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The textbook catalogue tree (学科 → 教材版本 → 册 → 章 → 节) of a group: everyone in the group reads it;
 * group administrators and research leads maintain it.
 */
final class CatalogueRoutes {
    static final List<String> LEVELS = List.of("subject", "edition", "volume", "unit", "section");

    private final Pool pool;

    CatalogueRoutes(Pool pool) {
        this.pool = pool;
    }

    void mount(Router api) {
        api.get("/library/groups/:groupId/catalogue").handler(this::tree);
        api.post("/library/groups/:groupId/catalogue").handler(this::add);
        api.patch("/library/catalogue/:nodeId").handler(this::rename);
        api.delete("/library/catalogue/:nodeId").handler(this::remove);
        api.post("/library/catalogue/:nodeId/move").handler(this::move);
    }

    private void tree(RoutingContext ctx) {
        Principal p = Authenticator.principal(ctx);
        long groupId = Fields.pathId(ctx, "groupId");
        AccessPolicy.viewGroup(p, groupId).require();
        pool.preparedQuery(LibrarySql.CATALOGUE_OF_GROUP).execute(Tuple.of(groupId))
                .onSuccess(rows -> Responses.ok(ctx, new JsonObject().put("items", nest(rows)).put("canEdit",
                        AccessPolicy.manageCatalogue(p, groupId).allowed())))
                .onFailure(ctx::fail);
    }

    /** Rows (parents before children by insertion) into nested {@code {id, level, name, children}}. */
    private static JsonArray nest(Iterable<Row> rows) {
        Map<Long, JsonObject> nodes = new LinkedHashMap<>();
        JsonArray roots = new JsonArray();
        List<Row> all = new java.util.ArrayList<>();
        rows.forEach(all::add);
        for (Row r : all) {
            nodes.put(r.getLong("id"), new JsonObject().put("id", r.getLong("id")).put("level", r.getString("level"))
                    .put("name", r.getString("name")).put("children", new JsonArray()));
        }
        for (Row r : all) {
            JsonObject node = nodes.get(r.getLong("id"));
            JsonObject parent = r.getLong("parent_id") == null ? null : nodes.get(r.getLong("parent_id"));
            if (parent == null) {
                roots.add(node);
            } else {
                parent.getJsonArray("children").add(node);
            }
        }
        return roots;
    }

    private void add(RoutingContext ctx) {
        Principal p = Authenticator.principal(ctx);
        long groupId = Fields.pathId(ctx, "groupId");
        Fields f = Fields.of(ctx).allowOnly("parentId", "name");
        String name = f.requiredString("name", 1, 100);
        Object rawParent = f.raw("parentId");
        if (rawParent != null && !(rawParent instanceof Number)) {
            f.fail("parentId", "invalid_format");
        }
        f.validate();
        AccessPolicy.manageCatalogue(p, groupId).require();
        Long parentId = rawParent == null ? null : ((Number) rawParent).longValue();
        levelUnder(groupId, parentId).compose(level -> pool.preparedQuery(LibrarySql.CATALOGUE_INSERT)
                .execute(Tuple.of(groupId, parentId, level, name))
                .map(rows -> new JsonObject().put("id", rows.iterator().next().getLong(0)).put("level", level)
                        .put("name", name).put("parentId", parentId)))
                .recover(e -> Future.failedFuture(Databases.isUniqueViolation(e)
                        ? ApiException.conflict("library_catalogue_taken", name)
                        : e))
                .onSuccess(json -> Responses.created(ctx, json)).onFailure(ctx::fail);
    }

    /** The level a new child of {@code parentId} gets; the parent must belong to the group. */
    private Future<String> levelUnder(long groupId, Long parentId) {
        if (parentId == null) {
            return Future.succeededFuture("subject");
        }
        return pool.preparedQuery(LibrarySql.CATALOGUE_NODE).execute(Tuple.of(parentId)).map(rows -> {
            if (rows.size() == 0 || rows.iterator().next().getLong("group_id") != groupId) {
                throw ApiException.badRequest("library_catalogue_parent");
            }
            int level = LEVELS.indexOf(rows.iterator().next().getString("level"));
            if (level == LEVELS.size() - 1) {
                throw ApiException.badRequest("library_catalogue_too_deep");
            }
            return LEVELS.get(level + 1);
        });
    }

    private void rename(RoutingContext ctx) {
        Principal p = Authenticator.principal(ctx);
        long nodeId = Fields.pathId(ctx, "nodeId");
        Fields f = Fields.of(ctx).allowOnly("name");
        String name = f.requiredString("name", 1, 100);
        f.validate();
        node(p, nodeId).compose(n -> pool.preparedQuery(LibrarySql.CATALOGUE_RENAME).execute(Tuple.of(nodeId, name)))
                .recover(e -> Future.failedFuture(Databases.isUniqueViolation(e)
                        ? ApiException.conflict("library_catalogue_taken", name)
                        : e))
                .onSuccess(v -> Responses.noContent(ctx)).onFailure(ctx::fail);
    }

    private void remove(RoutingContext ctx) {
        Principal p = Authenticator.principal(ctx);
        long nodeId = Fields.pathId(ctx, "nodeId");
        node(p, nodeId).compose(n -> pool.preparedQuery(LibrarySql.CATALOGUE_DELETE).execute(Tuple.of(nodeId)))
                .onSuccess(v -> Responses.noContent(ctx)).onFailure(ctx::fail);
    }

    /**
     * Moves a node (with its subtree) under another parent of the level above it in the same group
     * ({@code parentId}; null for a subject at the root; absent keeps the parent) and/or to {@code position}
     * (0-based among its new siblings; absent or past the end = last). Siblings are renumbered in one transaction.
     */
    private void move(RoutingContext ctx) {
        Principal p = Authenticator.principal(ctx);
        long nodeId = Fields.pathId(ctx, "nodeId");
        Fields f = Fields.of(ctx).allowOnly("parentId", "position");
        boolean reparent = f.has("parentId");
        Object rawParent = f.raw("parentId");
        if (rawParent != null && !(rawParent instanceof Number n && n.longValue() > 0)) {
            f.fail("parentId", "invalid_format");
        }
        Object rawPosition = f.raw("position");
        if (rawPosition != null && !(rawPosition instanceof Number n && n.intValue() >= 0 && n.intValue() <= 10_000
                && n.doubleValue() == n.intValue())) {
            f.fail("position", "invalid_format");
        }
        if (!reparent && rawPosition == null) {
            f.fail("position", "required");
        }
        f.validate();
        Long newParent = rawParent == null ? null : ((Number) rawParent).longValue();
        int position = rawPosition == null ? Integer.MAX_VALUE : ((Number) rawPosition).intValue();
        node(p, nodeId).compose(node -> {
            long groupId = node.getLong("group_id");
            Long parent = reparent ? newParent : node.getLong("parent_id");
            Future<Void> check = reparent
                    ? checkParent(groupId, node.getString("level"), parent, nodeId)
                    : Future.succeededFuture();
            return check.compose(v -> pool.withTransaction(c -> c.preparedQuery(
                    "UPDATE library_catalogue SET parent_id = $2 WHERE id = $1").execute(Tuple.of(nodeId, parent))
                    .compose(x -> c.preparedQuery("""
                            SELECT id FROM library_catalogue WHERE group_id = $1 AND parent_id IS NOT DISTINCT FROM $2
                              AND id <> $3 ORDER BY position, id FOR UPDATE""").execute(Tuple.of(groupId, parent,
                            nodeId)))
                    .compose(rows -> {
                        List<Long> order = new java.util.ArrayList<>();
                        rows.forEach(r -> order.add(r.getLong("id")));
                        order.add(Math.min(position, order.size()), nodeId);
                        List<Tuple> batch = new java.util.ArrayList<>();
                        for (int i = 0; i < order.size(); i++) {
                            batch.add(Tuple.of(order.get(i), i + 1));
                        }
                        return c.preparedQuery("UPDATE library_catalogue SET position = $2 WHERE id = $1")
                                .executeBatch(batch);
                    }))).recover(e -> Future.failedFuture(Databases.isUniqueViolation(e)
                            ? ApiException.conflict("library_catalogue_taken", node.getString("name"))
                            : e));
        }).onSuccess(v -> Responses.noContent(ctx)).onFailure(ctx::fail);
    }

    /** A node of {@code level} may hang under {@code parentId}: same group, exactly one level up (root for subjects). */
    private Future<Void> checkParent(long groupId, String level, Long parentId, long nodeId) {
        int depth = LEVELS.indexOf(level);
        if (parentId == null) {
            return depth == 0
                    ? Future.succeededFuture()
                    : Future.failedFuture(ApiException.badRequest("library_catalogue_move"));
        }
        return pool.preparedQuery(LibrarySql.CATALOGUE_NODE).execute(Tuple.of(parentId)).map(rows -> {
            if (rows.size() == 0 || rows.iterator().next().getLong("group_id") != groupId || parentId == nodeId
                    || LEVELS.indexOf(rows.iterator().next().getString("level")) != depth - 1) {
                throw ApiException.badRequest("library_catalogue_move");
            }
            return null;
        });
    }

    private Future<Row> node(Principal p, long nodeId) {
        return pool.preparedQuery(LibrarySql.CATALOGUE_NODE).execute(Tuple.of(nodeId)).map(rows -> {
            if (rows.size() == 0) {
                throw ApiException.notFound();
            }
            Row row = rows.iterator().next();
            AccessPolicy.manageCatalogue(p, row.getLong("group_id")).require();
            return row;
        });
    }
}
