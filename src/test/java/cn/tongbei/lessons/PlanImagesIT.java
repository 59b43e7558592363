package cn.tongbei.lessons;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.testing.Api;
import cn.tongbei.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Plan images in S3: upload, serving with the plan's read permission, export")
class PlanImagesIT {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static Api api;
    static String leadToken;
    static String participantToken;
    static String outsiderToken;

    @BeforeAll
    static void start() {
        api = TestServer.api();
        leadToken = token("teacher3");
        participantToken = token("teacher1");
        outsiderToken = token("teacher5");
    }

    static String token(String user) {
        return api.post("/api/v1/auth/login", new JsonObject().put("username", user).put("password", "tongbei-demo"))
                .json().getString("accessToken");
    }

    static HttpResponse<byte[]> send(String method, String path, String token, String type, byte[] body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (type != null) {
            b.header("Content-Type", type);
        }
        b.method(method, body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static byte[] png(int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    @Test
    @DisplayName("editors upload PNG/JPEG/GIF/WebP (sniffed), others are refused; 413 names the limit; readers get "
            + "the image with a bearer token or the plan's ticket; outsiders and forged tickets get 404")
    void upload_serve_export() throws Exception {
        PrepFixture.Made made = PrepFixture.activity(api.as(leadToken), "图片上传");
        String base = "/api/v1/prep/plans/" + made.planId();
        byte[] image = png(60, 40);

        var up = send("POST", base + "/images", leadToken, "image/png", image);
        assertEquals(201, up.statusCode(), new String(up.body()));
        String url = new JsonObject(new String(up.body())).getString("url");
        assertTrue(url.matches("/api/v1/prep/plans/" + made.planId() + "/images/[0-9a-f]{32}\\.png"), url);
        assertEquals(403, send("POST", base + "/images", participantToken, "image/png", image).statusCode(),
                "a participant does not edit a draft");
        assertEquals(404, send("POST", base + "/images", outsiderToken, "image/png", image).statusCode());
        assertEquals(401, send("POST", base + "/images", null, "image/png", image).statusCode());
        var html = send("POST", base + "/images", leadToken, "image/png", "<svg onload=alert(1)>".getBytes());
        assertEquals(400, html.statusCode(), "the type is sniffed, not taken from the header");
        byte[] gif = "GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        var g = send("POST", base + "/images", leadToken, "application/octet-stream", gif);
        assertEquals(201, g.statusCode());
        assertTrue(new JsonObject(new String(g.body())).getString("url").endsWith(".gif"));
        byte[] big = new byte[PlanImages.UPLOAD_MAX_BYTES + 1];
        System.arraycopy(image, 0, big, 0, image.length);
        var tooBig = send("POST", base + "/images", leadToken, "image/png", big);
        assertEquals(413, tooBig.statusCode());
        assertTrue(new String(tooBig.body()).contains("5 MiB"), new String(tooBig.body()));

        var got = send("GET", url, leadToken, null, null);
        assertEquals(200, got.statusCode());
        assertEquals("image/png", got.headers().firstValue("Content-Type").orElse(""));
        assertArrayEquals(image, got.body());
        assertEquals(404, send("GET", url, outsiderToken, null, null).statusCode(), "outsiders do not see it");
        assertEquals(200, send("GET", url, participantToken, null, null).statusCode(),
                "a participant reads the draft, so gets the image");
        assertEquals(401, send("GET", url, null, null, null).statusCode(), "no token, no ticket");

        String ticket = api.as(participantToken).get(base).json().getString("imageTicket");
        assertEquals(200, send("GET", url + "?t=" + ticket, null, null, null).statusCode(), "ticket for <img>");
        assertEquals(404, send("GET", url + "?t=" + ticket + "x", null, null, null).statusCode(), "forged ticket");
        assertEquals(404, api.as(outsiderToken).get(base).status(), "outsiders get no ticket");
        PrepFixture.Made other = PrepFixture.activity(api.as(leadToken), "另一个");
        String otherTicket = api.as(leadToken).get("/api/v1/prep/plans/" + other.planId()).json()
                .getString("imageTicket");
        assertEquals(404, send("GET", url + "?t=" + otherTicket, null, null, null).statusCode(),
                "a ticket opens only its own plan's images");
    }
}
