package cn.tongbei.platform.ops;

import cn.tongbei.platform.config.TongbeiConfig;
import cn.tongbei.platform.db.DbEndpoint;
import cn.tongbei.platform.db.EmbeddedPostgresServer;
import cn.tongbei.platform.storage.EmbeddedS3Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code backup DIR} and {@code restore DIR} from the command line, with the server's own configuration
 * (config files and {@code TONGBEI_*} variables): the external PostgreSQL and S3 when configured, else the
 * embedded ones of the data directory (the server must be stopped: they are started here).
 */
public final class BackupCommand {
    private BackupCommand() {}

    public static boolean handles(String[] args) {
        return args.length > 0 && (args[0].equals("backup") || args[0].equals("restore"));
    }

    /** Runs the command; answers the process exit code (0 done, 1 refused or failed, 2 usage). */
    public static int run(String[] args, TongbeiConfig config) {
        if (args.length != 2 || args[1].isBlank()) {
            System.err.println("usage: backup <new directory> | restore <backup directory>");
            return 2;
        }
        Path dir = Path.of(args[1]).toAbsolutePath().normalize();
        List<AutoCloseable> started = new ArrayList<>();
        try {
            Path dataDir = config.dataDir().toAbsolutePath().normalize();
            DbEndpoint db;
            if (config.db().external()) {
                db = DbEndpoint.of(config.db().url(), config.db().user(), config.db().password());
            } else {
                if (Files.exists(dataDir.resolve("postgres").resolve("postmaster.pid"))) {
                    System.err.println("The embedded PostgreSQL in " + dataDir
                            + " is running: stop the Tongbei server first.");
                    return 1;
                }
                EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDir);
                started.add(0, postgres);
                db = postgres.endpoint();
            }
            Backup.Bucket bucket;
            if (config.s3().external()) {
                bucket = new Backup.Bucket(config.s3().endpoint(), config.s3().accessKey(), config.s3().secretKey(),
                        config.s3().region(), config.s3().bucket());
            } else {
                EmbeddedS3Server s3 = EmbeddedS3Server.start(dataDir);
                started.add(0, s3);
                bucket = new Backup.Bucket(s3.endpoint(), s3.accessKey(), s3.secretKey(), config.s3().region(),
                        config.s3().bucket());
            }
            Backup.Summary summary = args[0].equals("backup")
                    ? Backup.backup(db, bucket, dir)
                    : Backup.restore(dir, db, bucket);
            System.out.printf("%s done: schema %s, %d tables, %d rows, %d objects (%d bytes)%n", args[0],
                    summary.schemaVersion(), summary.tables(), summary.rows(), summary.objects(),
                    summary.objectBytes());
            if (args[0].equals("restore")) {
                System.out.println("Start Tongbei on the restored installation: the search index is rebuilt"
                        + " from PostgreSQL and S3 at start (delete an old index directory <dataDir>/library first).");
            }
            return 0;
        } catch (Backup.BackupException e) {
            System.err.println(args[0] + " refused: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            System.err.println(args[0] + " failed: " + e.getMessage());
            return 1;
        } finally {
            for (AutoCloseable c : started) {
                try {
                    c.close();
                } catch (Exception e) {
                    System.err.println("while stopping: " + e.getMessage());
                }
            }
        }
    }
}
