package cn.tongbei.testing;

import cn.tongbei.platform.db.DbEndpoint;
import cn.tongbei.platform.storage.EmbeddedS3Server;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Tongbei server in a child JVM, in production mode on the test's PostgreSQL ({@link TestServer}) and a given
 * S3 server, so that a test can kill it with SIGKILL ({@link #kill()}), stop it gracefully with SIGTERM
 * ({@link #stop()}) or start it again on the same port and data directory ({@link #restart()}). Its output goes
 * to {@code server-*.log} in its data directory.
 */
public final class NodeProcess implements AutoCloseable {
    public static final String JWT_SECRET = "node-test-secret-node-test-secret-0123456789";
    public static final String ADMIN_PASSWORD = "tongbei-demo";

    private final int port;
    private final Path dir;
    private final Map<String, String> env;
    private Process process;
    private Path log;

    private NodeProcess(int port, Path dir, Map<String, String> env) {
        this.port = port;
        this.dir = dir;
        this.env = env;
    }

    /** Starts a node on {@code port} (0: a free one) with extra {@code TONGBEI_*} settings; waits until ready. */
    public static NodeProcess start(int port, Path dir, EmbeddedS3Server s3, Map<String, String> settings) {
        DbEndpoint db = TestServer.get().db();
        Map<String, String> env = new HashMap<>();
        env.put("TONGBEI_HTTP_PORT", String.valueOf(port == 0 ? freePort() : port));
        env.put("TONGBEI_HTTP_HOST", "127.0.0.1");
        env.put("TONGBEI_HTTP_DRAIN_SECONDS", "1");
        env.put("TONGBEI_DATA_DIR", dir.toAbsolutePath().toString());
        env.put("TONGBEI_DB_URL", db.uri());
        env.put("TONGBEI_DB_USER", db.user());
        env.put("TONGBEI_DB_PASSWORD", passwordFor(db));
        env.put("TONGBEI_S3_ENDPOINT", s3.endpoint());
        env.put("TONGBEI_S3_ACCESS_KEY", s3.accessKey());
        env.put("TONGBEI_S3_SECRET_KEY", s3.secretKey());
        env.put("TONGBEI_AUTH_JWT_SECRET", JWT_SECRET);
        env.put("TONGBEI_AUTH_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("TONGBEI_AUTH_ARGON2_MEMORY_KIB", "4096");
        env.put("TONGBEI_AUTH_ARGON2_ITERATIONS", "1");
        env.put("TONGBEI_AUTH_MAX_FAILURES_PER_ADDRESS", "100000");
        env.putAll(settings);
        NodeProcess node = new NodeProcess(Integer.parseInt(env.get("TONGBEI_HTTP_PORT")), dir, env);
        node.launch();
        return node;
    }

    /** Production mode insists on a database password; the embedded server trusts local connections anyway. */
    private static synchronized String passwordFor(DbEndpoint db) {
        if (db.password() != null && !db.password().isEmpty()) {
            return db.password();
        }
        String password = "node-test";
        try {
            TestServer.get().pool().query("ALTER USER \"" + db.user() + "\" PASSWORD '" + password + "'").execute()
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot set the database password: " + e.getMessage(), e);
        }
        return password;
    }

    private void launch() {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m"));
        // the test JVM's own flags (native access, vector module, offline switches, add-opens for Hazelcast)
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-Xmx") && !a.startsWith("-javaagent") && !a.startsWith("-agentlib"))
                .forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "cn.tongbei.Main"));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.environment().put("LANG", "C.UTF-8");
        pb.environment().put("LC_ALL", "C.UTF-8");
        log = dir.resolve("server-" + System.nanoTime() + ".log");
        try {
            Files.createDirectories(dir);
            pb.redirectErrorStream(true).redirectOutput(log.toFile());
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a node: " + e.getMessage(), e);
        }
        awaitReady();
    }

    private void awaitReady() {
        Api api = api();
        long deadline = System.currentTimeMillis() + 240_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("node on port " + port + " exited: " + logText());
            }
            try {
                if (api.get("/health/ready").status() == 200) {
                    return;
                }
            } catch (IllegalStateException e) {
                // not listening yet
            }
            sleep(200);
        }
        process.destroyForcibly();
        throw new AssertionError("node on port " + port + " did not start within 240 s: " + logText());
    }

    public int port() {
        return port;
    }

    /** The node's data directory ({@code TONGBEI_DATA_DIR}: its search index, previews). */
    public Path dataDir() {
        return dir;
    }

    public Api api() {
        return new Api(port);
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: no drain, no shutdown hook, sockets cut by the kernel. */
    public void kill() {
        if (process != null) {
            try {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** SIGTERM: the graceful path (readiness false, drain, websockets closed with 1012). */
    public void stop() {
        if (process != null && process.isAlive()) {
            try {
                process.destroy();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts the node again on the same port, data directory and settings (after {@link #kill()}). */
    public void restart() {
        kill();
        launch();
    }

    /** The node's output so far (for assertion messages). */
    public String logText() {
        try {
            return log == null || !Files.exists(log) ? "" : Files.readString(log);
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop();
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
