package cn.tongbei.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.testing.Api;
import cn.tongbei.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Search hits are answered from the index: the names they show (the owner's, the school's) follow renames,
 * which put the owner's or the school's resources in the change log (migration V202).
 */
class LibraryNamesIT {

    private static JsonObject onlyHit(LibraryClient c, String marker) {
        JsonObject body = SearchIT.search(c, "q=" + SearchIT.enc(marker));
        assertEquals(1, body.getLong("total"), body.encode());
        return body.getJsonArray("hits").getJsonObject(0);
    }

    private static boolean schoolFacetHas(LibraryClient c, String marker, String name) {
        return SearchIT.search(c, "q=" + SearchIT.enc(marker)).getJsonObject("facets").getJsonArray("school").stream()
                .anyMatch(v -> ((JsonObject) v).getString("value").equals(name));
    }

    @Test
    @DisplayName("renaming a teacher or a school shows in the hits and the school facet within moments")
    void renames_reach_the_hits() {
        Api admin = TestServer.api().loginDemo("admin");
        String username = "n" + UUID.randomUUID().toString().substring(0, 8);
        var created = admin.post("/api/v1/groups/1/users", new JsonObject().put("username", username)
                .put("displayName", "改名前教师").put("password", "tongbei-demo").put("role", "TEACHER")
                .put("schoolId", 2));
        assertEquals(201, created.status(), created.toString());
        long userId = created.json().getLong("id");
        LibraryClient teacher = LibraryClient.login(username);
        String marker = "rn" + Long.toString(System.nanoTime(), 36).replaceAll("\\d", "y");
        long id = teacher.create("n.docx", Samples.docx(List.of("改名 " + marker)), Map.of("title", "改名测试 " + marker,
                "type", "教案", "visibility", "public"));
        teacher.awaitProcessed(id);
        JsonObject hit = onlyHit(teacher, marker);
        assertEquals(id, hit.getLong("id"));
        assertEquals("改名前教师", hit.getJsonObject("owner").getString("displayName"));
        String schoolName = hit.getJsonObject("school").getString("name");

        assertEquals(200, admin.patch("/api/v1/users/" + userId, new JsonObject().put("displayName", "改名后教师"))
                .status());
        assertTrue(SearchIT.within(Duration.ofSeconds(10), () -> "改名后教师".equals(onlyHit(teacher, marker)
                .getJsonObject("owner").getString("displayName"))), "the owner's new name in the hit");

        String renamed = schoolName + "（新校区）";
        try {
            assertEquals(200, admin.patch("/api/v1/schools/2", new JsonObject().put("name", renamed)).status());
            assertTrue(SearchIT.within(Duration.ofSeconds(10), () -> renamed.equals(onlyHit(teacher, marker)
                    .getJsonObject("school").getString("name")) && schoolFacetHas(teacher, marker, renamed)),
                    "the school's new name in the hit and the facet");
        } finally {
            assertEquals(200, admin.patch("/api/v1/schools/2", new JsonObject().put("name", schoolName)).status());
        }
        assertTrue(SearchIT.within(Duration.ofSeconds(10), () -> schoolFacetHas(teacher, marker, schoolName)));
    }
}
