package cn.tongbei.classroom.sync;

import cn.tongbei.platform.config.TongbeiConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Audio/video settings handed to seated participants in the welcome message: the ICE servers for
 * {@code RTCPeerConnection} (TURN credentials only on {@code turn:}/{@code turns:} URLs) and the SFU, if any.
 */
public record Media(List<String> iceServers, String turnUsername, String turnCredential, String sfu, String sfuUrl,
        String turnSecret, int turnTtlSeconds) {

    public Media(List<String> iceServers, String turnUsername, String turnCredential, String sfu, String sfuUrl) {
        this(iceServers, turnUsername, turnCredential, sfu, sfuUrl, "", 0);
    }

    /** Peer to peer with no ICE servers (host candidates only: works on one network). */
    public static Media none() {
        return new Media(List.of(), "", "", "none", "");
    }

    public static Media from(TongbeiConfig.Classroom c) {
        return new Media(c.iceServers(), c.turnUsername(), c.turnCredential(), c.sfu(), c.sfuUrl(), c.turnSecret(),
                c.turnTtlSeconds());
    }

    /** The settings with static TURN credentials (or none); see {@link #toJson(long, long)}. */
    public JsonObject toJson() {
        return toJson(0, System.currentTimeMillis());
    }

    /**
     * {@code {"iceServers":[{"urls":…,"username":…,"credential":…}],"sfu":"none","sfuUrl":""}} for user
     * {@code userId}. With a {@code turnSecret}, TURN URLs get time-limited credentials of the TURN REST scheme
     * (coturn {@code use-auth-secret}): username {@code expiry:userId} (expiry in epoch seconds, now + ttl), password
     * base64(HMAC-SHA1(secret, username)); otherwise the static username/credential, if any.
     */
    public JsonObject toJson(long userId, long nowMs) {
        String username = turnUsername;
        String credential = turnCredential;
        if (!turnSecret.isBlank()) {
            username = (nowMs / 1000 + turnTtlSeconds) + ":" + userId;
            credential = turnPassword(turnSecret, username);
        }
        JsonArray servers = new JsonArray();
        for (String url : iceServers) {
            JsonObject s = new JsonObject().put("urls", url);
            if (url.startsWith("turn") && !username.isBlank()) {
                s.put("username", username).put("credential", credential);
            }
            servers.add(s);
        }
        return new JsonObject().put("iceServers", servers).put("sfu", sfu).put("sfuUrl", sfuUrl);
    }

    /** base64(HMAC-SHA1(secret, username)), the password coturn derives with {@code static-auth-secret}. */
    static String turnPassword(String secret, String username) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "HmacSHA1"));
            return java.util.Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(
                    java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
