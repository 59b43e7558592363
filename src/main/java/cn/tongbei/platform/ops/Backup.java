package cn.tongbei.platform.ops;

import cn.tongbei.platform.db.DbEndpoint;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.messages.Item;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backup and restore of a Tongbei installation with the engines' own bulk paths: every table of the schema is
 * copied with PostgreSQL's {@code COPY} inside one repeatable-read transaction (a consistent snapshot, like
 * pg_dump, but independent of the client's version: Debian's pg_dump 15 refuses a PostgreSQL 18 server), every
 * object of the bucket is copied with the S3 API, and a {@code manifest.json} records the schema version, row
 * and object counts and a SHA-256 per file. Restore goes into an EMPTY installation only: Flyway creates the
 * schema at the backup's version, foreign keys are dropped, the tables loaded (user triggers off) and the keys
 * added again, which validates every reference,
 * sequences are set, objects are put back, and the search index is rebuilt by the server at its next start.
 * Blocking (JDBC, MinIO SDK): a command-line tool, never called on an event loop.
 */
public final class Backup {
    private static final Logger LOG = LoggerFactory.getLogger(Backup.class);
    static final int FORMAT = 1;
    static final String MANIFEST = "manifest.json";
    private static final String HISTORY = "flyway_schema_history";
    /**
     * Logs derived from the other tables whose rows are not carried over: the library's search change log
     * describes changes already in the restored rows and holds transaction ids of the old PostgreSQL server;
     * the restored installation starts with an empty log and rebuilds its indexes.
     */
    private static final java.util.Set<String> DERIVED = java.util.Set.of("library_change", "library_change_horizon");

    /** What a backup or restore handled. */
    public record Summary(String schemaVersion, int tables, long rows, long objects, long objectBytes) {}

    /** The S3 server and bucket to copy from or to. */
    public record Bucket(String endpoint, String accessKey, String secretKey, String region, String bucket) {
        MinioClient client() {
            return MinioClient.builder().endpoint(endpoint).credentials(accessKey, secretKey).region(region).build();
        }
    }

    private Backup() {}

    /**
     * Writes a backup of {@code db} and {@code bucket} into the empty or missing directory {@code dir}; a backup
     * that fails half-way is removed again.
     */
    public static Summary backup(DbEndpoint db, Bucket bucket, Path dir) throws Exception {
        if (Files.exists(dir) && !isEmptyDirectory(dir)) {
            throw new BackupException("the backup directory " + dir + " is not empty; choose a new one");
        }
        try {
            return write(db, bucket, dir);
        } catch (Exception e) {
            deleteTree(dir);
            throw e;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static Summary write(DbEndpoint db, Bucket bucket, Path dir) throws Exception {
        Files.createDirectories(dir.resolve("db"));
        Files.createDirectories(dir.resolve("objects"));
        JsonObject manifest = new JsonObject().put("format", FORMAT).put("createdAt", Instant.now().toString());
        JsonObject checksums = new JsonObject();
        long rows = 0;
        int tables = 0;
        try (Connection c = connect(db)) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            String version = schemaVersion(c);
            manifest.put("schemaVersion", version);
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            JsonObject tableInfo = new JsonObject();
            for (String table : tables(c)) {
                List<String> columns = columns(c, table);
                Path file = dir.resolve("db").resolve(table + ".copy.gz");
                long n;
                MessageDigest sha = sha256();
                try (OutputStream out = new GZIPOutputStream(new DigestOutputStream(Files.newOutputStream(file),
                        sha))) {
                    n = DERIVED.contains(table)
                            ? 0
                            : copy.copyOut("COPY " + quote(table) + " (" + columnList(
                                    columns) + ") TO STDOUT", out);
                }
                checksums.put("db/" + file.getFileName(), HexFormat.of().formatHex(sha.digest()));
                tableInfo.put(table, new JsonObject().put("rows", n).put("columns", new JsonArray(columns)));
                rows += n;
                tables++;
            }
            manifest.put("tables", tableInfo);
            manifest.put("sequences", sequences(c));
            c.commit();
        }
        long[] objects = copyBucketOut(bucket, dir.resolve("objects"), checksums);
        manifest.put("objects", new JsonObject().put("count", objects[0]).put("bytes", objects[1]));
        manifest.put("sha256", checksums);
        Files.writeString(dir.resolve(MANIFEST), manifest.encodePrettily(), StandardCharsets.UTF_8);
        Summary summary = new Summary(manifest.getString("schemaVersion"), tables, rows, objects[0], objects[1]);
        LOG.info("backup written to {}: {}", dir, summary);
        return summary;
    }

    /** Restores the backup in {@code dir} into an empty database and an empty (or missing) bucket. */
    public static Summary restore(Path dir, DbEndpoint db, Bucket bucket) throws Exception {
        JsonObject manifest = readManifest(dir);
        verifyChecksums(dir, manifest.getJsonObject("sha256"));
        String version = manifest.getString("schemaVersion");
        JsonObject tableInfo = manifest.getJsonObject("tables");
        try (Connection c = connect(db)) {
            refuseIfNotEmpty(c);
        }
        MinioClient s3 = bucket.client();
        refuseIfBucketNotEmpty(s3, bucket.bucket());

        Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password()).locations("classpath:db/migration")
                .outOfOrder(true).target(MigrationVersion.fromVersion(version)).load().migrate();
        long rows = 0;
        try (Connection c = connect(db)) {
            c.setAutoCommit(false);
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            List<ForeignKey> keys = foreignKeys(c);
            for (ForeignKey key : keys) {
                execute(c, "ALTER TABLE " + key.table() + " DROP CONSTRAINT " + quote(key.name()));
            }
            for (String table : tableInfo.fieldNames()) {
                execute(c, "ALTER TABLE " + quote(table) + " DISABLE TRIGGER USER");
            }
            for (String table : tableInfo.fieldNames()) {
                List<String> columns = tableInfo.getJsonObject(table).getJsonArray("columns").stream()
                        .map(String::valueOf).toList();
                Path file = dir.resolve("db").resolve(table + ".copy.gz");
                try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                    long n = copy.copyIn("COPY " + quote(table) + " (" + columnList(columns) + ") FROM STDIN", in);
                    long want = tableInfo.getJsonObject(table).getLong("rows");
                    if (n != want) {
                        throw new BackupException("table " + table + ": restored " + n + " rows, the backup has "
                                + want);
                    }
                    rows += n;
                }
            }
            for (String table : tableInfo.fieldNames()) {
                execute(c, "ALTER TABLE " + quote(table) + " ENABLE TRIGGER USER");
            }
            for (ForeignKey key : keys) {
                execute(c, "ALTER TABLE " + key.table() + " ADD CONSTRAINT " + quote(key.name()) + " "
                        + key.definition());
            }
            JsonObject sequences = manifest.getJsonObject("sequences", new JsonObject());
            for (String name : sequences.fieldNames()) {
                JsonObject seq = sequences.getJsonObject(name);
                try (PreparedStatement ps = c.prepareStatement("SELECT setval(?::regclass, ?, ?)")) {
                    ps.setString(1, quote(name));
                    ps.setLong(2, seq.getLong("value"));
                    ps.setBoolean(3, seq.getBoolean("called"));
                    ps.execute();
                }
            }
            c.commit();
        }
        long[] objects = copyBucketIn(s3, bucket.bucket(), dir.resolve("objects"));
        Summary summary = new Summary(version, tableInfo.size(), rows, objects[0], objects[1]);
        LOG.info("restored {} into {}: {}", dir, db.describe(), summary);
        return summary;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static Connection connect(DbEndpoint db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }

    private static String schemaVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT to_regclass('" + HISTORY + "') IS NOT NULL")) {
            r.next();
            if (!r.getBoolean(1)) {
                throw new BackupException("the database has no Tongbei schema (no Flyway history); nothing to back up");
            }
        }
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT version FROM " + HISTORY
                        + " WHERE success AND version IS NOT NULL ORDER BY installed_rank")) {
            MigrationVersion max = null;
            while (r.next()) {
                MigrationVersion v = MigrationVersion.fromVersion(r.getString(1));
                if (max == null || v.isNewerThan(max.getVersion())) {
                    max = v;
                }
            }
            if (max == null) {
                throw new BackupException("the database has no Tongbei schema (no Flyway history)");
            }
            return max.getVersion();
        }
    }

    /** The application's tables in the current schema (Flyway's history is recreated by the restore). */
    private static List<String> tables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                        + " AND tablename <> '" + HISTORY + "' ORDER BY tablename")) {
            while (r.next()) {
                tables.add(r.getString(1));
            }
        }
        return tables;
    }

    /** The columns COPY can write (generated columns are computed again on restore). */
    private static List<String> columns(Connection c, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT attname FROM pg_attribute WHERE attrelid = ?::regclass"
                + " AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum")) {
            ps.setString(1, quote(table));
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    columns.add(r.getString(1));
                }
            }
        }
        return columns;
    }

    private static JsonObject sequences(Connection c) throws SQLException {
        JsonObject sequences = new JsonObject();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT sequencename, last_value, last_value IS NOT NULL FROM pg_sequences"
                        + " WHERE schemaname = current_schema() ORDER BY sequencename")) {
            while (r.next()) {
                long value = r.getLong(2);
                boolean called = r.getBoolean(3);
                sequences.put(r.getString(1), new JsonObject().put("value", called ? value : 1).put("called",
                        called));
            }
        }
        return sequences;
    }

    /** A foreign key, to drop before loading and add again (validated) after, as pg_restore does. */
    private record ForeignKey(String table, String name, String definition) {}

    private static List<ForeignKey> foreignKeys(Connection c) throws SQLException {
        List<ForeignKey> keys = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)"
                        + " FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace"
                        + " ORDER BY conrelid::regclass::text, conname")) {
            while (r.next()) {
                keys.add(new ForeignKey(r.getString(1), r.getString(2), r.getString(3)));
            }
        }
        return keys;
    }

    private static void refuseIfNotEmpty(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()")) {
            r.next();
            if (r.getLong(1) > 0) {
                throw new BackupException("the target database already has " + r.getLong(1)
                        + " tables; restore only into an empty database (nothing was changed)");
            }
        }
    }

    private static void refuseIfBucketNotEmpty(MinioClient s3, String bucket) throws Exception {
        if (!s3.bucketExists(io.minio.BucketExistsArgs.builder().bucket(bucket).build())) {
            s3.makeBucket(io.minio.MakeBucketArgs.builder().bucket(bucket).build());
            return;
        }
        for (Result<Item> ignored : s3.listObjects(ListObjectsArgs.builder().bucket(bucket).maxKeys(1).build())) {
            throw new BackupException("the target bucket " + bucket
                    + " is not empty; restore only into an empty bucket (nothing was changed)");
        }
    }

    private static long[] copyBucketOut(Bucket bucket, Path target, JsonObject checksums) throws Exception {
        MinioClient s3 = bucket.client();
        long count = 0;
        long bytes = 0;
        for (Result<Item> result : s3.listObjects(ListObjectsArgs.builder().bucket(bucket.bucket()).recursive(true)
                .build())) {
            Item item = result.get();
            Path file = objectPath(target, item.objectName());
            Files.createDirectories(file.getParent());
            MessageDigest sha = sha256();
            try (InputStream in = new DigestInputStream(s3.getObject(GetObjectArgs.builder().bucket(bucket.bucket())
                    .object(item.objectName()).build()), sha)) {
                bytes += Files.copy(in, file);
            }
            checksums.put("objects/" + item.objectName(), HexFormat.of().formatHex(sha.digest()));
            count++;
        }
        return new long[]{count, bytes};
    }

    private static long[] copyBucketIn(MinioClient s3, String bucket, Path source) throws Exception {
        long count = 0;
        long bytes = 0;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(source)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            String key = source.relativize(file).toString().replace('\\', '/');
            long size = Files.size(file);
            try (InputStream in = Files.newInputStream(file)) {
                s3.putObject(PutObjectArgs.builder().bucket(bucket).object(key).stream(in, size, null).build());
            }
            count++;
            bytes += size;
        }
        return new long[]{count, bytes};
    }

    /** Object keys are generated by Tongbei; refuse anything that would leave the backup directory anyway. */
    private static Path objectPath(Path root, String key) {
        Path file = root.resolve(key).normalize();
        if (!file.startsWith(root) || key.isBlank()) {
            throw new BackupException("refusing object key outside the backup directory: " + key);
        }
        return file;
    }

    static JsonObject readManifest(Path dir) throws IOException {
        Path file = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new BackupException(dir + " is not a Tongbei backup (no " + MANIFEST + ")");
        }
        JsonObject manifest = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
        if (manifest.getInteger("format", 0) != FORMAT) {
            throw new BackupException("unsupported backup format " + manifest.getValue("format"));
        }
        return manifest;
    }

    private static void verifyChecksums(Path dir, JsonObject checksums) throws IOException {
        for (String name : checksums.fieldNames()) {
            Path file = dir.resolve(name).normalize();
            if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
                throw new BackupException("the backup is incomplete: " + name + " is missing");
            }
            MessageDigest sha = sha256();
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            if (!HexFormat.of().formatHex(sha.digest()).equals(checksums.getString(name))) {
                throw new BackupException("the backup is damaged: " + name + " does not match its checksum");
            }
        }
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.findAny().isEmpty();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String columnList(List<String> columns) {
        return String.join(", ", columns.stream().map(Backup::quote).toList());
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String unquote(String regclass) {
        return regclass.startsWith("\"")
                ? regclass.substring(1, regclass.length() - 1).replace("\"\"", "\"")
                : regclass;
    }

    /** A backup or restore that cannot proceed, with a message for the operator. */
    public static final class BackupException extends RuntimeException {
        public BackupException(String message) {
            super(message);
        }
    }
}
