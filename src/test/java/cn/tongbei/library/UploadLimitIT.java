package cn.tongbei.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.Tongbei;
import cn.tongbei.testing.Api;
import cn.tongbei.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An upload without a declared length (chunked) that passes the size limit while streaming: refused with 413 naming
 * the limit, after part of it has already gone to S3 as a multipart upload, and nothing of it is left behind.
 */
class UploadLimitIT {
    private static final int LIMIT_MB = 20;

    @Test
    @DisplayName("a chunked upload passing the limit mid-stream gets 413 with the limit; no resource, no object left")
    void chunked_over_the_limit() throws Exception {
        Path dir = TestServer.freshDataDir("upload-limit");
        try (Tongbei server = Tongbei.start(TestServer.config(dir, Map.of("library", Map.of("maxUploadBytes",
                (long) LIMIT_MB << 20))))) {
            Api teacher = new Api(server.port()).loginDemo("teacher1");
            String token = new Api(server.port()).post("/api/v1/auth/login", new JsonObject().put("username",
                    "teacher1").put("password", "tongbei-demo")).json().getString("accessToken");
            int before = teacher.get("/api/v1/resources/mine").items().size();
            List<Path> objectsBefore = objects(dir);

            // twice the limit: the first 16 MiB part reaches S3 before the limit is passed
            String refused = chunkedUpload(server.port(), token, 2L * LIMIT_MB << 20);
            assertTrue(refused.startsWith("HTTP/1.1 413"), refused);
            assertTrue(refused.contains(LIMIT_MB + " MB"), refused);
            assertEquals(before, teacher.get("/api/v1/resources/mine").items().size(), "no resource created");
            assertEquals(objectsBefore, objects(dir), "no object or multipart part left in S3");

            // the same path under the limit is accepted: the refusal above is the limit's
            String accepted = chunkedUpload(server.port(), token, 1L << 20);
            assertTrue(accepted.startsWith("HTTP/1.1 201"), accepted);
            assertEquals(before + 1, teacher.get("/api/v1/resources/mine").items().size());
            assertEquals(objectsBefore.size() + 1, objects(dir).size(), "the listing sees a stored upload");
        }
    }

    /** The S3 server's files (objects and any multipart upload parts), sorted. */
    private static List<Path> objects(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.walk(dataDir.resolve("s3"))) {
            return files.filter(Files::isRegularFile).map(dataDir::relativize).sorted().toList();
        }
    }

    /**
     * Sends a multipart upload of {@code bytes} bytes with {@code Transfer-Encoding: chunked} on one thread while
     * reading the response on this one (the server answers a refusal at once and closes); answers the response.
     */
    private static String chunkedUpload(int port, String token, long bytes) throws Exception {
        Thread writer;
        String response;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST /api/v1/resources HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: multipart/form-data; boundary=x\r\nTransfer-Encoding: chunked\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.UTF_8));
            // its own thread, not the common pool: the S3 client runs its multipart steps there (one thread on 2
            // cores), and a writer blocked on a paused upload must not starve it
            writer = Thread.ofPlatform().name("upload-writer").start(() -> {
                try {
                    chunk(out, ("--x\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n分块上传\r\n"
                            + "--x\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\n素材\r\n"
                            + "--x\r\nContent-Disposition: form-data; name=\"visibility\"\r\n\r\nprivate\r\n"
                            + "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.txt\"\r\n"
                            + "Content-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                    byte[] block = "同步课堂分块上传测试。".repeat(2048).getBytes(StandardCharsets.UTF_8);
                    for (long left = bytes; left > 0; left -= block.length) {
                        chunk(out, left >= block.length ? block : java.util.Arrays.copyOf(block, (int) left));
                    }
                    chunk(out, "\r\n--x--\r\n".getBytes(StandardCharsets.UTF_8));
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    // the server refused and closed the connection: expected for the upload over the limit
                }
            });
            response = read(socket.getInputStream());
        }
        // closing the socket ends a write the server no longer reads
        writer.join(30_000);
        return response;
    }

    private static void chunk(OutputStream out, byte[] data) throws IOException {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** The response's head and JSON body (read until the body's closing brace). */
    private static String read(InputStream in) throws IOException {
        StringBuilder response = new StringBuilder();
        byte[] buf = new byte[4096];
        int n;
        try {
            while (!response.toString().strip().endsWith("}") && (n = in.read(buf)) > 0) {
                response.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
        } catch (java.net.SocketTimeoutException e) {
            return "no complete response within 30 s: " + response;
        }
        return response.toString();
    }
}
