package cn.tongbei.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small synchronous HTTP client for tests: JSON in and out, optional bearer token and language. */
public final class Api {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A response: status, headers and the body parsed when it is JSON. */
    public record Reply(int status, String body, java.net.http.HttpHeaders headers) {
        public JsonObject json() {
            return new JsonObject(body);
        }

        public JsonArray items() {
            return json().getJsonArray("items");
        }

        public String errorCode() {
            return json().getJsonObject("error").getString("code");
        }

        public String errorMessage() {
            return json().getJsonObject("error").getString("message");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final int port;
    private final String token;
    private final String language;

    public Api(int port) {
        this(port, null, "zh-CN");
    }

    private Api(int port, String token, String language) {
        this.port = port;
        this.token = token;
        this.language = language;
    }

    public Api as(String accessToken) {
        return new Api(port, accessToken, language);
    }

    public Api inEnglish() {
        return new Api(port, token, "en");
    }

    /** Logs in and returns a client carrying the access token. */
    public Api login(String username, String password) {
        Reply r = post("/api/v1/auth/login", new JsonObject().put("username", username).put("password", password));
        if (r.status() != 200) {
            throw new AssertionError("login of " + username + " failed: " + r);
        }
        return as(r.json().getString("accessToken"));
    }

    public Api loginDemo(String username) {
        return login(username, "tongbei-demo");
    }

    public int port() {
        return port;
    }

    public Reply get(String path) {
        return send("GET", path, null);
    }

    public Reply post(String path, JsonObject body) {
        return send("POST", path, body.encode());
    }

    public Reply postRaw(String path, String body) {
        return send("POST", path, body);
    }

    public Reply patch(String path, JsonObject body) {
        return send("PATCH", path, body.encode());
    }

    public Reply put(String path, JsonObject body) {
        return send("PUT", path, body.encode());
    }

    public Reply delete(String path) {
        return send("DELETE", path, null);
    }

    public Reply send(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Accept-Language", language);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
