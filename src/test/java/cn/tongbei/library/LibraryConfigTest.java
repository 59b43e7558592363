package cn.tongbei.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.platform.config.ConfigException;
import cn.tongbei.platform.config.ConfigLoader;
import cn.tongbei.platform.config.TongbeiConfig;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The library's limits come from the platform configuration")
class LibraryConfigTest {

    static JsonObject defaults() throws Exception {
        return new JsonObject(Files.readString(Path.of("config", "tongbei.json")));
    }

    @Test
    @DisplayName("the shipped defaults are 2 GiB uploads, 200 MiB / 1,000,000 characters extracted, 60 s, 2 threads")
    void shipped_defaults() throws Exception {
        LibraryConfig c = LibraryConfig.from(TongbeiConfig.from(defaults()).library());
        assertEquals(new LibraryConfig(2L << 30, 200L << 20, 1_000_000, 60, 2, true, 1, 1000, ""), c);
    }

    @Test
    @DisplayName("each key is overridden by its TONGBEI_LIBRARY_… environment variable, including sizes above 2^31")
    void environment() throws Exception {
        JsonObject json = defaults();
        ConfigLoader.applyEnvironment(json, "TONGBEI", Map.of("TONGBEI_LIBRARY_MAX_UPLOAD_BYTES", "5368709120",
                "TONGBEI_LIBRARY_MAX_EXTRACT_BYTES", "1000", "TONGBEI_LIBRARY_MAX_EXTRACT_CHARS", "500",
                "TONGBEI_LIBRARY_EXTRACT_TIMEOUT_SECONDS", "5", "TONGBEI_LIBRARY_EXTRACT_THREADS", "1",
                "TONGBEI_LIBRARY_EMBEDDINGS", "false", "TONGBEI_LIBRARY_SEARCH_THREADS", "2",
                "TONGBEI_LIBRARY_SEARCH_SPIN_MICROS", "0", "TONGBEI_LIBRARY_SOFFICE", "/opt/lo/soffice"));
        LibraryConfig c = LibraryConfig.from(TongbeiConfig.from(json).library());
        assertEquals(new LibraryConfig(5L << 30, 1000, 500, 5, 1, false, 2, 0, "/opt/lo/soffice"), c);
    }

    @Test
    @DisplayName("a section left out of an older configuration file falls back to the defaults")
    void missing_section() throws Exception {
        JsonObject json = defaults();
        json.remove("library");
        assertTrue(TongbeiConfig.from(json).library().embeddings());
        assertEquals(2L << 30, TongbeiConfig.from(json).library().maxUploadBytes());
    }

    @Test
    @DisplayName("a zero or negative limit stops the start with a message naming the library keys")
    void invalid() throws Exception {
        JsonObject json = defaults();
        json.getJsonObject("library").put("extractThreads", 0);
        ConfigException e = assertThrows(ConfigException.class, () -> TongbeiConfig.from(json));
        assertTrue(e.getMessage().contains("library."), e.getMessage());
        JsonObject spin = defaults();
        spin.getJsonObject("library").put("searchSpinMicros", -1);
        ConfigException s = assertThrows(ConfigException.class, () -> TongbeiConfig.from(spin));
        assertTrue(s.getMessage().contains("library.searchSpinMicros"), s.getMessage());
        assertFalse(e.getMessage().contains("production"), e.getMessage());
    }
}
