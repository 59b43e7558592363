package cn.tongbei.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.testing.TestServer;
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
}
