package cn.tongbei.lessons.coedit.bench;

import cn.tongbei.demo.DemoData;
import cn.tongbei.platform.auth.PasswordHasher;
import cn.tongbei.platform.db.DbEndpoint;
import cn.tongbei.platform.db.EmbeddedPostgresServer;
import cn.tongbei.platform.db.Migrations;
import cn.tongbei.platform.storage.EmbeddedS3Server;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * For {@code BENCH_NODES=2} in {@code bench/coedit.sh} (not a test): one PostgreSQL (embedded, migrated, demo data)
 * and one S3 server shared by two Tongbei nodes started in production mode. Writes the nodes' {@code TONGBEI_*}
 * settings to {@code <dir>/infra.env} and runs until killed.
 */
public final class BenchInfra {
    private static final String DB_PASSWORD = "bench-password";

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dir);
        DbEndpoint db = postgres.endpoint();
        Migrations.migrate(db);
        DemoData.seedIfEmpty(db, new PasswordHasher(4096, 1));
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement s = c.createStatement()) {
            // production mode insists on a password; the embedded server trusts local connections anyway
            s.execute("ALTER USER \"" + db.user() + "\" PASSWORD '" + DB_PASSWORD + "'");
        }
        EmbeddedS3Server s3 = EmbeddedS3Server.start(dir);
        String env = "TONGBEI_DB_URL=" + db.uri() + "\nTONGBEI_DB_USER=" + db.user() + "\nTONGBEI_DB_PASSWORD="
                + DB_PASSWORD + "\nTONGBEI_S3_ENDPOINT=" + s3.endpoint() + "\nTONGBEI_S3_ACCESS_KEY=" + s3.accessKey()
                + "\nTONGBEI_S3_SECRET_KEY=" + s3.secretKey() + "\n";
        Path tmp = dir.resolve("infra.env.tmp");
        Files.writeString(tmp, env, StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve("infra.env"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            s3.close();
            postgres.close();
        }));
        Thread.currentThread().join();
    }

    private BenchInfra() {}
}
