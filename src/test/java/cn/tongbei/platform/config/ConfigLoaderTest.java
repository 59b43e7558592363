package cn.tongbei.platform.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    static JsonObject defaults() throws Exception {
        return new JsonObject(Files.readString(Path.of("config", "tongbei.json")));
    }

    @Test
    @DisplayName("the shipped defaults start in embedded mode with caps 3 / 5 / 5")
    void defaults_are_embedded() throws Exception {
        TongbeiConfig config = TongbeiConfig.from(defaults());
        assertTrue(config.embedded());
        assertEquals(8080, config.http().port());
        assertEquals(3, config.groups().capFor("TIGHT"));
        assertEquals(5, config.groups().capFor("ALLIANCE"));
        assertEquals(5, config.groups().capFor("TRUSTEESHIP"));
    }

    @Test
    @DisplayName("every key can be overridden by an environment variable named after its path")
    void environment_overrides() throws Exception {
        JsonObject json = defaults();
        ConfigLoader.applyEnvironment(json, "TONGBEI", Map.of("TONGBEI_HTTP_PORT", "9090",
                "TONGBEI_GROUPS_MEMBER_CAPS_TIGHT", "4", "TONGBEI_AUTH_ACCESS_TOKEN_TTL_SECONDS", "60",
                "TONGBEI_DEMO_SEED", "false", "TONGBEI_DATA_DIR", "/tmp/x"));
        TongbeiConfig config = TongbeiConfig.from(json);
        assertEquals(9090, config.http().port());
        assertEquals(4, config.groups().capFor("TIGHT"));
        assertEquals(60, config.auth().accessTokenTtlSeconds());
        assertFalse(config.demo().seed());
        assertEquals(Path.of("/tmp/x"), config.dataDir());
    }

    @Test
    @DisplayName("the HTTP server runs one instance per core unless told otherwise; a negative count is refused")
    void http_instances() throws Exception {
        assertEquals(Runtime.getRuntime().availableProcessors(), TongbeiConfig.from(defaults()).http()
                .instanceCount());
        JsonObject three = defaults();
        ConfigLoader.applyEnvironment(three, "TONGBEI", Map.of("TONGBEI_HTTP_INSTANCES", "3"));
        assertEquals(3, TongbeiConfig.from(three).http().instanceCount());
        JsonObject negative = defaults();
        ConfigLoader.applyEnvironment(negative, "TONGBEI", Map.of("TONGBEI_HTTP_INSTANCES", "-1"));
        ConfigException e = assertThrows(ConfigException.class, () -> TongbeiConfig.from(negative));
        assertTrue(e.getMessage().contains("TONGBEI_HTTP_INSTANCES"), e.getMessage());
    }

    @Test
    @DisplayName("a non-numeric value for a numeric key is refused with the variable's name")
    void bad_number() throws Exception {
        JsonObject json = defaults();
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.applyEnvironment(json, "TONGBEI", Map.of("TONGBEI_HTTP_PORT", "eighty")));
        assertTrue(e.getMessage().contains("TONGBEI_HTTP_PORT"), e.getMessage());
    }

    @Test
    @DisplayName("production mode without secrets refuses to start and names what is missing")
    void production_needs_secrets() throws Exception {
        JsonObject json = defaults();
        ConfigLoader.applyEnvironment(json, "TONGBEI", Map.of("TONGBEI_DB_URL", "postgresql://db:5432/tongbei"));
        ConfigException e = assertThrows(ConfigException.class, () -> TongbeiConfig.from(json));
        for (String key : new String[]{"db.user", "db.password", "s3.endpoint", "s3.accessKey", "auth.jwtSecret",
                "auth.adminPassword"}) {
            assertTrue(e.getMessage().contains(key), key + " missing from: " + e.getMessage());
        }
    }

    @Test
    @DisplayName("a complete production configuration is accepted")
    void production_complete() throws Exception {
        JsonObject json = defaults();
        ConfigLoader.applyEnvironment(json, "TONGBEI", Map.of("TONGBEI_DB_URL", "postgresql://db:5432/tongbei",
                "TONGBEI_DB_USER", "tb", "TONGBEI_DB_PASSWORD", "pw", "TONGBEI_S3_ENDPOINT", "http://minio:9000",
                "TONGBEI_S3_ACCESS_KEY", "a", "TONGBEI_S3_SECRET_KEY", "s", "TONGBEI_AUTH_JWT_SECRET",
                "0123456789abcdef0123456789abcdef", "TONGBEI_AUTH_ADMIN_PASSWORD", "initial-password"));
        TongbeiConfig config = TongbeiConfig.from(json);
        assertFalse(config.embedded());
        assertEquals("production", config.modeName());
    }

    @Test
    @DisplayName("environment names follow the key path")
    void env_names() {
        assertEquals("JWT_SECRET", ConfigLoader.envName("jwtSecret"));
        assertEquals("MEMBER_CAPS", ConfigLoader.envName("memberCaps"));
        assertEquals("TIGHT", ConfigLoader.envName("TIGHT"));
    }
}
