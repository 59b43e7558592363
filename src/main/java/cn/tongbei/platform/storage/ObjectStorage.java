package cn.tongbei.platform.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.Callable;

/**
 * The one door to object storage (MinIO or any S3). The MinIO SDK blocks, so every call runs on a dedicated
 * worker pool and returns a {@link Future}; no call ever runs on an event loop.
 */
public final class ObjectStorage implements AutoCloseable {
    private final MinioClient client;
    private final String bucket;
    private final WorkerExecutor workers;

    public ObjectStorage(Vertx vertx, String endpoint, String accessKey, String secretKey, String region,
            String bucket) {
        this.client = MinioClient.builder().endpoint(endpoint).credentials(accessKey, secretKey).region(region).build();
        this.bucket = bucket;
        this.workers = vertx.createSharedWorkerExecutor("tongbei-storage", 16);
    }

    public String bucket() {
        return bucket;
    }

    /** Creates the bucket if it does not exist yet (called once at start). */
    public Future<Void> ensureBucket() {
        return blocking(() -> {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
            return null;
        });
    }

    /** Answers true when the bucket is reachable (readiness probe). */
    public Future<Boolean> ping() {
        return blocking(() -> client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()));
    }

    public Future<Void> put(String key, Buffer data, String contentType) {
        return blocking(() -> {
            byte[] bytes = data.getBytes();
            client.putObject(PutObjectArgs.builder()
                    .bucket(bucket)
                    .object(key)
                    .stream(new ByteArrayInputStream(bytes), (long) bytes.length, null)
                    .contentType(contentType)
                    .build());
            return null;
        });
    }

    /** Streams {@code size} bytes (or an unknown size, in 16 MiB parts, when negative) into {@code key}. */
    public Future<Void> put(String key, InputStream in, long size, String contentType) {
        return blocking(() -> {
            client.putObject(PutObjectArgs.builder()
                    .bucket(bucket)
                    .object(key)
                    .stream(in, size >= 0 ? size : null, size >= 0 ? null : 16L << 20)
                    .contentType(contentType)
                    .build());
            return null;
        });
    }

    public Future<Buffer> get(String key) {
        return blocking(() -> {
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                return Buffer.buffer(in.readAllBytes());
            }
        });
    }

    /** Size in bytes, or -1 when the object does not exist. */
    public Future<Long> size(String key) {
        return blocking(() -> {
            try {
                return client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()).size();
            } catch (ErrorResponseException e) {
                if ("NoSuchKey".equals(e.errorResponse().code())) {
                    return -1L;
                }
                throw e;
            }
        });
    }

    public Future<Void> delete(String key) {
        return blocking(() -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
            return null;
        });
    }

    /**
     * Opens {@code key} from byte {@code offset} for {@code length} bytes (null: to the end) as a stream the caller
     * reads on a worker thread and closes; nothing is buffered beyond the HTTP client's window.
     */
    public Future<InputStream> open(String key, long offset, Long length) {
        return blocking(() -> {
            GetObjectArgs.Builder args = GetObjectArgs.builder().bucket(bucket).object(key);
            if (offset > 0 || length != null) {
                args.offset(offset);
                if (length != null) {
                    args.length(length);
                }
            }
            return client.getObject(args.build());
        });
    }

    private <T> Future<T> blocking(Callable<T> call) {
        return workers.executeBlocking(call, false);
    }

    @Override
    public void close() {
        workers.close();
    }
}
