package cn.tongbei.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.testing.Api.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Search over HTTP: freshness, filters, bad parameters, and visibility of results, counts and suggestions. */
class SearchIT {
    static final String MARKER = "zq" + Long.toString(Math.abs(new Random().nextLong()), 36).replaceAll("\\d", "x");
    static final Map<String, LibraryClient> USERS = new LinkedHashMap<>();
    static final Map<Long, String> CREATED = new HashMap<>();

    @BeforeAll
    static void corpus() {
        for (String u : List.of("teacher1", "teacher2", "teacher3", "teacher5", "teacher9", "teacher12", "observer1",
                "admin")) {
            USERS.put(u, LibraryClient.login(u));
        }
        String[] types = {"教案", "课件", "学案", "试题"};
        int n = 0;
        for (String owner : List.of("teacher1", "teacher2", "teacher3", "teacher9")) {
            for (String vis : List.of("private", "school", "group", "public")) {
                var meta = new HashMap<>(Map.of("title", "浮力 " + MARKER + " " + owner + " " + vis, "subject", "物理",
                        "grade", "八年级", "type", types[n++ % 4], "visibility", vis, "edition", "人教版"));
                long id = USERS.get(owner).create("f.docx", Samples.docx(List.of("浸在液体中的物体受到浮力 " + MARKER,
                        owner + vis)), meta);
                CREATED.put(id, owner + "/" + vis);
            }
        }
        USERS.get("teacher1").api.put("/api/v1/library/groups/1/settings", new JsonObject().put("requireReview", true));
        try {
            long pending = USERS.get("teacher2").create("p.docx", Samples.docx(List.of("待审 " + MARKER)), Map.of(
                    "title", "浮力 待审 " + MARKER, "type", "教案", "visibility", "group"));
            CREATED.put(pending, "teacher2/group-pending");
        } finally {
            USERS.get("teacher1").api.put("/api/v1/library/groups/1/settings", new JsonObject().put("requireReview",
                    false));
        }
        CREATED.keySet().forEach(id -> USERS.get("admin").awaitProcessed(id));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static JsonObject search(LibraryClient c, String query) {
        Reply r = c.api.get("/api/v1/search?" + query);
        assertEquals(200, r.status(), r.toString());
        return r.json();
    }

    static Set<Long> ids(JsonArray hits) {
        return hits.stream().map(h -> ((JsonObject) h).getLong("id")).collect(Collectors.toSet());
    }

    /** Polls until the condition holds or the time is up; answers whether it held. */
    static boolean within(Duration d, java.util.function.BooleanSupplier ok) {
        long end = System.nanoTime() + d.toNanos();
        do {
            if (ok.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        } while (System.nanoTime() < end);
        return ok.getAsBoolean();
    }

    @Test
    @DisplayName("for every user, results, total, facet counts and suggestions equal exactly what they may open")
    void visibility_property() {
        for (var user : USERS.entrySet()) {
            LibraryClient c = user.getValue();
            Set<Long> allowed = CREATED.keySet().stream()
                    .filter(id -> c.api.get("/api/v1/resources/" + id).status() == 200).collect(Collectors.toSet());
            assertTrue(within(Duration.ofSeconds(15), () -> ids(search(c, "size=50&q=" + MARKER).getJsonArray("hits"))
                    .equals(allowed)), user.getKey() + " expected " + allowed);
            JsonObject res = search(c, "size=50&q=" + MARKER);
            assertEquals(allowed.size(), res.getLong("total"), user.getKey());
            int typeCount = res.getJsonObject("facets").getJsonArray("type").stream()
                    .mapToInt(v -> ((JsonObject) v).getInteger("count")).sum();
            assertEquals(allowed.size(), typeCount, user.getKey() + " facet counts");
            Set<Long> suggested = ids(c.api.get("/api/v1/search/suggest?q=" + MARKER).items());
            assertTrue(allowed.containsAll(suggested), user.getKey() + " suggestions " + suggested);
            for (long id : CREATED.keySet()) {
                if (!allowed.contains(id)) {
                    assertEquals(404, c.api.get("/api/v1/resources/" + id + "/preview").status());
                    assertEquals(404, c.getBytes("/api/v1/resources/" + id + "/download", Map.of()).statusCode());
                    assertEquals(404, c.api.get("/api/v1/resources/" + id + "/related").status());
                }
            }
            for (Object o : c.api.get("/api/v1/resources/" + allowed.iterator().next() + "/related").items()) {
                assertTrue(allowed.contains(((JsonObject) o).getLong("id")) || !CREATED.containsKey(((JsonObject) o)
                        .getLong("id")), user.getKey() + " related " + o);
            }
        }
    }

    @Test
    @DisplayName("the pending share is seen by its owner and the research lead, not by other teachers")
    void pending_visibility() {
        long pending = CREATED.entrySet().stream().filter(e -> e.getValue().endsWith("pending")).findFirst()
                .orElseThrow().getKey();
        assertTrue(ids(search(USERS.get("teacher1"), "size=50&q=" + MARKER).getJsonArray("hits")).contains(pending),
                pending + " " + CREATED + " "
                        + ids(search(USERS.get("teacher1"), "size=50&q=" + MARKER).getJsonArray("hits"))
                        + USERS.get("teacher1").api.get("/api/v1/resources/" + pending).body());
        assertTrue(!ids(search(USERS.get("teacher9"), "size=50&q=" + MARKER).getJsonArray("hits")).contains(pending));
    }

    @Test
    @DisplayName("a new resource is found by search once its extraction is done (latency: bench/search.sh)")
    void fresh() {
        LibraryClient c = USERS.get("teacher5");
        String word = MARKER + "new";
        long id = c.create("n.docx", Samples.docx(List.of("新上传 " + word)), Map.of("title", "新资源", "type", "素材",
                "visibility", "private"));
        assertEquals("ready", c.awaitProcessed(id).getString("status"));
        assertTrue(within(Duration.ofSeconds(15), () -> ids(search(c, "q=" + word).getJsonArray("hits")).contains(
                id)));
    }

    @Test
    @DisplayName("filters combine, highlights mark the match, sorts and pages work")
    void filters_and_highlights() {
        LibraryClient c = USERS.get("admin");
        JsonObject all = search(c, "size=50&q=" + enc("浮力 " + MARKER));
        JsonObject lessons = search(c, "size=50&q=" + enc("浮力 " + MARKER) + "&type=" + enc("学案") + "&subject="
                + enc("物理"));
        assertTrue(lessons.getLong("total") > 0 && lessons.getLong("total") < all.getLong("total"),
                "lessons " + lessons.getLong("total") + " all " + all.getLong("total"));
        lessons.getJsonArray("hits").forEach(h -> assertEquals("学案", ((JsonObject) h).getString("type")));
        JsonObject hit = all.getJsonArray("hits").getJsonObject(0);
        assertTrue(hit.getJsonObject("highlights").getString("title").contains("<em>"), hit.encode());
        JsonObject page2 = search(c, "size=2&page=2&sort=newest&q=" + MARKER);
        assertEquals(2, page2.getJsonArray("hits").size());
    }

    @Test
    @DisplayName("bad parameters are 400; syntax characters and 10,000-character queries are answered")
    void bad_queries() {
        LibraryClient c = USERS.get("teacher2");
        assertEquals(400, c.api.get("/api/v1/search?sort=price").status());
        assertEquals(400, c.api.get("/api/v1/search?page=0").status());
        assertEquals(400, c.api.get("/api/v1/search?size=1000").status());
        assertEquals(400, c.api.get("/api/v1/search?page=abc").status());
        for (String q : List.of("浮力 AND (", "\"*?~^[]{}:\\/!+-&&||", "title:雪", "*", "《", "》《")) {
            assertEquals(200, c.api.get("/api/v1/search?q=" + enc(q)).status(), q);
            assertEquals(200, c.api.get("/api/v1/search/suggest?q=" + enc(q)).status());
        }
        Reply longQuery = c.api.post("/api/v1/search", new JsonObject().put("q", "浮力" + "二".repeat(10_000)));
        assertEquals(200, longQuery.status(), longQuery.toString());
        assertEquals(400, c.api.post("/api/v1/search", new JsonObject().put("sort", "x")).status());
    }

    @Test
    @DisplayName("administrators extend the synonym list and the next query uses it")
    void synonyms() {
        LibraryClient admin = USERS.get("admin");
        String alias = MARKER + "alias";
        assertEquals(0, search(admin, "q=" + alias).getLong("total"));
        assertEquals(403, USERS.get("teacher2").api.post("/api/v1/library/synonyms", new JsonObject().put("terms",
                new JsonArray(List.of(alias, MARKER)))).status());
        Reply r = admin.api.post("/api/v1/library/synonyms", new JsonObject().put("terms", new JsonArray(List.of(
                alias, MARKER))));
        assertEquals(201, r.status(), r.toString());
        assertTrue(search(admin, "q=" + alias).getLong("total") > 0, search(admin, "q=" + alias).encode());
        Set<Long> seen = new HashSet<>(ids(search(admin, "size=50&q=" + alias).getJsonArray("hits")));
        assertTrue(seen.size() > 1);
    }
}
