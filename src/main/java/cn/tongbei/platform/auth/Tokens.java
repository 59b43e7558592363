package cn.tongbei.platform.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Short-lived JWT access tokens (HS256) and opaque refresh tokens. Refresh tokens are random 256-bit strings;
 * only their SHA-256 is stored, so a database leak does not leak sessions.
 */
public final class Tokens {
    private static final String ISSUER = "tongbei";

    /** What an access token says: the user and the token version it was issued under. */
    public record AccessClaims(long userId, int tokenVersion) {}

    private final JWTAuth jwt;
    private final int accessTtlSeconds;
    private final SecureRandom random = new SecureRandom();

    public Tokens(Vertx vertx, String secret, int accessTtlSeconds) {
        this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret))
                .setJWTOptions(new JWTOptions().setIssuer(ISSUER).setLeeway(5)));
        this.accessTtlSeconds = accessTtlSeconds;
    }

    public int accessTtlSeconds() {
        return accessTtlSeconds;
    }

    public String issueAccess(long userId, int tokenVersion) {
        return jwt.generateToken(new JsonObject().put("sub", String.valueOf(userId)).put("tv", tokenVersion),
                new JWTOptions().setAlgorithm("HS256").setIssuer(ISSUER).setExpiresInSeconds(accessTtlSeconds));
    }

    /** Verifies signature, issuer and expiry; fails for anything else. */
    public Future<AccessClaims> verifyAccess(String token) {
        return jwt.authenticate(new TokenCredentials(token)).map(user -> {
            JsonObject p = user.principal();
            return new AccessClaims(Long.parseLong(p.getString("sub")), p.getInteger("tv", -1));
        });
    }

    public String newRefreshToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
