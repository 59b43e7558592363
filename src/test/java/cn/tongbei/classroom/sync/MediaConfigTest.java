package cn.tongbei.classroom.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.platform.config.ConfigException;
import cn.tongbei.platform.config.ConfigLoader;
import cn.tongbei.platform.config.TongbeiConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MediaConfigTest {

    private static TongbeiConfig load(Map<String, String> env) throws Exception {
        JsonObject json = new JsonObject(Files.readString(Path.of("config", "tongbei.json")));
        ConfigLoader.applyEnvironment(json, "TONGBEI", env);
        return TongbeiConfig.from(json);
    }

    @Test
    @DisplayName("by default the classroom commits synchronously, peer to peer, with no ICE servers")
    void defaults() throws Exception {
        TongbeiConfig.Classroom c = load(Map.of()).classroom();
        assertTrue(c.synchronousCommit());
        assertEquals(List.of(), c.iceServers());
        assertEquals("none", c.sfu());
        assertTrue(Limits.from(c).synchronousCommit());
        assertEquals(new JsonArray(), Media.from(c).toJson().getJsonArray("iceServers"));
    }

    @Test
    @DisplayName("TONGBEI_CLASSROOM_* variables set the commit mode, ICE servers with TURN credentials and the SFU")
    void environment() throws Exception {
        TongbeiConfig.Classroom c = load(Map.of("TONGBEI_CLASSROOM_SYNCHRONOUS_COMMIT", "false",
                "TONGBEI_CLASSROOM_ICE_SERVERS", "stun:stun.example.cn:3478, turns:turn.example.cn:443?transport=tcp",
                "TONGBEI_CLASSROOM_TURN_USERNAME", "u1", "TONGBEI_CLASSROOM_TURN_CREDENTIAL", "c1",
                "TONGBEI_CLASSROOM_SFU", "livekit", "TONGBEI_CLASSROOM_SFU_URL", "wss://sfu.example.cn")).classroom();
        assertFalse(Limits.from(c).synchronousCommit());
        JsonObject media = Media.from(c).toJson();
        JsonArray servers = media.getJsonArray("iceServers");
        assertEquals(2, servers.size());
        assertEquals(new JsonObject().put("urls", "stun:stun.example.cn:3478"), servers.getJsonObject(0),
                "no credentials on a STUN URL");
        assertEquals(new JsonObject().put("urls", "turns:turn.example.cn:443?transport=tcp").put("username", "u1")
                .put("credential", "c1"), servers.getJsonObject(1));
        assertEquals("livekit", media.getString("sfu"));
        assertEquals("wss://sfu.example.cn", media.getString("sfuUrl"));
    }

    @Test
    @DisplayName("an unknown SFU, an SFU without URL or a non-STUN/TURN ICE URL refuses to start, naming the variable")
    void refused() {
        for (Map<String, String> env : List.of(Map.of("TONGBEI_CLASSROOM_SFU", "janus"), Map.of(
                "TONGBEI_CLASSROOM_SFU", "mediasoup"), Map.of("TONGBEI_CLASSROOM_ICE_SERVERS", "http://x"))) {
            ConfigException e = assertThrows(ConfigException.class, () -> load(env), env.toString());
            assertTrue(e.getMessage().contains("TONGBEI_CLASSROOM_"), e.getMessage());
        }
    }

    @Test
    @DisplayName("with a TURN secret every user gets time-limited TURN REST credentials (coturn use-auth-secret)")
    void turn_rest_credentials() throws Exception {
        TongbeiConfig.Classroom c = load(Map.of("TONGBEI_CLASSROOM_ICE_SERVERS",
                "stun:stun.example.cn:3478,turn:turn.example.cn:3478", "TONGBEI_CLASSROOM_TURN_SECRET", "s3cret",
                "TONGBEI_CLASSROOM_TURN_TTL_SECONDS", "3600")).classroom();
        JsonArray servers = Media.from(c).toJson(42, 1_700_000_000_000L).getJsonArray("iceServers");
        assertEquals(new JsonObject().put("urls", "stun:stun.example.cn:3478"), servers.getJsonObject(0));
        JsonObject turn = servers.getJsonObject(1);
        assertEquals("1700003600:42", turn.getString("username"), "expiry (now + ttl, epoch seconds):user");
        // the reference value: printf '1700003600:42' | openssl dgst -sha1 -hmac s3cret -binary | base64
        assertEquals("DfmaKoWkE6K1Hjz2w5FmaV3sBxs=", turn.getString("credential"));
        assertTrue(!turn.getString("credential").equals(Media.from(c).toJson(43, 1_700_000_000_000L)
                .getJsonArray("iceServers").getJsonObject(1).getString("credential")), "per user");
    }
}
