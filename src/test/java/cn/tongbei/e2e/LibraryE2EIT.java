package cn.tongbei.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.testing.Api;
import cn.tongbei.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A teacher uploads, searches, filters by a facet and previews through the real library UI. */
class LibraryE2EIT {
    static Browser browser;

    @BeforeAll
    static void start() {
        browser = new Browser(TestServer.api().port());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @DisplayName("upload two files with progress bars, find one by search and facet, and preview its PDF pages")
    void upload_search_facet_preview() throws Exception {
        String word = "浏览器" + Long.toString(System.nanoTime() % 100000);
        Path dir = Files.createTempDirectory("lib-e2e");
        Path pdf = dir.resolve(word + "浮力讲义.pdf");
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage());
            doc.addPage(new PDPage());
            doc.save(pdf.toFile());
        }
        Path txt = dir.resolve(word + "学案.txt");
        Files.writeString(txt, "浮力 学案 " + word);

        browser.login("admin", "tongbei-demo");
        browser.open("/#/library");
        browser.testId("search-box");
        browser.screenshot("lib-01-library");
        browser.click("[data-testid=\"open-upload\"]");
        browser.find("#lib-upload-files").sendKeys(pdf.toAbsolutePath() + "\n" + txt.toAbsolutePath());
        browser.select(browser.find("#lib-upload-subject"), "物理");
        browser.select(browser.find("#lib-upload-grade"), "八年级");
        browser.select(browser.find("#lib-upload-type"), "教案");
        browser.select(browser.find("#lib-upload-visibility"), "group");
        browser.type(browser.find("#lib-upload-tags"), "浮力, " + word);
        browser.click("[data-testid=\"upload-submit\"]");
        WebDriverWait wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(60));
        wait.until(d -> d.findElements(By.cssSelector("[data-testid=\"upload-row\"][data-status=\"done\"]"))
                .size() == 2);
        for (WebElement row : browser.driver().findElements(By.cssSelector("[data-testid=\"upload-row\"]"))) {
            assertEquals("100", row.findElement(By.tagName("progress")).getDomProperty("value").replace(".0", ""));
        }
        browser.screenshot("lib-02-uploaded");
        browser.click("[data-testid=\"upload-close\"]");

        WebElement box = browser.testId("search-box");
        box.clear();
        box.sendKeys(word);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=\"suggestion\"]")));
        browser.click("[data-testid=\"search-submit\"]");
        wait.until(d -> d.findElements(By.cssSelector("[data-testid=\"result\"]")).size() == 2);
        assertTrue(browser.find("[data-testid=\"result\"] mark").getText().contains(word.substring(0, 3)));
        browser.screenshot("lib-03-results");

        browser.click("[data-testid=\"facet-value\"][data-dim=\"type\"][data-value=\"教案\"]");
        wait.until(d -> d.findElement(By.cssSelector("[data-testid=\"total\"]")).getText().contains("2"));
        browser.click("[data-testid=\"result-title\"]");
        browser.testId("resource-title");
        wait.until(d -> !d
                .findElements(By.cssSelector("[data-testid=\"preview-page\"], [data-testid=\"preview-unavailable\"]"))
                .isEmpty());
        if (!browser.driver().findElements(By.cssSelector("[data-testid=\"preview-unavailable\"]")).isEmpty()) {
            browser.driver().navigate().back();
            wait.until(d -> d.findElements(By.cssSelector("[data-testid=\"result-title\"]")).size() == 2);
            browser.driver().findElements(By.cssSelector("[data-testid=\"result-title\"]")).stream()
                    .filter(e -> e.getText().contains("浮力讲义")).findFirst().orElseThrow().click();
        }
        wait.until(d -> d.findElements(By.cssSelector("[data-testid=\"preview-page\"]")).size() == 2);
        wait.until(d -> (Boolean) browser.script(
                "return [...document.querySelectorAll('[data-testid=preview-page]')].every(i => i.complete && i.naturalWidth > 0)"));
        browser.screenshot("lib-04-preview");
    }

    /** Uploads a small text file as {@code username} over the API; answers the new resource id. */
    static long uploadText(String username, String text, String title) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String base = "http://127.0.0.1:" + TestServer.api().port();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
                        .put("username", username).put("password", "tongbei-demo").encode()))
                .build(), HttpResponse.BodyHandlers.ofString());
        String token = new JsonObject(login.body()).getString("accessToken");
        String b = "e2eboundary";
        String body = "--" + b + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n" + title + "\r\n--" + b
                + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\n素材\r\n--" + b
                + "\r\nContent-Disposition: form-data; name=\"visibility\"\r\n\r\nschool\r\n--" + b
                + "\r\nContent-Disposition: form-data; name=\"edition\"\r\n\r\n人教版\r\n--" + b
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"e.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n" + text + "\r\n--" + b + "--\r\n";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/resources"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + b)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        return new JsonObject(r.body()).getLong("id");
    }

    @Test
    @DisplayName("the owner edits a resource's details on its page; a colleague sees no edit form")
    void edit_metadata() throws Exception {
        String mark = "编辑" + Long.toString(System.nanoTime() % 100000);
        long id = uploadText("teacher1", "编辑测试 " + mark, "编辑前 " + mark);
        browser.login("teacher1", "tongbei-demo");
        browser.open("/#/library/resources/" + id);
        browser.click("[data-testid=\"edit-meta\"]");
        browser.testId("meta-form");
        browser.type(browser.find("#lib-edit-title"), "编辑后 " + mark);
        browser.select(browser.find("#lib-edit-grade"), "九年级");
        browser.select(browser.find("#lib-edit-type"), "学案");
        browser.type(browser.find("#lib-edit-tags"), "浮力, 压强");
        browser.type(browser.find("#lib-edit-edition"), "");
        browser.screenshot("lib-05-edit");
        browser.click("[data-testid=\"meta-save\"]");
        browser.waitForText("[data-testid=\"resource-title\"]", "编辑后 " + mark);
        JsonObject saved = TestServer.api().loginDemo("teacher1").get("/api/v1/resources/" + id).json();
        assertEquals("编辑后 " + mark, saved.getString("title"));
        assertEquals("九年级", saved.getString("grade"));
        assertEquals("学案", saved.getString("type"));
        assertEquals(new JsonArray().add("浮力").add("压强"), saved.getJsonArray("tags"));
        assertEquals("school", saved.getString("visibility"), "fields not touched keep their value");
        assertNull(saved.getString("edition"), "an emptied field is cleared");

        browser.login("teacher5", "tongbei-demo");
        browser.open("/#/library/resources/" + id);
        browser.waitForText("[data-testid=\"resource-title\"]", "编辑后 " + mark);
        assertTrue(browser.driver().findElements(By.cssSelector("[data-testid=\"edit-meta\"]")).isEmpty());
    }

    @Test
    @DisplayName("a group administrator adds, reorders, renames and deletes catalogue nodes; a teacher sees the tree read-only")
    void catalogue_maintenance() {
        String subject = "科学" + Long.toString(System.nanoTime() % 100000);
        browser.login("admin", "tongbei-demo");
        browser.open("/#/library");
        browser.click("[data-testid=\"catalogue-link\"]");
        browser.type(browser.testId("cat-add-root-name"), subject);
        browser.click("[data-testid=\"cat-add-root\"]");
        String row = "[data-testid=\"cat-node\"][data-name=\"" + subject + "\"]";
        browser.type(browser.find(row + " [data-testid=\"cat-add-child-name\"]"), "浙教版");
        browser.click(row + " [data-testid=\"cat-add-child\"]");
        String child = "[data-testid=\"cat-node\"][data-name=\"浙教版\"][data-level=\"edition\"]";
        browser.find(child);
        browser.type(browser.find(row + " [data-testid=\"cat-add-child-name\"]"), "苏教版");
        browser.click(row + " [data-testid=\"cat-add-child\"]");
        String second = "[data-testid=\"cat-node\"][data-name=\"苏教版\"][data-level=\"edition\"]";
        browser.click(second + " [data-testid=\"cat-up\"]");
        Api lead = TestServer.api().loginDemo("admin");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(15)).until(d -> "苏教版".equals(subjectNode(lead,
                subject).getJsonArray("children").getJsonObject(0).getString("name")));
        browser.click(second + " [data-testid=\"cat-delete\"]");
        browser.click("[data-testid=\"confirm-ok\"]");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(15))
                .until(d -> d.findElements(By.cssSelector(second)).isEmpty());
        browser.type(browser.find(child + " [data-testid=\"cat-rename-name\"]"), "浙教版（2024）");
        browser.click(child + " [data-testid=\"cat-rename\"]");
        String renamed = "[data-testid=\"cat-node\"][data-name=\"浙教版（2024）\"]";
        browser.find(renamed);
        browser.screenshot("lib-06-catalogue");
        Api admin = TestServer.api().loginDemo("admin");
        JsonObject node = subjectNode(admin, subject);
        assertEquals("浙教版（2024）", node.getJsonArray("children").getJsonObject(0).getString("name"));

        browser.click(renamed + " [data-testid=\"cat-delete\"]");
        browser.click("[data-testid=\"confirm-ok\"]");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(15))
                .until(d -> d.findElements(By.cssSelector(renamed)).isEmpty());
        assertTrue(subjectNode(admin, subject).getJsonArray("children").isEmpty());

        browser.login("teacher2", "tongbei-demo");
        browser.open("/#/library/catalogue");
        browser.testId("cat-readonly");
        browser.find("[data-testid=\"cat-node\"][data-name=\"" + subject + "\"]");
        assertTrue(browser.driver().findElements(By.cssSelector("[data-testid=\"cat-delete\"]")).isEmpty());
    }

    private static JsonObject subjectNode(Api admin, String subject) {
        return admin.get("/api/v1/library/groups/1/catalogue").json().getJsonArray("items").stream()
                .map(o -> (JsonObject) o).filter(o -> subject.equals(o.getString("name"))).findFirst().orElseThrow();
    }
}
