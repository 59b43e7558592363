package cn.tongbei.platform.config;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The whole configuration as typed records, built once at start. */
public record TongbeiConfig(Path dataDir, Http http, Db db, S3 s3, Auth auth, Groups groups, Demo demo, Log log,
        Cluster cluster, Classroom classroom, Library library) {

    /**
     * The synchronized classroom: log commit mode and media. {@code iceServers}: STUN/TURN URLs, comma-separated
     * ({@code TONGBEI_CLASSROOM_ICE_SERVERS}); the TURN username/credential apply to the {@code turn:}/{@code turns:}
     * URLs; {@code sfu}: {@code none} (peer to peer), {@code livekit} or {@code mediasoup}, at {@code sfuUrl}.
     */
    public record Classroom(boolean synchronousCommit, List<String> iceServers, String turnUsername,
            String turnCredential, String sfu, String sfuUrl, String turnSecret, int turnTtlSeconds) {}

    /**
     * The courseware library's limits: largest upload, largest file parsed for text, extracted characters kept,
     * parse timeout per file, Tika worker threads, and whether semantic (embedding) search runs.
     */
    public record Library(long maxUploadBytes, long maxExtractBytes, int maxExtractChars, int extractTimeoutSeconds,
            int extractThreads, boolean embeddings, int searchThreads, int searchSpinMicros, String soffice) {}

    /**
     * Cluster mode: this node's cluster address ({@code host}:{@code port}, reachable by the others) and the
     * members to join ({@code host:port}, comma-separated). Off by default: a single node needs nothing.
     */
    public record Cluster(boolean enabled, String name, String host, int port, List<String> members) {}

    /**
     * HTTP listener settings; {@code drainSeconds}: how long readiness is false before shutdown closes;
     * {@code instances} server verticles share the port (0: one per core), so connections and their websockets
     * spread over the event loops.
     */
    public record Http(String host, int port, int bodyLimitBytes, Path webroot, int drainSeconds, boolean accessLog,
            int instances) {
        /** The number of server instances to deploy. */
        public int instanceCount() {
            return instances > 0 ? instances : Runtime.getRuntime().availableProcessors();
        }
    }

    /** Log output: {@code text} for people, {@code json} for log collectors. */
    public record Log(String format) {}

    /** External PostgreSQL; an empty {@code url} means the embedded server. */
    public record Db(String url, String user, String password, int poolSize) {
        public boolean external() {
            return !url.isBlank();
        }
    }

    /** External S3 (MinIO); an empty {@code endpoint} means the embedded server. */
    public record S3(String endpoint, String accessKey, String secretKey, String bucket, String region) {
        public boolean external() {
            return !endpoint.isBlank();
        }
    }

    /** Tokens, passwords and login throttling. */
    public record Auth(String jwtSecret, int accessTokenTtlSeconds, int refreshTokenTtlDays, String adminUsername,
            String adminPassword, int loginWindowSeconds, int maxFailuresPerAccount, int maxFailuresPerAddress,
            int argon2MemoryKib, int argon2Iterations, int principalCacheSeconds) {}

    /** Education-group rules; member caps per mode (seed 002: 3 / 5 / 5). */
    public record Groups(Map<String, Integer> memberCaps) {
        public int capFor(String mode) {
            return memberCaps.getOrDefault(mode, 0);
        }
    }

    /** Demo data (embedded mode only). */
    public record Demo(boolean seed) {}

    /** Embedded when no external service is configured; production otherwise. */
    public boolean embedded() {
        return !db.external() && !s3.external();
    }

    public String modeName() {
        return embedded() ? "embedded" : "production";
    }

    /** Builds the typed configuration, refusing a production setup with missing or weak secrets. */
    public static TongbeiConfig from(JsonObject json) {
        JsonObject http = json.getJsonObject("http", new JsonObject());
        JsonObject db = json.getJsonObject("db", new JsonObject());
        JsonObject s3 = json.getJsonObject("s3", new JsonObject());
        JsonObject auth = json.getJsonObject("auth", new JsonObject());
        JsonObject caps = json.getJsonObject("groups", new JsonObject()).getJsonObject("memberCaps", new JsonObject());
        Map<String, Integer> capMap = new TreeMap<>();
        for (String mode : List.of("TIGHT", "ALLIANCE", "TRUSTEESHIP")) {
            capMap.put(mode, caps.getInteger(mode, mode.equals("TIGHT") ? 3 : 5));
        }
        TongbeiConfig config = new TongbeiConfig(
                Path.of(json.getString("dataDir", "data")),
                new Http(http.getString("host", "0.0.0.0"), http.getInteger("port", 8080),
                        http.getInteger("bodyLimitBytes", 1 << 20), Path.of(http.getString("webroot", "webroot")),
                        http.getInteger("drainSeconds", 5), http.getBoolean("accessLog", true),
                        http.getInteger("instances", 0)),
                new Db(db.getString("url", ""), db.getString("user", ""), db.getString("password", ""),
                        db.getInteger("poolSize", 8)),
                new S3(s3.getString("endpoint", ""), s3.getString("accessKey", ""), s3.getString("secretKey", ""),
                        s3.getString("bucket", "tongbei"), s3.getString("region", "us-east-1")),
                new Auth(auth.getString("jwtSecret", ""), auth.getInteger("accessTokenTtlSeconds", 900),
                        auth.getInteger("refreshTokenTtlDays", 30), auth.getString("adminUsername", "admin"),
                        auth.getString("adminPassword", ""), auth.getInteger("loginWindowSeconds", 900),
                        auth.getInteger("maxFailuresPerAccount", 5), auth.getInteger("maxFailuresPerAddress", 30),
                        auth.getInteger("argon2MemoryKib", 19456), auth.getInteger("argon2Iterations", 2),
                        auth.getInteger("principalCacheSeconds", 300)),
                new Groups(Map.copyOf(capMap)),
                new Demo(json.getJsonObject("demo", new JsonObject()).getBoolean("seed", true)),
                new Log(json.getJsonObject("log", new JsonObject()).getString("format", "text")),
                cluster(json.getJsonObject("cluster", new JsonObject())),
                classroom(json.getJsonObject("classroom", new JsonObject())),
                library(json.getJsonObject("library", new JsonObject())));
        config.validate();
        return config;
    }

    private static Cluster cluster(JsonObject c) {
        List<String> members = new ArrayList<>();
        for (String m : c.getString("members", "").split(",")) {
            if (!m.isBlank()) {
                members.add(m.trim());
            }
        }
        return new Cluster(c.getBoolean("enabled", false), c.getString("name", "tongbei"),
                c.getString("host", "127.0.0.1"), c.getInteger("port", 5701), List.copyOf(members));
    }

    private static Classroom classroom(JsonObject c) {
        return new Classroom(c.getBoolean("synchronousCommit", true), list(c.getString("iceServers", "")),
                c.getString("turnUsername", ""), c.getString("turnCredential", ""), c.getString("sfu", "none"),
                c.getString("sfuUrl", ""), c.getString("turnSecret", ""), c.getInteger("turnTtlSeconds", 43_200));
    }

    private static List<String> list(String commaSeparated) {
        List<String> items = new ArrayList<>();
        for (String m : commaSeparated.split(",")) {
            if (!m.isBlank()) {
                items.add(m.trim());
            }
        }
        return List.copyOf(items);
    }

    private static Library library(JsonObject l) {
        return new Library(l.getLong("maxUploadBytes", 2L << 30), l.getLong("maxExtractBytes", 200L << 20),
                l.getInteger("maxExtractChars", 1_000_000), l.getInteger("extractTimeoutSeconds", 60),
                l.getInteger("extractThreads", 2), l.getBoolean("embeddings", true), l.getInteger("searchThreads", 1),
                l.getInteger("searchSpinMicros", 1000), l.getString("soffice", ""));
    }

    private void validate() {
        List<String> problems = new ArrayList<>();
        if (http.port < 0 || http.port > 65535) {
            problems.add("http.port must be between 0 and 65535");
        }
        if (http.instances < 0 || http.instances > 256) {
            problems.add("http.instances (TONGBEI_HTTP_INSTANCES) must be between 0 (one per core) and 256");
        }
        memberCapsValid(problems);
        if (cluster.enabled && cluster.members.isEmpty()) {
            problems.add("cluster.members (TONGBEI_CLUSTER_MEMBERS): host:port of the nodes to join, comma-separated");
        }
        if (!List.of("none", "livekit", "mediasoup").contains(classroom.sfu)) {
            problems.add("classroom.sfu (TONGBEI_CLASSROOM_SFU) must be none, livekit or mediasoup");
        } else if (!classroom.sfu.equals("none") && classroom.sfuUrl.isBlank()) {
            problems.add("classroom.sfuUrl (TONGBEI_CLASSROOM_SFU_URL) when classroom.sfu is " + classroom.sfu);
        }
        for (String url : classroom.iceServers) {
            if (!url.matches("(stun|stuns|turn|turns):\\S+")) {
                problems.add("classroom.iceServers (TONGBEI_CLASSROOM_ICE_SERVERS): " + url
                        + " is not a stun:, stuns:, turn: or turns: URL");
            }
        }
        if (library.maxUploadBytes <= 0 || library.maxExtractBytes <= 0 || library.maxExtractChars <= 0
                || library.extractTimeoutSeconds <= 0 || library.extractThreads <= 0 || library.searchThreads <= 0) {
            problems.add("library.maxUploadBytes, maxExtractBytes, maxExtractChars, extractTimeoutSeconds, "
                    + "extractThreads and searchThreads (TONGBEI_LIBRARY_…) must be positive");
        }
        if (library.searchSpinMicros < 0 || library.searchSpinMicros > 100_000) {
            problems.add("library.searchSpinMicros (TONGBEI_LIBRARY_SEARCH_SPIN_MICROS) must be between 0 (search "
                    + "threads park at once) and 100000");
        }
        if (auth.principalCacheSeconds < 0 || auth.principalCacheSeconds > 86_400) {
            problems.add("auth.principalCacheSeconds (TONGBEI_AUTH_PRINCIPAL_CACHE_SECONDS) must be between 0 (every "
                    + "request reads PostgreSQL) and 86400");
        }
        if (!log.format.equals("text") && !log.format.equals("json")) {
            problems.add("log.format must be text or json");
        }
        if (!embedded()) {
            require(problems, db.url, "db.url (TONGBEI_DB_URL), e.g. postgresql://host:5432/tongbei");
            require(problems, db.user, "db.user (TONGBEI_DB_USER)");
            require(problems, db.password, "db.password (TONGBEI_DB_PASSWORD)");
            require(problems, s3.endpoint, "s3.endpoint (TONGBEI_S3_ENDPOINT), e.g. http://minio:9000");
            require(problems, s3.accessKey, "s3.accessKey (TONGBEI_S3_ACCESS_KEY)");
            require(problems, s3.secretKey, "s3.secretKey (TONGBEI_S3_SECRET_KEY)");
            if (auth.jwtSecret.length() < 32) {
                problems.add("auth.jwtSecret (TONGBEI_AUTH_JWT_SECRET) of at least 32 characters");
            }
            if (auth.adminPassword.length() < 12) {
                problems.add("auth.adminPassword (TONGBEI_AUTH_ADMIN_PASSWORD) of at least 12 characters");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException((embedded() ? "invalid configuration: " : "production mode needs: ")
                    + String.join("; ", problems));
        }
    }

    private void memberCapsValid(List<String> problems) {
        groups.memberCaps.forEach((mode, cap) -> {
            if (cap < 0) {
                problems.add("groups.memberCaps." + mode + " must not be negative");
            }
        });
    }

    private static void require(List<String> problems, String value, String what) {
        if (value == null || value.isBlank()) {
            problems.add(what);
        }
    }
}
