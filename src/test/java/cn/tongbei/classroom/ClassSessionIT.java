package cn.tongbei.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.testing.Api;
import cn.tongbei.testing.Api.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Scheduling through the real API: who may schedule and see a session, courseware upload, validation. */
class ClassSessionIT {

    @Test
    @DisplayName("a scheduled session appears in the schedule of its master, classrooms, assistant and observer")
    void schedule_for_everyone_invited() {
        JsonObject s = ClassroomFixture.session("日程测试");
        long id = s.getLong("id");
        assertEquals(2, s.getJsonArray("classrooms").size());
        assertTrue(s.getJsonArray("classrooms").getJsonObject(0).getString("joinCode").matches("[0-9]{6}"));
        for (String user : new String[]{"teacher1", "terminal1", "terminal2", "teacher2", "observer1"}) {
            JsonArray items = ClassroomFixture.api().loginDemo(user).get("/api/v1/classroom/sessions").items();
            assertTrue(items.stream().anyMatch(o -> ((JsonObject) o).getLong("id") == id), user);
        }
        JsonObject asTerminal = ClassroomFixture.api().loginDemo("terminal2").get("/api/v1/classroom/sessions/" + id)
                .json();
        assertEquals("classroom", asTerminal.getString("myRole"));
        assertEquals(s.getLong("terminal2"), asTerminal.getLong("myClassroom"));
        JsonArray rooms = asTerminal.getJsonArray("classrooms");
        long withCode = rooms.stream().filter(o -> ((JsonObject) o).containsKey("joinCode")).count();
        assertEquals(1, withCode, "a classroom sees only its own join code");
        assertFalse(ClassroomFixture.api().loginDemo("teacher3").get("/api/v1/classroom/sessions").items().stream()
                .anyMatch(o -> ((JsonObject) o).getLong("id") == id));
        assertEquals(403, ClassroomFixture.api().loginDemo("teacher3").get("/api/v1/classroom/sessions/" + id)
                .status());
    }

    @Test
    @DisplayName("a join code resolves for its own classroom only")
    void join_code() {
        JsonObject s = ClassroomFixture.session("加入码");
        JsonObject room = s.getJsonArray("classrooms").stream().map(o -> (JsonObject) o).filter(o -> o.getLong(
                "terminalId").equals(s.getLong("terminal1"))).findFirst().orElseThrow();
        String code = room.getString("joinCode");
        Reply mine = ClassroomFixture.api().loginDemo("terminal1").get("/api/v1/classroom/join/" + code);
        assertEquals(200, mine.status(), mine.toString());
        assertEquals(s.getLong("id"), mine.json().getLong("sessionId"));
        assertEquals(403, ClassroomFixture.api().loginDemo("terminal2").get("/api/v1/classroom/join/" + code)
                .status());
        assertEquals(400, ClassroomFixture.api().loginDemo("terminal2").get("/api/v1/classroom/join/12ab").status());
    }

    @Test
    @DisplayName("scheduling refuses non-terminals as classrooms, terminals and observers from nowhere, bad fields")
    void validation() {
        Api teacher = ClassroomFixture.api().loginDemo("teacher1");
        long teacher3 = ClassroomFixture.userId(ClassroomFixture.api().loginDemo("teacher3"));
        JsonObject base = new JsonObject().put("groupId", 1).put("title", "x").put("startsAt",
                "2026-12-01T08:00:00+08:00");
        Reply notTerminal = teacher.post("/api/v1/classroom/sessions", base.copy().put("classrooms", new JsonArray()
                .add(new JsonObject().put("terminalId", teacher3))));
        assertEquals(400, notTerminal.status());
        assertEquals("classroom_not_terminal", notTerminal.errorCode());
        Reply bad = teacher.post("/api/v1/classroom/sessions", new JsonObject().put("groupId", 1).put("title", "")
                .put("startsAt", "tomorrow").put("durationMinutes", 2).put("classrooms", new JsonArray().add(1))
                .put("color", "red"));
        assertEquals(400, bad.status());
        assertEquals("validation_failed", bad.errorCode());
        assertEquals(5, bad.json().getJsonObject("error").getJsonObject("fields").size(), bad.toString());
        assertEquals(403, ClassroomFixture.api().loginDemo("terminal1").post("/api/v1/classroom/sessions", base.copy()
                .put("classrooms", new JsonArray().add(new JsonObject().put("terminalId", 1)))).status());
        assertEquals(404, teacher.post("/api/v1/classroom/sessions", base.copy().put("groupId", 999).put("classrooms",
                new JsonArray().add(new JsonObject().put("terminalId", 1)))).status());
    }

    @Test
    @DisplayName("the master uploads a PDF; pages render to PNG images that participants can fetch; others cannot")
    void courseware_upload() throws Exception {
        JsonObject s = ClassroomFixture.session("课件");
        long id = s.getLong("id");
        int port = ClassroomFixture.api().port();
        String master = ClassroomFixture.token("teacher1");
        HttpResponse<String> up = upload(port, master, id, pdf(3), "一元一次方程.pdf");
        assertEquals(200, up.statusCode(), up.body());
        assertEquals(3, new JsonObject(up.body()).getInteger("pageCount"));
        HttpResponse<byte[]> page = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + port + "/api/v1/classroom/sessions/" + id + "/pages/2")).header("Authorization", "Bearer "
                                + ClassroomFixture.token("terminal1"))
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, page.statusCode());
        assertEquals((byte) 0x89, page.body()[0], "a PNG");
        assertEquals(404, ClassroomFixture.api().loginDemo("terminal1").get("/api/v1/classroom/sessions/" + id
                + "/pages/4").status());
        assertEquals(403, upload(port, ClassroomFixture.token("terminal1"), id, pdf(1), "x.pdf").statusCode());
        HttpResponse<String> junk = upload(port, master, id, "not a pdf".getBytes(StandardCharsets.UTF_8), "x.pdf");
        assertEquals(400, junk.statusCode());
        assertEquals("classroom_pdf_unreadable", new JsonObject(junk.body()).getJsonObject("error").getString("code"));
        Reply json = ClassroomFixture.api().loginDemo("teacher1").post("/api/v1/classroom/sessions/" + id
                + "/courseware", new JsonObject().put("file", "x"));
        assertEquals(400, json.status(), json.toString());
        assertEquals("classroom_one_file", json.errorCode());
    }

    static byte[] pdf(int pages) throws Exception {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int i = 0; i < pages; i++) {
                doc.addPage(new PDPage());
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    static HttpResponse<String> upload(int port, String token, long id, byte[] file, String name) throws Exception {
        String boundary = "----tongbei" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(file);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/classroom/sessions/" + id + "/courseware")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers
                        .ofByteArray(body.toByteArray()))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
