package cn.tongbei.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.tongbei.testing.Api;
import cn.tongbei.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A master console and two classroom terminals in three headless browsers, against the real server. */
class ClassroomE2EIT {
    static Api api;
    static Browser master;
    static Browser roomA;
    static Browser roomB;

    @BeforeAll
    static void start() {
        api = TestServer.api();
        master = new Browser(api.port());
        roomA = new Browser(api.port());
        roomB = new Browser(api.port());
    }

    @AfterAll
    static void stop() {
        for (Browser b : new Browser[]{master, roomA, roomB}) {
            if (b != null) {
                b.close();
            }
        }
    }

    /** The master schedules through the form (title, two classrooms); the courseware goes up through the API. */
    static long scheduleWithCourseware() throws Exception {
        long t1 = api.loginDemo("terminal1").get("/api/v1/me").json().getLong("id");
        long t2 = api.loginDemo("terminal2").get("/api/v1/me").json().getLong("id");
        String title = "浏览器同步课堂" + System.nanoTime() % 100000;
        signIn(master, "teacher1");
        master.open("/#/classroom");
        master.click("[data-testid=\"cls-new\"]");
        master.type(master.testId("cls-f-title"), title);
        master.click("[data-testid=\"cls-f-room-" + t1 + "\"]");
        master.click("[data-testid=\"cls-f-room-" + t2 + "\"]");
        master.screenshot("classroom-00-schedule-form");
        master.click("[data-testid=\"cls-f-submit\"]");
        master.waitForText("[data-testid=\"cls-list\"]", title);
        long id = api.loginDemo("teacher1").get("/api/v1/classroom/sessions").items().stream().map(
                o -> (JsonObject) o).filter(o -> o.getString("title").equals(title)).findFirst().orElseThrow()
                .getLong("id");
        String token = api.post("/api/v1/auth/login", new JsonObject().put("username", "teacher1").put("password",
                "tongbei-demo")).json().getString("accessToken");
        byte[] pdf;
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int i = 0; i < 3; i++) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (org.apache.pdfbox.pdmodel.PDPageContentStream text = new org.apache.pdfbox.pdmodel.PDPageContentStream(
                        doc, page)) {
                    text.beginText();
                    text.setFont(new org.apache.pdfbox.pdmodel.font.PDType1Font(
                            org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA_BOLD), 48);
                    text.newLineAtOffset(72, 600);
                    text.showText("Page " + (i + 1) + ": 2x + 3 = 11");
                    text.endText();
                }
            }
            doc.save(out);
            pdf = out.toByteArray();
        }
        String boundary = "----e2e" + id;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"课件.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(pdf);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> up = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + api.port() + "/api/v1/classroom/sessions/" + id + "/courseware")).header(
                        "Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary="
                        + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, up.statusCode(), up.body());
        return id;
    }

    /** Signs in from a clean storage with a full page load (a refresh racing the hash router is flaky). */
    static void signIn(Browser b, String user) {
        b.open("/");
        b.script("localStorage.clear(); sessionStorage.clear();");
        b.open("/?signin=" + System.nanoTime() + "#/login");
        b.type(b.find("#login-username"), user);
        b.type(b.find("#login-password"), "tongbei-demo");
        b.click("#login-submit");
        b.find("[data-nav=\"classroom\"]");
    }

    static void enter(Browser b, String user, long id) {
        signIn(b, user);
        b.open("/#/classroom/" + id);
        b.find("[data-testid=\"cls-conn\"][data-status=\"live\"]");
    }

    static void waitFor(Browser b, String css) {
        new WebDriverWait(b.driver(), Duration.ofSeconds(15)).until(d -> !d.findElements(org.openqa.selenium.By
                .cssSelector(css)).isEmpty());
    }

    @Test
    @DisplayName("the master turns a page and draws; both classrooms follow; a quiz is answered and aggregated")
    void page_stroke_quiz() throws Exception {
        long id = scheduleWithCourseware();
        enter(master, "teacher1", id);
        enter(roomA, "terminal1", id);
        enter(roomB, "terminal2", id);
        master.testId("cls-master");
        roomA.testId("cls-terminal");

        master.click("[data-testid=\"cls-next\"]");
        for (Browser b : List.of(roomA, roomB)) {
            waitFor(b, "[data-testid=\"cls-board\"][data-page=\"1\"]");
            b.waitForText("[data-testid=\"cls-page-label\"]", "2 / 3");
        }

        WebElement canvas = master.find("[data-testid=\"cls-board\"] canvas:last-of-type");
        new Actions(master.driver()).moveToElement(canvas, -100, -60).clickAndHold().moveByOffset(60, 20)
                .moveByOffset(80, 40).moveByOffset(60, -30).release().perform();
        for (Browser b : List.of(roomA, roomB)) {
            waitFor(b, "[data-testid=\"cls-board\"][data-strokes=\"1\"]");
        }
        master.screenshot("classroom-01-master-stroke");

        master.select(master.testId("cls-quiz-kind"), "single");
        master.click("[data-testid=\"cls-quiz-launch\"]");
        answer(roomA, 3, 20, 1, 0);
        answer(roomB, 2, 15, 4, 1);
        waitFor(master, "[data-testid=\"cls-quiz-chart\"][data-totals=\"5,35,5,1\"]");
        master.waitForText("[data-testid=\"cls-quiz-totals\"]", "B: 35");
        roomA.screenshot("classroom-02-terminal-quiz");
        master.screenshot("classroom-03-master-quiz");
        master.click("[data-testid=\"cls-quiz-reveal\"]");
        roomB.waitForText("[data-testid=\"cls-quiz\"]", "A: 5");
        roomB.screenshot("classroom-04-terminal-revealed");

        master.open("/#/classroom/" + id + "/summary");
        master.waitForText("[data-testid=\"cls-quiz-table\"]", "35");
        assertEquals(2, master.driver().findElements(org.openqa.selenium.By.cssSelector(
                "[data-testid=\"cls-attendance-table\"] tbody tr")).size());
        master.screenshot("classroom-05-summary");
        master.open("/#/classroom/" + id + "/playback");
        master.testId("cls-playback");
        waitFor(master, "[data-testid=\"cls-board\"][data-page=\"1\"][data-strokes=\"1\"]");
        master.screenshot("classroom-06-playback");
    }

    static void answer(Browser b, int... counts) {
        for (int i = 0; i < counts.length; i++) {
            b.type(b.testId("cls-answer-" + i), Integer.toString(counts[i]));
        }
        b.click("[data-testid=\"cls-answer-submit\"]");
    }
}
