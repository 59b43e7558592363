package cn.tongbei.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.lessons.PrepFixture;
import cn.tongbei.lessons.coedit.Delta;
import cn.tongbei.lessons.coedit.PlainJson;
import cn.tongbei.testing.Api;
import cn.tongbei.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Two teachers co-edit one lesson plan in two browsers; both editors and the server converge. */
class CoeditE2EIT {
    static Browser lead;
    static Browser colleague;
    static Api api;

    @BeforeAll
    static void start() {
        api = TestServer.api();
        lead = new Browser(api.port());
        colleague = new Browser(api.port());
    }

    @AfterAll
    static void stop() {
        for (Browser b : new Browser[]{lead, colleague}) {
            if (b != null) {
                b.close();
            }
        }
    }

    static String contents(Browser b) {
        return (String) b.script("return JSON.stringify(window.__coedit.quill.getContents().ops)");
    }

    static void typeAt(Browser b, int index, String text) {
        b.script("window.__coedit.quill.focus(); window.__coedit.quill.setSelection(arguments[0], 0, 'user')", index);
        WebElement editor = b.find(".ql-editor");
        editor.sendKeys(text);
    }

    static void awaitConnected(Browser b) {
        new WebDriverWait(b.driver(), Duration.ofSeconds(20)).until(d -> "connected".equals(
                d.findElement(By.cssSelector("[data-testid=conn-state]")).getAttribute("data-state")));
    }

    @Test
    @DisplayName("two browsers type into the same plan at once, one of them through a network drop, and converge")
    void two_teachers_converge() {
        Api teacher3 = api.loginDemo("teacher3");
        PrepFixture.Made made = PrepFixture.activity(teacher3, "浏览器协同 " + System.nanoTime() % 100000);
        PrepFixture.transition(teacher3, made.planId(), "DISCUSSION");

        lead.login("teacher3", "tongbei-demo");
        colleague.login("teacher1", "tongbei-demo");
        lead.open("/#/prep/activities/" + made.activityId());
        lead.waitForText("[data-testid=activity-topic]", "浏览器协同");
        lead.screenshot("prep-01-activity");
        lead.open("/#/prep/plans/" + made.planId());
        colleague.open("/#/prep/plans/" + made.planId());
        awaitConnected(lead);
        awaitConnected(colleague);
        assertEquals("已连接", lead.find("[data-testid=conn-state]").getText());

        typeAt(lead, 5, "理解方程的意义");
        typeAt(colleague, 5, "会列方程解应用题");
        colleague.script("window.__coedit.drop()");
        typeAt(colleague, 0, "【个人补充】");
        typeAt(lead, 1, "★");
        awaitConnected(colleague);

        WebDriverWait wait = new WebDriverWait(lead.driver(), Duration.ofSeconds(20));
        wait.until(d -> contents(lead).equals(contents(colleague)) && contents(lead).contains("【个人补充】")
                && !(Boolean) colleague.script("return window.__coedit.unsent()"));
        String text = contents(lead);
        assertTrue(text.contains("理解方程的意义"), text);
        assertTrue(text.contains("会列方程解应用题"), text);
        assertTrue(text.contains("★"), text);
        wait.until(d -> ((Number) lead.script("return document.querySelectorAll('.ql-cursor').length")).intValue() > 0);
        lead.find(".presence-avatar");
        // a comment made in one browser stays on its text after the other browser types before it
        int goal = text.indexOf("教学重难点") - 0;
        lead.script(
                "var q = window.__coedit.quill; var i = q.getText().indexOf('教学重难点'); q.setSelection(i, 5, 'user');");
        lead.type(lead.find("#comment-body"), "重难点要写具体");
        lead.click("#comment-add");
        lead.waitForText("[data-testid=comments]", "重难点要写具体");
        typeAt(colleague, 0, "前");
        wait.until(d -> contents(lead).equals(contents(colleague)) && contents(lead).startsWith("[{\"insert\":\"前"));
        new WebDriverWait(lead.driver(), Duration.ofSeconds(10)).until(d -> "“教学重难点”".equals(
                d.findElement(By.cssSelector("[data-testid=comment-quote]")).getText()));
        assertTrue(goal >= 0);
        text = contents(lead);
        lead.screenshot("prep-02-coediting");

        Delta server = PlainJson.delta(teacher3.get("/api/v1/prep/plans/" + made.planId() + "/content").json()
                .getJsonObject("content"));
        Delta browser = PlainJson.delta(new io.vertx.core.json.JsonArray(text));
        assertEquals(server, browser, "the server holds what both editors show");
    }
}
