package cn.tongbei.platform.storage;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A real S3-compatible server (s3proxy over a filesystem directory) on a free loopback port. */
public final class EmbeddedS3Server implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3Server.class);

    private final S3Proxy proxy;
    private final String accessKey;
    private final String secretKey;

    private EmbeddedS3Server(S3Proxy proxy, String accessKey, String secretKey) {
        this.proxy = proxy;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    public static EmbeddedS3Server start(Path dataDir) {
        Path dir = dataDir.resolve("s3").toAbsolutePath();
        try {
            Files.createDirectories(dir);
            Properties props = new Properties();
            props.setProperty("jclouds.filesystem.basedir", dir.toString());
            String access = "tongbei-local";
            String secret = UUID.randomUUID().toString();
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(BlobStores.create("filesystem", props))
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, access, secret)
                    .build();
            proxy.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("s3proxy did not start within 30 s");
                }
                Thread.sleep(20);
            }
            LOG.info("embedded S3 server on 127.0.0.1:{}, objects in {}", proxy.getPort(), dir);
            return new EmbeddedS3Server(proxy, access, secret);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the embedded S3 server", e);
        } catch (Exception e) {
            throw new IllegalStateException("embedded S3 server could not start in " + dir + ": " + e.getMessage()
                    + ". Point TONGBEI_S3_ENDPOINT, TONGBEI_S3_ACCESS_KEY and TONGBEI_S3_SECRET_KEY at MinIO instead.",
                    e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            LOG.warn("embedded S3 server did not stop cleanly: {}", e.getMessage());
        }
    }
}
