package cn.tongbei.platform.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from the zonky binaries with a persistent data directory, so data survives
 * restarts. As root, zonky runs initdb and pg_ctl inside a user namespace ({@code unshare -U}).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String DATABASE = "tongbei";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts (or restarts) the server whose files live in {@code dataDir}, and creates the database. */
    public static EmbeddedPostgresServer start(Path dataDir) {
        Path pgData = dataDir.resolve("postgres").toAbsolutePath();
        Path runtime = dataDir.resolve("postgres-runtime").toAbsolutePath();
        try {
            Files.createDirectories(pgData.getParent());
            Files.createDirectories(runtime);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(runtime.toFile())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "128MB")
                    .setLocaleConfig("locale", "C.UTF-8")
                    .setLocaleConfig("encoding", "UTF8")
                    .start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres);
            server.createDatabaseIfMissing();
            LOG.info("embedded PostgreSQL on 127.0.0.1:{}, data in {}", postgres.getPort(), pgData);
            return server;
        } catch (IOException | SQLException | RuntimeException e) {
            throw new IllegalStateException(explain(e), e);
        }
    }

    private static String explain(Exception e) {
        String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String hint = isRoot()
                ? " Running as root, the embedded PostgreSQL needs user namespaces ('unshare -U id -u' must work);"
                        + " where they are not allowed, install Debian's postgresql package or point TONGBEI_DB_URL,"
                        + " TONGBEI_DB_USER and TONGBEI_DB_PASSWORD at an external server."
                : " Point TONGBEI_DB_URL, TONGBEI_DB_USER and TONGBEI_DB_PASSWORD at an external server instead.";
        return "embedded PostgreSQL could not start: " + cause + "." + hint;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private void createDatabaseIfMissing() throws SQLException {
        try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"));
                var check = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            check.setString(1, DATABASE);
            if (!check.executeQuery().next()) {
                try (var create = c.createStatement()) {
                    create.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8' TEMPLATE template0");
                }
            }
        }
    }

    public DbEndpoint endpoint() {
        return new DbEndpoint("postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE, "postgres", "");
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
