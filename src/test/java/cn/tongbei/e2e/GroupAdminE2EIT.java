package cn.tongbei.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.testing.Api;
import cn.tongbei.testing.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A group administrator works through the real UI in headless Chromium; the server is the judge. */
class GroupAdminE2EIT {
    static Browser browser;
    static Api api;

    @BeforeAll
    static void start() {
        api = TestServer.api();
        browser = new Browser(api.port());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @DisplayName("log in, create a group, add a member school and a subject group through the UI")
    void administer_a_group() {
        String suffix = Long.toString(System.nanoTime() % 100000);
        String groupName = "浏览器测试集团" + suffix;
        String schoolName = "山区小学" + suffix;
        String teamName = "数学学科教研组" + suffix;

        browser.login("admin", "tongbei-demo");
        browser.screenshot("01-home");
        browser.click("[data-nav=\"admin\"]");
        browser.type(browser.testId("create-group-name"), groupName);
        browser.select(browser.testId("create-group-mode"), "TIGHT");
        browser.type(browser.testId("create-group-lead-name"), "县一中" + suffix);
        browser.select(browser.testId("create-group-lead-kind"), "URBAN");
        browser.click("[data-testid=\"create-group-submit\"]");
        browser.waitForText("[data-testid=\"group-name\"]", groupName);
        browser.screenshot("02-group-overview");

        browser.click("[data-tab=\"schools\"]");
        browser.type(browser.testId("create-school-name"), schoolName);
        browser.select(browser.testId("create-school-kind"), "RURAL");
        browser.click("[data-testid=\"create-school-submit\"]");
        browser.waitForText("[data-testid=\"schools-table\"]", schoolName);
        browser.screenshot("03-schools");

        browser.click("[data-tab=\"teams\"]");
        browser.select(browser.testId("create-team-kind"), "SUBJECT");
        browser.type(browser.testId("create-team-name"), teamName);
        browser.select(browser.testId("create-team-subject"), "数学");
        browser.click("[data-testid=\"create-team-submit\"]");
        browser.waitForText("[data-testid=\"teams-table\"]", teamName);
        browser.screenshot("04-teams");

        Api admin = api.loginDemo("admin");
        JsonObject group = admin.get("/api/v1/groups").items().stream().map(o -> (JsonObject) o)
                .filter(g -> g.getString("name").equals(groupName)).findFirst().orElseThrow();
        assertEquals("TIGHT", group.getString("mode"));
        long id = group.getLong("id");
        assertTrue(admin.get("/api/v1/groups/" + id + "/schools").items().stream()
                .anyMatch(
                        s -> ((JsonObject) s).getString("name").equals(schoolName) && ((JsonObject) s).getString("kind")
                                .equals("RURAL")));
        assertTrue(admin.get("/api/v1/groups/" + id + "/teams").items().stream()
                .anyMatch(t -> ((JsonObject) t).getString("name").equals(teamName)));
    }

    @Test
    @DisplayName("the UI is Chinese first, switches to English and remembers the choice")
    void language_toggle() {
        browser.login("teacher1", "tongbei-demo");
        String zh = browser.find("[data-nav=\"prep\"]").getText();
        assertTrue(zh.contains("集体备课"), zh);
        browser.click("#lang-toggle");
        browser.waitForText("[data-nav=\"prep\"]", "Joint preparation");
        browser.driver().navigate().refresh();
        browser.waitForText("[data-nav=\"prep\"]", "Joint preparation");
        browser.screenshot("05-english");
        browser.click("#lang-toggle");
        browser.waitForText("[data-nav=\"prep\"]", "集体备课");
    }

    @Test
    @DisplayName("a wrong password shows a clear message on the login page")
    void wrong_password() {
        browser.logout();
        browser.type(browser.find("#login-username"), "teacher9");
        browser.type(browser.find("#login-password"), "wrong-password");
        browser.click("#login-submit");
        browser.waitForText("#login-error", "用户名或密码不正确");
    }
}
