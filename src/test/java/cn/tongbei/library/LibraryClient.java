package cn.tongbei.library;

import cn.tongbei.testing.Api;
import cn.tongbei.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** A test client for the library: multipart uploads, raw downloads and waiting for extraction. */
final class LibraryClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    final Api api;
    final String token;
    final int port;

    private LibraryClient(Api api, String token, int port) {
        this.api = api;
        this.token = token;
        this.port = port;
    }

    static LibraryClient login(String username) {
        return login(username, TestServer.api());
    }

    /** Logs in on another server (a cluster node). */
    static LibraryClient login(String username, int port) {
        return login(username, new Api(port));
    }

    private static LibraryClient login(String username, Api anonymous) {
        Api.Reply r = anonymous.post("/api/v1/auth/login", new JsonObject().put("username", username).put("password",
                "tongbei-demo"));
        String token = r.json().getString("accessToken");
        return new LibraryClient(anonymous.as(token), token, anonymous.port());
    }

    /** Uploads one file with metadata fields sent before it. */
    Api.Reply upload(String fileName, byte[] content, Map<String, String> fields) {
        String boundary = "----tongbei" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((k, v) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k
                + "\"\r\n\r\n" + v + "\r\n"));
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        body.writeBytes(content);
        write(body, "\r\n--" + boundary + "--\r\n");
        return send(HttpRequest.newBuilder(uri("/api/v1/resources"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** Uploads and returns the new id, failing the test unless 201. */
    long create(String fileName, byte[] content, Map<String, String> fields) {
        Api.Reply r = upload(fileName, content, fields);
        if (r.status() != 201) {
            throw new AssertionError("upload failed: " + r);
        }
        return r.json().getLong("id");
    }

    /** Polls until the resource leaves {@code processing} (extraction finished), at most 30 s. */
    JsonObject awaitProcessed(long id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject json = api.get("/api/v1/resources/" + id).json();
            if (!"processing".equals(json.getString("status"))) {
                return json;
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("resource " + id + " still processing after 30 s");
    }

    HttpResponse<byte[]> getBytes(String path, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
        headers.forEach(b::header);
        try {
            return HTTP.send(b.header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Api.Reply send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = HTTP.send(b.header("Authorization", "Bearer " + token)
                    .header("Accept-Language", "zh-CN").timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Api.Reply(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
