package cn.tongbei.testing;

import cn.tongbei.Tongbei;
import cn.tongbei.platform.config.ConfigLoader;
import cn.tongbei.platform.config.TongbeiConfig;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;

/**
 * One real Tongbei per test JVM: embedded PostgreSQL, embedded S3, migrations, demo data and the HTTP server
 * on a free port, with a fresh data directory per run. Integration tests share it and create their own
 * groups when they change things.
 */
public final class TestServer {
    private static Tongbei instance;
    private static Path dataDir;

    private TestServer() {}

    public static synchronized Tongbei get() {
        if (instance == null) {
            dataDir = freshDataDir("server");
            instance = Tongbei.start(config(dataDir, Map.of()));
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close));
        }
        return instance;
    }

    public static Api api() {
        return new Api(get().port());
    }

    /** A data directory under target/ that no other run uses. */
    public static Path freshDataDir(String name) {
        String root = System.getProperty("tongbei.test.dataRoot", "target/test-data");
        return Path.of(root, name + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    }

    /** The real defaults from config/tongbei.json with test overrides (free port, cheaper hashing). */
    public static TongbeiConfig config(Path dataDir, Map<String, Object> overrides) {
        JsonObject json = new JsonObject(readDefaults());
        JsonObject test = new JsonObject()
                .put("dataDir", dataDir.toString())
                .put("http", new JsonObject().put("port", 0).put("host", "127.0.0.1"))
                .put("auth", new JsonObject().put("argon2MemoryKib", 4096).put("argon2Iterations", 1)
                        .put("maxFailuresPerAddress", 100000));
        ConfigLoader.merge(json, test);
        ConfigLoader.merge(json, new JsonObject(overrides));
        return TongbeiConfig.from(json);
    }

    private static String readDefaults() {
        try {
            return java.nio.file.Files.readString(Path.of("config", "tongbei.json"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
