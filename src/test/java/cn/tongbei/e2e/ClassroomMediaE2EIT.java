package cn.tongbei.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.tongbei.testing.Api;
import cn.tongbei.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Audio and video between a master console and a classroom terminal, peer to peer through the session's
 * signaling relay, with Chromium's fake camera and microphone (switches given to these two browsers only).
 */
class ClassroomMediaE2EIT {
    private static final String[] FAKE_MEDIA = {"--use-fake-device-for-media-stream",
            "--use-fake-ui-for-media-stream", "--autoplay-policy=no-user-gesture-required"};
    static Api api;
    static Browser master;
    static Browser room;

    @BeforeAll
    static void start() {
        api = TestServer.api();
        master = new Browser(api.port(), FAKE_MEDIA);
        room = new Browser(api.port(), FAKE_MEDIA);
    }

    @AfterAll
    static void stop() {
        for (Browser b : new Browser[]{master, room}) {
            if (b != null) {
                b.close();
            }
        }
    }

    static double number(Browser b, String js) {
        Object v = b.script(js);
        return v instanceof Number n ? n.doubleValue() : -1;
    }

    static void until(Browser b, String what, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(b.driver(), Duration.ofSeconds(30)).withMessage(what).until(d -> condition.getAsBoolean());
    }

    @Test
    @DisplayName("the master's camera reaches a classroom terminal's video; a classroom granted speak is heard")
    void camera_reaches_classroom_and_speak_comes_back() {
        Api teacher = api.loginDemo("teacher1");
        long terminal3 = api.loginDemo("terminal3").get("/api/v1/me").json().getLong("id");
        var created = teacher.post("/api/v1/classroom/sessions", new JsonObject().put("groupId", 1).put("title",
                "音视频" + System.nanoTime() % 100000).put("subject", "数学").put("startsAt", OffsetDateTime.now()
                        .plusMinutes(5).toString())
                .put("durationMinutes", 45).put("classrooms", new JsonArray()
                        .add(new JsonObject().put("terminalId", terminal3))));
        assertEquals(201, created.status(), created.toString());
        long id = created.json().getLong("id");

        ClassroomE2EIT.enter(room, "terminal3", id);
        room.find("[data-testid=\"cls-av-state\"][data-state=\"waiting\"]");
        ClassroomE2EIT.enter(master, "teacher1", id);
        master.find("[data-testid=\"cls-av-state\"][data-state=\"off\"]");
        master.click("[data-testid=\"cls-camera\"]");
        until(master, "the master's preview plays the fake camera", () -> number(master,
                "return document.querySelector('[data-testid=cls-local-video]').videoWidth") > 0);
        until(room, "the classroom's video receives frames", () -> number(room,
                "return document.querySelector('[data-testid=cls-remote-video]').videoWidth") > 0);
        double t0 = number(room, "return document.querySelector('[data-testid=cls-remote-video]').currentTime");
        until(room, "the classroom's video keeps playing", () -> number(room,
                "return document.querySelector('[data-testid=cls-remote-video]').currentTime") > t0 + 0.5);
        room.find("[data-testid=\"cls-av-state\"][data-state=\"live\"]");
        master.find("[data-testid=\"cls-av-state\"][data-state=\"live\"]");
        room.screenshot("classroom-media-terminal");

        room.click("[data-testid=\"cls-raise\"]");
        ClassroomE2EIT.waitFor(master, "[data-testid=\"cls-hands\"] li .btn-primary");
        master.click("[data-testid=\"cls-hands\"] li .btn-primary");
        room.find("[data-testid=\"cls-mic-state\"][data-state=\"micLive\"]");
        until(master, "the master receives the classroom's microphone", () -> Boolean.TRUE.equals(master.script(
                "const a = [...document.querySelectorAll('[data-testid=cls-classroom-audio]')];"
                        + "return a.some(el => el.srcObject && el.srcObject.getAudioTracks().some("
                        + "t => t.readyState === 'live') && el.currentTime > 0);")));
        // right after the renegotiation the element may not have decoded a frame of the renewed stream yet: the
        // video must be playing again (frames, and time advancing) within the wait, not at this very instant
        until(room, "the video survives the renegotiation for speaking", () -> number(room,
                "return document.querySelector('[data-testid=cls-remote-video]').videoWidth") > 0);
        double t1 = number(room, "return document.querySelector('[data-testid=cls-remote-video]').currentTime");
        until(room, "the classroom's video keeps playing after the renegotiation", () -> number(room,
                "return document.querySelector('[data-testid=cls-remote-video]').currentTime") > t1 + 0.5);
    }
}
