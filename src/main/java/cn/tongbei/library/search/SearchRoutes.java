package cn.tongbei.library.search;

import cn.tongbei.access.AccessPolicy;
import cn.tongbei.access.Principal;
import cn.tongbei.identity.Authenticator;
import cn.tongbei.library.Resource;
import cn.tongbei.library.ResourceRepository;
import cn.tongbei.platform.http.ApiException;
import cn.tongbei.platform.http.Fields;
import cn.tongbei.platform.http.Responses;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Search, suggestions, related resources, the synonym list and the index rebuild command. */
public final class SearchRoutes {
    private static final List<String> SORTS = List.of("relevance", "newest", "downloads", "rating");

    private final SearchService search;
    private final ResourceRepository repo;
    private final Pool pool;
    private final SearchThreads threads;

    public SearchRoutes(SearchService search, ResourceRepository repo, Pool pool, SearchThreads threads) {
        this.search = search;
        this.repo = repo;
        this.pool = pool;
        this.threads = threads;
    }

    public void mount(Router api) {
        api.get("/search").handler(this::search);
        api.post("/search").handler(this::searchPost);
        api.get("/search/suggest").handler(this::suggest);
        api.get("/resources/:id/related").handler(this::related);
        api.get("/library/synonyms").handler(this::synonyms);
        api.post("/library/synonyms").handler(this::addSynonyms);
        api.post("/library/index/rebuild").handler(this::rebuild);
        api.get("/library/index/status").handler(this::indexStatus);
    }

    /** Reads the query string into a search request, answering 400 for values out of range. */
    static SearchRequest request(RoutingContext ctx) {
        var params = ctx.queryParams();
        String q = params.get("q") == null ? "" : params.get("q");
        Map<String, String> filters = new LinkedHashMap<>();
        for (String dim : IndexSchema.FACETS) {
            String value = params.get(dim);
            if (value != null && !value.isBlank()) {
                filters.put(dim, value.strip());
            }
        }
        String sort = params.get("sort") == null || params.get("sort").isBlank() ? "relevance" : params.get("sort");
        if (!SORTS.contains(sort)) {
            throw ApiException.badRequest("library_query_invalid", "sort: " + String.join(" | ", SORTS));
        }
        int page = number(params.get("page"), 1, 1, SearchRequest.MAX_PAGE, "page");
        int size = number(params.get("size"), 20, 1, SearchRequest.MAX_SIZE, "size");
        return new SearchRequest(q, filters, sort, page, size);
    }

    private static int number(String raw, int fallback, int min, int max, String name) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(raw.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw ApiException.badRequest("library_query_invalid", name + ": " + min + "–" + max);
    }

    /** The same search with its parameters in a JSON body (for queries too long for a URL). */
    private void searchPost(RoutingContext ctx) {
        Fields f = Fields.of(ctx);
        f.allowOnly(java.util.stream.Stream.concat(java.util.stream.Stream.of("q", "sort", "page", "size"),
                IndexSchema.FACETS.stream()).toArray(String[]::new)).validate();
        ctx.body().asJsonObject().forEach(e -> ctx.queryParams().set(e.getKey(), String.valueOf(e.getValue())));
        search(ctx);
    }

    private void search(RoutingContext ctx) {
        Principal p = Authenticator.principal(ctx);
        SearchRequest req = request(ctx);
        // answered from the index alone (hits carry their summaries), encoded on the worker
        onSearchThread(() -> SearchResponse.encode(search.search(p, req)))
                .onSuccess(body -> Responses.encoded(ctx, 200, body)).onFailure(ctx::fail);
    }

    /** Runs {@code work} on a search thread; the future completes on the calling (request's) context. */
    private <T> Future<T> onSearchThread(Callable<T> work) {
        Context context = Vertx.currentContext();
        Promise<T> promise = Promise.promise();
        try {
            threads.execute(() -> {
                try {
                    T result = work.call();
                    context.runOnContext(v -> promise.complete(result));
                } catch (Throwable e) {
                    context.runOnContext(v -> promise.fail(e));
                }
            });
        } catch (RejectedExecutionException e) {
            promise.fail(e);
        }
        return promise.future();
    }

    private Future<Map<Long, Resource>> withResources(List<Long> ids) {
        if (ids.isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        return repo.findAll(ids).map(list -> list.stream().collect(Collectors.toMap(Resource::id,
                Function.identity())));
    }

    private void suggest(RoutingContext ctx) {
        Principal p = Authenticator.principal(ctx);
        String q = ctx.queryParams().get("q") == null ? "" : ctx.queryParams().get("q");
        if (q.isBlank()) {
            Responses.ok(ctx, new JsonObject().put("items", new JsonArray()));
            return;
        }
        onSearchThread(() -> search.suggest(p, q)).onSuccess(list -> Responses.ok(ctx,
                new JsonObject().put("items", new JsonArray(list.stream().map(e -> new JsonObject().put("id",
                        e.getKey()).put("title", e.getValue())).toList()))))
                .onFailure(ctx::fail);
    }

    private void related(RoutingContext ctx) {
        Principal p = Authenticator.principal(ctx);
        long id = Fields.pathId(ctx, "id");
        repo.find(id).compose(r -> {
            AccessPolicy.viewResource(p, r.ref()).require();
            return onSearchThread(() -> search.related(p, id));
        }).compose(ids -> withResources(ids).map(rows -> {
            List<JsonObject> items = new ArrayList<>();
            ids.stream().map(rows::get).filter(java.util.Objects::nonNull).forEach(r -> items.add(r.summary()));
            return new JsonObject().put("items", new JsonArray(items));
        })).onSuccess(json -> Responses.ok(ctx, json)).onFailure(ctx::fail);
    }

    private void synonyms(RoutingContext ctx) {
        Authenticator.principal(ctx);
        pool.query("SELECT id, terms FROM library_synonym ORDER BY id").execute().onSuccess(rows -> {
            JsonArray custom = new JsonArray();
            rows.forEach(r -> custom.add(new JsonObject().put("id", r.getLong("id")).put("terms", new JsonArray(
                    List.of(r.getArrayOfStrings("terms"))))));
            Responses.ok(ctx, new JsonObject().put("builtIn", new JsonArray(Synonyms.BUILT_IN.stream()
                    .map(JsonArray::new).toList())).put("custom", custom));
        }).onFailure(ctx::fail);
    }

    private void addSynonyms(RoutingContext ctx) {
        Principal p = Authenticator.principal(ctx);
        Fields f = Fields.of(ctx).allowOnly("terms");
        List<String> terms = f.optionalStrings("terms", 20, 30);
        if (terms == null || terms.size() < 2) {
            f.fail("terms", "required");
        }
        f.validate();
        AccessPolicy.manageSynonyms(p).require();
        pool.preparedQuery("INSERT INTO library_synonym (terms, added_by) VALUES ($1, $2) RETURNING id")
                .execute(Tuple.of(terms.toArray(String[]::new), p.userId()))
                .compose(rows -> loadSynonyms(pool).map(all -> {
                    search.synonyms().replace(all);
                    return rows.iterator().next().getLong(0);
                }))
                .onSuccess(id -> Responses.created(ctx, new JsonObject().put("id", id).put("terms", new JsonArray(
                        terms))))
                .onFailure(ctx::fail);
    }

    /** The administrator-added synonym groups. */
    public static Future<List<List<String>>> loadSynonyms(Pool pool) {
        return pool.query("SELECT terms FROM library_synonym ORDER BY id").execute().map(rows -> {
            List<List<String>> out = new ArrayList<>();
            rows.forEach(r -> out.add(List.of(r.getArrayOfStrings(0))));
            return out;
        });
    }

    private void rebuild(RoutingContext ctx) {
        Principal p = Authenticator.principal(ctx);
        AccessPolicy.manageSynonyms(p).require();
        search.rebuild().onSuccess(n -> Responses.ok(ctx, new JsonObject().put("documents", n)))
                .onFailure(ctx::fail);
    }

    /** This node's index feed: rebuilding or tailing the change log, rebuild progress, lag (administrators). */
    private void indexStatus(RoutingContext ctx) {
        AccessPolicy.manageSynonyms(Authenticator.principal(ctx)).require();
        Responses.ok(ctx, new JsonObject(new java.util.LinkedHashMap<>(search.feed().status())));
    }
}
