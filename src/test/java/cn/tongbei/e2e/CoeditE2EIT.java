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
        // the commented text is highlighted in the editor, and the highlight moved with the colleague's insert
        new WebDriverWait(lead.driver(), Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(lead.script(
                "var q = window.__coedit.quill; var m = window.__commentMarks();"
                        + " return m.length === 1 && m[0].index === q.getText().indexOf('教学重难点') && m[0].length === 5"
                        + " && document.querySelectorAll('.comment-mark').length === 1")));
        lead.click("[data-testid=comment-quote]");
        assertEquals(Boolean.TRUE, lead.script("var q = window.__coedit.quill; var s = q.getSelection();"
                + " var b = q.getBounds(s.index, s.length); var m = document.querySelector('.comment-mark');"
                + " return s.length === 5 && q.getText(s.index, 5) === '教学重难点' && m.classList.contains('active')"
                + " && Math.abs(parseFloat(m.style.top) - b.top) < 1"
                + " && document.querySelector('[data-testid=comments] li.active') !== null"),
                "choosing the comment selects its text and marks its highlight");
        text = contents(lead);
        lead.screenshot("prep-02-coediting");

        Delta server = PlainJson.delta(teacher3.get("/api/v1/prep/plans/" + made.planId() + "/content").json()
                .getJsonObject("content"));
        Delta browser = PlainJson.delta(new io.vertx.core.json.JsonArray(text));
        assertEquals(server, browser, "the server holds what both editors show");
    }

    static void awaitSettled(Browser b, Api api, long planId) {
        new WebDriverWait(b.driver(), Duration.ofSeconds(20)).until(d -> !(Boolean) b.script(
                "return window.__coedit.unsent()")
                && PlainJson.delta(api.get("/api/v1/prep/plans/" + planId + "/content").json()
                        .getJsonObject("content"))
                        .equals(PlainJson.delta(new io.vertx.core.json.JsonArray(contents(b)))));
    }

    @Test
    @DisplayName("a table made with the toolbar and a formula typed into Quill's formula box are accepted by the server as Quill produced them")
    void tables_and_formulas_round_trip() {
        Api teacher3 = api.loginDemo("teacher3");
        PrepFixture.Made made = PrepFixture.activity(teacher3, "表格公式 " + System.nanoTime() % 100000);
        lead.login("teacher3", "tongbei-demo");
        lead.open("/#/prep/plans/" + made.planId());
        awaitConnected(lead);
        assertEquals(Boolean.TRUE, lead.script("return typeof window.katex === 'object'"),
                "KaTeX is loaded before Quill");

        // a 3×3 table, then one more row and column, then one row removed again: 3 rows × 4 columns
        lead.script("var q = window.__coedit.quill; q.setSelection(q.getLength() - 1, 0, 'user');");
        lead.click("[data-testid=table-insert]");
        new WebDriverWait(lead.driver(), Duration.ofSeconds(10)).until(d -> !d.findElements(
                By.cssSelector(".ql-editor table td")).isEmpty());
        lead.script("var q = window.__coedit.quill; var cell = q.root.querySelector('table td');"
                + " var blot = window.Quill.find(cell); q.setSelection(q.getIndex(blot), 0, 'user');");
        lead.find(".ql-editor").sendKeys("课时");
        lead.click("[data-testid=table-row-add]");
        lead.click("[data-testid=table-col-add]");
        lead.script("var q = window.__coedit.quill; var cells = q.root.querySelectorAll('table td');"
                + " q.setSelection(q.getIndex(window.Quill.find(cells[cells.length - 1])), 0, 'user');");
        lead.click("[data-testid=table-row-remove]");
        new WebDriverWait(lead.driver(), Duration.ofSeconds(10)).until(d -> ((Number) lead.script(
                "return document.querySelectorAll('.ql-editor table tr').length")).intValue() == 3
                && ((Number) lead
                        .script("return document.querySelectorAll('.ql-editor table tr:first-child td').length"))
                        .intValue() == 4);
        // then a formula on the line after the table, through the snow theme's formula tooltip
        lead.script("var q = window.__coedit.quill; q.focus(); q.setSelection(q.getLength() - 1, 0, 'user');");
        lead.click(".ql-toolbar .ql-formula");
        WebElement formula = lead.find(".ql-tooltip.ql-editing input[type=text]");
        formula.sendKeys("a^2+b^2=c^2" + org.openqa.selenium.Keys.ENTER);
        new WebDriverWait(lead.driver(), Duration.ofSeconds(10)).until(d -> !d.findElements(
                By.cssSelector(".ql-editor .ql-formula .katex")).isEmpty());

        awaitSettled(lead, teacher3, made.planId());

        String ops = contents(lead);
        assertTrue(ops.contains("{\"insert\":{\"formula\":\"a^2+b^2=c^2\"}}"), ops);
        assertTrue(ops.contains("{\"insert\":\"课时\"}"), ops);
        assertTrue(
                java.util.regex.Pattern.compile("\"attributes\":\\{\"table\":\"row-[a-z0-9]+\"}").matcher(ops).find(),
                ops);
        lead.screenshot("prep-03-table-formula");

        // the history panel lists the attributed changes up to the head, and diffs any two versions on the server
        int head = teacher3.get("/api/v1/prep/plans/" + made.planId() + "/content").json().getInteger("revision");
        new WebDriverWait(lead.driver(), Duration.ofSeconds(15)).until(d -> String.valueOf(head).equals(lead.script(
                "var li = document.querySelector('[data-testid=changes] li'); return li && li.dataset.revision")));
        String top = lead.find("[data-testid=changes] li").getText();
        assertTrue(top.startsWith("第 " + head + " 版 · "), top);
        lead.type(lead.find("#version-name"), "加表格后");
        lead.click("#version-save");
        lead.waitForText("[data-testid=versions]", "加表格后");
        lead.select(lead.find("[data-testid=diff-from]"), "0");
        lead.select(lead.find("[data-testid=diff-to]"), String.valueOf(head));
        lead.click("[data-testid=diff-go]");
        new WebDriverWait(lead.driver(), Duration.ofSeconds(10)).until(d -> String.valueOf(head).equals(
                d.findElement(By.cssSelector("[data-testid=version-diff]")).getAttribute("data-to")));
        String inserted = (String) lead.script("return [...document.querySelectorAll('[data-testid=version-diff] ins')]"
                + ".map(e => e.textContent).join('|')");
        assertTrue(inserted.contains("$a^2+b^2=c^2$") && inserted.contains("课时"), inserted);
        assertTrue(lead.find("[data-testid=version-diff]").getText().contains("教学目标"), "unchanged text is shown too");
        lead.screenshot("prep-04-history-diff");
        // reload: the server's canonical document renders the same table and formula again
        lead.open("/#/prep/activities/" + made.activityId());
        lead.open("/#/prep/plans/" + made.planId());
        awaitConnected(lead);
        new WebDriverWait(lead.driver(), Duration.ofSeconds(10)).until(d -> ops.equals(contents(lead)));
        assertEquals(12,
                ((Number) lead.script("return document.querySelectorAll('.ql-editor table td').length")).intValue());
    }
}
