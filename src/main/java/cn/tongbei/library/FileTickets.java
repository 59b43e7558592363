package cn.tongbei.library;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived signed links to a resource's file, for {@code <video>} and {@code <img>} elements that cannot
 * send a bearer token: {@code id.expiry.signature}, HMAC-SHA256 under a key made at start. Issued only after
 * the visibility check; valid for ten minutes.
 */
final class FileTickets {
    static final long TTL_SECONDS = 600;
    private final byte[] key = new byte[32];

    FileTickets() {
        new SecureRandom().nextBytes(key);
    }

    String issue(long resourceId, long nowSeconds) {
        String body = resourceId + "." + (nowSeconds + TTL_SECONDS);
        return body + "." + sign(body);
    }

    /** The resource id the ticket opens, or -1 when it is forged, malformed or expired. */
    long verify(String ticket, long nowSeconds) {
        String[] parts = ticket == null ? new String[0] : ticket.split("\\.");
        if (parts.length != 3) {
            return -1;
        }
        String body = parts[0] + "." + parts[1];
        if (!MessageDigest.isEqual(sign(body).getBytes(StandardCharsets.US_ASCII),
                parts[2].getBytes(StandardCharsets.US_ASCII))) {
            return -1;
        }
        try {
            return Long.parseLong(parts[1]) >= nowSeconds ? Long.parseLong(parts[0]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private String sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(body.getBytes(
                    StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
