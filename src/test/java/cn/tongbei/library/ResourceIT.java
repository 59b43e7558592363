package cn.tongbei.library;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.testing.Api.Reply;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Uploading, reading, editing, downloading, sharing and reviewing resources against the real PG and S3. */
class ResourceIT {
    static LibraryClient t1;
    static LibraryClient t2;
    static LibraryClient t5;
    static LibraryClient t8;

    @BeforeAll
    static void login() {
        t1 = LibraryClient.login("teacher1"); // 中原实验中学, leads 数学学科教研组
        t2 = LibraryClient.login("teacher2"); // 柳林镇中心学校
        t5 = LibraryClient.login("teacher5"); // 中原实验中学
        t8 = LibraryClient.login("teacher9"); // 新城实验学校, leads nothing
    }

    static Map<String, String> meta(String title, String visibility) {
        return Map.of("title", title, "subject", "数学", "grade", "九年级", "edition", "人教版", "type", "教案",
                "visibility", visibility, "tags", "二次函数,图象", "description", "<b>说明</b>");
    }

    static byte[] unique(String text) {
        return Samples.docx(List.of(text, UUID.randomUUID().toString()));
    }

    @Test
    @DisplayName("an uploaded document is stored, extracted and reported ready with its metadata")
    void upload_and_read() {
        Reply r = t1.upload("二次函数教案.docx", unique("二次函数的图象和性质"), meta("<script>二次函数</script>", "group"));
        assertEquals(201, r.status(), r.toString());
        assertEquals("processing", r.json().getString("status"));
        JsonObject json = t1.awaitProcessed(r.json().getLong("id"));
        assertEquals("ready", json.getString("status"), json.encode());
        assertEquals("<script>二次函数</script>", json.getString("title"));
        assertEquals("初中", json.getString("stage"));
        assertEquals(List.of("二次函数", "图象"), json.getJsonArray("tags").getList());
        assertEquals("二次函数教案.docx", json.getString("fileName"));
        assertEquals("刘芳", json.getJsonObject("owner").getString("displayName"));
    }

    @Test
    @DisplayName("identical content is stored once and survives deleting one of its resources")
    void dedupe() {
        byte[] bytes = unique("同一份文件");
        long a = t1.create("a.docx", bytes, meta("甲", "group"));
        long b = t2.create("b.docx", bytes, meta("乙", "group"));
        String shaA = t1.api.get("/api/v1/resources/" + a).json().getString("sha256");
        assertEquals(shaA, t2.api.get("/api/v1/resources/" + b).json().getString("sha256"));
        assertEquals(204, t1.api.delete("/api/v1/resources/" + a).status());
        assertEquals(404, t1.api.get("/api/v1/resources/" + a).status());
        HttpResponse<byte[]> d = t2.getBytes("/api/v1/resources/" + b + "/download", Map.of());
        assertEquals(200, d.statusCode());
        assertArrayEquals(bytes, d.body());
    }

    @Test
    @DisplayName("downloads are counted, streamed with the file name, and byte ranges answer 206")
    void download_and_range() {
        byte[] bytes = unique("下载与范围");
        long id = t1.create("下载 测试.docx", bytes, meta("下载", "school"));
        HttpResponse<byte[]> full = t5.getBytes("/api/v1/resources/" + id + "/download", Map.of());
        assertEquals(200, full.statusCode());
        assertTrue(full.headers().firstValue("Content-Disposition").orElse("").contains("filename*=UTF-8''"));
        HttpResponse<byte[]> part = t5.getBytes("/api/v1/resources/" + id + "/download", Map.of("Range",
                "bytes=10-19"));
        assertEquals(206, part.statusCode());
        assertArrayEquals(Arrays.copyOfRange(bytes, 10, 20), part.body());
        assertEquals("bytes 10-19/" + bytes.length, part.headers().firstValue("Content-Range").orElse(""));
        HttpResponse<byte[]> bad = t5.getBytes("/api/v1/resources/" + id + "/download", Map.of("Range",
                "bytes=" + bytes.length + "-"));
        assertEquals(416, bad.statusCode());
        assertEquals(1, t1.api.get("/api/v1/resources/" + id).json().getLong("downloads"));
    }

    @Test
    @DisplayName("a signed file link streams the file without a token and refuses a tampered signature")
    void file_links() {
        long id = t1.create("图.png", Samples.png(), meta("图片", "private"));
        String url = t1.api.get("/api/v1/resources/" + id).json().getString("fileUrl");
        HttpResponse<byte[]> ok = t2.getBytes(url, Map.of("Range", "bytes=0-3"));
        assertEquals(206, ok.statusCode());
        assertEquals("image/png", ok.headers().firstValue("Content-Type").orElse(""));
        assertEquals(404, t2.getBytes(url.substring(0, url.length() - 2) + "xx", Map.of()).statusCode());
    }

    @Test
    @DisplayName("private resources are the owner's, school ones stay in the school")
    void visibility() {
        long priv = t1.create("p.docx", unique("私有"), meta("私有", "private"));
        long school = t1.create("s.docx", unique("校内"), meta("校内", "school"));
        assertEquals(404, t5.api.get("/api/v1/resources/" + priv).status());
        assertEquals(200, t5.api.get("/api/v1/resources/" + school).status());
        assertEquals(404, t2.api.get("/api/v1/resources/" + school).status());
        assertEquals(404, t2.getBytes("/api/v1/resources/" + school + "/download", Map.of()).statusCode());
        assertEquals(404, t2.api.delete("/api/v1/resources/" + school).status());
        assertEquals(403, t5.api.delete("/api/v1/resources/" + school).status());
    }

    @Test
    @DisplayName("metadata can be edited; invalid values are refused per field")
    void edit() {
        long id = t1.create("e.docx", unique("编辑"), meta("编辑前", "group"));
        Reply ok = t1.api.patch("/api/v1/resources/" + id, new JsonObject().put("title", "编辑后").put("grade", "七年级"));
        assertEquals(200, ok.status(), ok.toString());
        assertEquals("编辑后", ok.json().getString("title"));
        assertEquals("七年级", ok.json().getString("grade"));
        assertEquals("人教版", ok.json().getString("edition"));
        Reply cleared = t1.api.patch("/api/v1/resources/" + id, new JsonObject().put("edition", "").put("grade", "")
                .put("description", ""));
        assertEquals(200, cleared.status(), cleared.toString());
        assertNull(cleared.json().getString("edition"), "an emptied optional field is cleared");
        assertNull(cleared.json().getString("grade"));
        assertEquals("编辑后", cleared.json().getString("title"), "fields not sent keep their value");
        Reply untitled = t1.api.patch("/api/v1/resources/" + id, new JsonObject().put("title", " "));
        assertEquals(400, untitled.status());
        assertEquals("编辑后", t1.api.get("/api/v1/resources/" + id).json().getString("title"));
        Reply bad = t1.api.patch("/api/v1/resources/" + id, new JsonObject().put("type", "小说").put("visibility",
                "world").put("tags", "x"));
        assertEquals(400, bad.status());
        JsonObject fields = bad.json().getJsonObject("error").getJsonObject("fields");
        assertNotNull(fields.getString("type"));
        assertNotNull(fields.getString("visibility"));
        assertNotNull(fields.getString("tags"));
    }

    @Test
    @DisplayName("favorites and ratings are kept per user; a rating outside 1–5 is refused")
    void favorite_and_rate() {
        long id = t1.create("f.docx", unique("收藏"), meta("收藏", "group"));
        assertEquals(204, t2.api.put("/api/v1/resources/" + id + "/favorite", new JsonObject()).status());
        assertEquals(204, t2.api.put("/api/v1/resources/" + id + "/favorite", new JsonObject()).status());
        assertEquals(200, t2.api.put("/api/v1/resources/" + id + "/rating", new JsonObject().put("stars", 4)).status());
        assertEquals(200, t5.api.put("/api/v1/resources/" + id + "/rating", new JsonObject().put("stars", 5)).status());
        assertEquals(400, t5.api.put("/api/v1/resources/" + id + "/rating", new JsonObject().put("stars", 6)).status());
        JsonObject json = t2.api.get("/api/v1/resources/" + id).json();
        assertEquals(1, json.getInteger("favorites"));
        assertEquals(true, json.getBoolean("favorite"));
        assertEquals(4.5, json.getDouble("rating"));
        assertEquals(4, json.getInteger("myRating"));
        assertTrue(t2.api.get("/api/v1/resources/favorites").items().stream()
                .anyMatch(o -> ((JsonObject) o).getLong("id") == id));
    }

    @Test
    @DisplayName("bad files get clear 4xx answers and leave no resource behind")
    void bad_files() {
        int before = t1.api.get("/api/v1/resources/mine").items().size();
        Reply mismatch = t1.upload("伪装.pdf", Samples.png(), meta("伪装", "private"));
        assertEquals(415, mismatch.status(), mismatch.toString());
        assertEquals("library_type_mismatch", mismatch.errorCode());
        Reply empty = t1.upload("空.docx", new byte[0], meta("空", "private"));
        assertEquals(400, empty.status());
        assertEquals("library_empty_file", empty.errorCode());
        Reply exe = t1.upload("virus.exe", "MZ".getBytes(StandardCharsets.UTF_8), meta("exe", "private"));
        assertEquals(415, exe.status());
        Reply noType = t1.upload("n.docx", unique("无类型"), Map.of("title", "无类型", "visibility", "private"));
        assertEquals(400, noType.status(), noType.toString());
        Reply noFile = t1.send(HttpRequest.newBuilder(t1.uri("/api/v1/resources")).header("Content-Type",
                "multipart/form-data; boundary=x").POST(
                        HttpRequest.BodyPublishers.ofString(
                                "--x\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nt\r\n--x--\r\n")));
        assertEquals(400, noFile.status(), noFile.toString());
        assertEquals("library_file_required", noFile.errorCode());
        assertEquals(before, t1.api.get("/api/v1/resources/mine").items().size());
    }

    @Test
    @DisplayName("a declared size over the limit is refused at once with 413 naming the limit")
    void too_large() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", t1.port)) {
            socket.setSoTimeout(10_000);
            String head = "POST /api/v1/resources HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + t1.token
                    + "\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: " + (3L << 30)
                    + "\r\n\r\n--x\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            StringBuilder response = new StringBuilder();
            byte[] buf = new byte[4096];
            int n;
            while (!response.toString().endsWith("}}") && (n = socket.getInputStream().read(buf)) > 0) {
                response.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
            assertTrue(response.toString().startsWith("HTTP/1.1 413"), response.toString());
            assertTrue(response.toString().contains("2048 MB"), response.toString());
        }
    }

    @Test
    @DisplayName("path separators and control characters in file names are removed")
    void unsafe_names() {
        long id = t1.create("..\\..\\etc/pass\u0007wd.docx", unique("名字"), meta("名字", "private"));
        assertEquals("passwd.docx", t1.api.get("/api/v1/resources/" + id).json().getString("fileName"));
    }

    @Test
    @DisplayName("a corrupt document is marked failed with a reason, stays downloadable and can be retried")
    void corrupt() {
        byte[] bad = "%PDF-1.7\n garbage that is not a pdf".getBytes(StandardCharsets.UTF_8);
        long id = t1.create("坏.pdf", bad, meta("坏文件", "private"));
        JsonObject json = t1.awaitProcessed(id);
        assertEquals("failed", json.getString("status"));
        assertFalse(json.getString("statusReason").isBlank());
        assertEquals(200, t1.getBytes("/api/v1/resources/" + id + "/download", Map.of()).statusCode());
        assertEquals(202, t1.api.post("/api/v1/resources/" + id + "/extraction", new JsonObject()).status());
        assertEquals("failed", t1.awaitProcessed(id).getString("status"));
    }

    @Test
    @DisplayName("a zip bomb and a deeply nested document are marked failed with a reason; the server stays "
            + "healthy and both files download intact")
    void malicious_documents() {
        byte[] bomb = Samples.zipBombDocx();
        byte[] nested = Samples.deeplyNestedDocx(20_000);
        long bombId = t1.create("炸弹.docx", bomb, meta("压缩炸弹", "private"));
        long nestedId = t1.create("嵌套.docx", nested, meta("深层嵌套", "private"));
        JsonObject b = t1.awaitProcessed(bombId);
        assertEquals("failed", b.getString("status"));
        assertTrue(b.getString("statusReason").contains("zip bomb"), b.getString("statusReason"));
        JsonObject n = t1.awaitProcessed(nestedId);
        assertEquals("failed", n.getString("status"));
        assertTrue(n.getString("statusReason").contains("nested"), n.getString("statusReason"));
        assertEquals(200, t1.api.get("/health/ready").status());
        assertArrayEquals(bomb, t1.getBytes("/api/v1/resources/" + bombId + "/download", Map.of()).body());
        assertArrayEquals(nested, t1.getBytes("/api/v1/resources/" + nestedId + "/download", Map.of()).body());
        assertEquals(200, t1.api.get("/api/v1/search?q=" + java.net.URLEncoder.encode("二次函数",
                StandardCharsets.UTF_8)).status(), "search still answers");
    }

    @Test
    @DisplayName("PDF pages preview as images")
    void preview() {
        long pdf = t1.create("两页.pdf", Samples.pdf(2), meta("两页", "private"));
        JsonObject p = t1.api.get("/api/v1/resources/" + pdf + "/preview").json();
        assertEquals("pdf", p.getString("kind"));
        assertEquals(2, p.getInteger("pages"));
        HttpResponse<byte[]> page = t1.getBytes(p.getString("pageUrl") + "2", Map.of());
        assertEquals(200, page.statusCode());
        assertEquals("image/png", page.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    @DisplayName("in a reviewing group a group-wide share waits for a research lead's approval")
    void review() {
        assertEquals(403, t2.api.put("/api/v1/library/groups/1/settings", new JsonObject().put("requireReview", true))
                .status());
        assertEquals(200, t1.api.put("/api/v1/library/groups/1/settings", new JsonObject().put("requireReview", true))
                .status());
        try {
            long id = t2.create("r.docx", unique("待审"), meta("待审资源", "group"));
            assertEquals("pending", t2.api.get("/api/v1/resources/" + id).json().getString("reviewState"));
            assertEquals(404, t8.api.get("/api/v1/resources/" + id).status());
            assertEquals(403, t8.api.get("/api/v1/library/groups/1/review-queue").status());
            assertTrue(t1.api.get("/api/v1/library/groups/1/review-queue").items().stream()
                    .anyMatch(o -> ((JsonObject) o).getLong("id") == id));
            Reply noReason = t1.api.post("/api/v1/resources/" + id + "/review", new JsonObject().put("decision",
                    "rejected"));
            assertEquals(400, noReason.status());
            Reply ok = t1.api.post("/api/v1/resources/" + id + "/review", new JsonObject().put("decision", "approved"));
            assertEquals(200, ok.status(), ok.toString());
            assertEquals(200, t8.api.get("/api/v1/resources/" + id).status());
        } finally {
            t1.api.put("/api/v1/library/groups/1/settings", new JsonObject().put("requireReview", false));
        }
    }

    @Test
    @DisplayName("the demo catalogue is readable by the group; only leads and admins change it")
    void catalogue() {
        JsonObject tree = t2.api.get("/api/v1/library/groups/1/catalogue").json();
        assertTrue(tree.getJsonArray("items").stream().anyMatch(o -> ((JsonObject) o).getString("name").equals(
                "数学")));
        assertFalse(tree.getBoolean("canEdit"));
        assertEquals(403, t2.api.post("/api/v1/library/groups/1/catalogue", new JsonObject().put("name", "化学"))
                .status());
        Reply created = t1.api.post("/api/v1/library/groups/1/catalogue", new JsonObject().put("name", "化学"
                + UUID.randomUUID().toString().substring(0, 4)));
        assertEquals(201, created.status(), created.toString());
        assertEquals("subject", created.json().getString("level"));
        long id = created.json().getLong("id");
        Reply child = t1.api.post("/api/v1/library/groups/1/catalogue", new JsonObject().put("name", "人教版")
                .put("parentId", id));
        assertEquals("edition", child.json().getString("level"));
        assertEquals(204, t1.api.delete("/api/v1/library/catalogue/" + id).status());
    }

    @Test
    @DisplayName("leads reorder catalogue nodes among siblings and move them under another node of the level above")
    void catalogue_reorder_and_move() {
        Reply created = t1.api.post("/api/v1/library/groups/1/catalogue", new JsonObject().put("name", "科学"
                + UUID.randomUUID().toString().substring(0, 4)));
        long subject = created.json().getLong("id");
        try {
            long a = t1.api.post("/api/v1/library/groups/1/catalogue", new JsonObject().put("name", "甲版")
                    .put("parentId", subject)).json().getLong("id");
            long b = t1.api.post("/api/v1/library/groups/1/catalogue", new JsonObject().put("name", "乙版")
                    .put("parentId", subject)).json().getLong("id");
            long volume = t1.api.post("/api/v1/library/groups/1/catalogue", new JsonObject().put("name", "七年级上册")
                    .put("parentId", a)).json().getLong("id");
            assertEquals(List.of("甲版", "乙版"), childNames(subject));

            assertEquals(204, t1.api.post("/api/v1/library/catalogue/" + b + "/move", new JsonObject()
                    .put("position", 0)).status());
            assertEquals(List.of("乙版", "甲版"), childNames(subject), "乙版 moved up");

            assertEquals(204, t1.api.post("/api/v1/library/catalogue/" + volume + "/move", new JsonObject()
                    .put("parentId", b)).status());
            assertEquals(List.of("七年级上册"), childNames(b), "the volume moved under 乙版");
            assertEquals(List.of(), childNames(a));

            assertEquals(400, t1.api.post("/api/v1/library/catalogue/" + volume + "/move", new JsonObject()
                    .put("parentId", subject)).status(), "a volume cannot hang under a subject");
            assertEquals(400, t1.api.post("/api/v1/library/catalogue/" + volume + "/move", new JsonObject()
                    .putNull("parentId")).status(), "only subjects sit at the root");
            assertEquals(400, t1.api.post("/api/v1/library/catalogue/" + b + "/move", new JsonObject()
                    .put("position", "first")).status());
            assertEquals(400, t1.api.post("/api/v1/library/catalogue/" + b + "/move", new JsonObject()).status());
            assertEquals(403, t2.api.post("/api/v1/library/catalogue/" + b + "/move", new JsonObject()
                    .put("position", 1)).status(), "teachers cannot change the catalogue");
            assertEquals(404, t1.api.post("/api/v1/library/catalogue/999999999/move", new JsonObject()
                    .put("position", 1)).status());
            long other = t1.api.post("/api/v1/library/groups/1/catalogue", new JsonObject().put("name", "七年级上册")
                    .put("parentId", a)).json().getLong("id");
            assertEquals(409, t1.api.post("/api/v1/library/catalogue/" + other + "/move", new JsonObject()
                    .put("parentId", b)).status(), "the name exists under the new parent");
            assertEquals(List.of("七年级上册"), childNames(a), "nothing moved");
        } finally {
            t1.api.delete("/api/v1/library/catalogue/" + subject);
        }
    }

    private static List<String> childNames(long nodeId) {
        JsonObject found = find(t1.api.get("/api/v1/library/groups/1/catalogue").json().getJsonArray("items"), nodeId);
        return found.getJsonArray("children").stream().map(o -> ((JsonObject) o).getString("name")).toList();
    }

    private static JsonObject find(io.vertx.core.json.JsonArray items, long id) {
        for (Object o : items) {
            JsonObject n = (JsonObject) o;
            if (n.getLong("id") == id) {
                return n;
            }
            JsonObject inner = find(n.getJsonArray("children"), id);
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }

    @Test
    @DisplayName("another feature can publish a lesson plan into the library through the publisher")
    void publish_hook() throws Exception {
        var p = new cn.tongbei.access.Principal(4, "teacher1", "刘芳", 1L, 1L,
                List.of(new cn.tongbei.access.Principal.Grant(
                        cn.tongbei.access.Role.TEACHER, 1L, 1L)),
                List.of());
        var meta = new Resource.Metadata("共案：二次函数", "集体备课共案", "初中", "九年级", "数学", "人教版", null, null, null, null,
                "教案", List.of("二次函数"), "CC BY-NC-SA 4.0", "group");
        long id = cn.tongbei.testing.TestServer.get().module(cn.tongbei.library.LibraryModule.class).publisher()
                .publish(p, "共案.docx", io.vertx.core.buffer.Buffer
                        .buffer(unique("共案正文")), meta)
                .toCompletionStage().toCompletableFuture().get();
        JsonObject json = t1.awaitProcessed(id);
        assertEquals("教案", json.getString("type"));
        assertEquals("ready", json.getString("status"));
    }
}
