package cn.tongbei.platform.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    final PasswordHasher hasher = new PasswordHasher(4096, 1);

    @Test
    @DisplayName("an Argon2id hash verifies its password and nothing else")
    void verifies() {
        String hash = hasher.hash("同备-密码-123");
        assertTrue(hash.startsWith("$argon2id$v=19$m=4096,t=1,p=1$"), hash);
        assertTrue(hasher.verify("同备-密码-123", hash));
        assertFalse(hasher.verify("同备-密码-124", hash));
        assertFalse(hasher.verify("", hash));
    }

    @Test
    @DisplayName("the same password hashes differently each time (random salt)")
    void salted() {
        assertNotEquals(hasher.hash("tongbei-demo"), hasher.hash("tongbei-demo"));
    }

    @Test
    @DisplayName("malformed hashes never verify and never throw")
    void malformed() {
        for (String bad : new String[]{null, "", "plain", "$argon2i$v=19$m=1,t=1,p=1$AAAA$AAAA",
                "$argon2id$v=19$m=x,t=1,p=1$AAAA$AAAA", "$argon2id$v=19$m=4096,t=1,p=1$***$AAAA"}) {
            assertFalse(hasher.verify("x", bad), String.valueOf(bad));
        }
    }

    @Test
    @DisplayName("hashes made with other parameters are flagged for rehash")
    void rehash() {
        String weak = new PasswordHasher(1024, 1).hash("pw");
        assertTrue(hasher.needsRehash(weak));
        assertFalse(hasher.needsRehash(hasher.hash("pw")));
    }
}
