package cn.tongbei.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tongbei.access.Principal;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The principal cache's rules: only while listening, per token version, and no stale principal brought back. */
class PrincipalCacheTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final PrincipalCache cache = new PrincipalCache(Duration.ofMinutes(5), 100, meters);

    private static PrincipalCache.Entry entry(long userId, int tokenVersion) {
        return new PrincipalCache.Entry(new Principal(userId, "u" + userId, "教师" + userId, 1L, 2L, List.of(),
                List.of()), tokenVersion, false);
    }

    private void putNow(long userId, PrincipalCache.Entry e) {
        cache.put(userId, e, cache.epoch());
    }

    @Test
    @DisplayName("nothing is served or kept before LISTEN is in place")
    void not_listening() {
        putNow(1, entry(1, 0));
        assertNull(cache.get(1, 0));
        assertFalse(cache.active());
        cache.listening();
        assertTrue(cache.active());
        assertNull(cache.get(1, 0), "a principal read before listening began is not kept");
        PrincipalCache.Entry e = entry(1, 0);
        putNow(1, e);
        assertSame(e, cache.get(1, 0));
        assertEquals(1.0, meters.get("tongbei.auth.principals.listening").gauge().value());
        assertEquals(1.0, meters.get("tongbei.auth.principals").tag("result", "cached").counter().count());
    }

    @Test
    @DisplayName("a token of another version is checked against PostgreSQL (held entry not used)")
    void token_version() {
        cache.listening();
        putNow(7, entry(7, 3));
        assertNull(cache.get(7, 4));
        assertNull(cache.get(7, 2));
        assertEquals(3, cache.get(7, 3).tokenVersion());
    }

    @Test
    @DisplayName("a read that overlapped a change is not kept, however the two interleave")
    void overlapping_change() {
        cache.listening();
        long before = cache.epoch();
        cache.notified("5"); // the change's notification arrives while the read of user 5 is under way
        cache.put(5, entry(5, 0), before);
        assertNull(cache.get(5, 0));
        long before2 = cache.epoch();
        cache.notified("6"); // a change to another user also voids it (the epoch is per node, not per user)
        cache.put(5, entry(5, 0), before2);
        assertNull(cache.get(5, 0));
        putNow(5, entry(5, 0));
        assertTrue(cache.get(5, 0) != null);
    }

    @Test
    @DisplayName("a notification forgets its user, an empty or unreadable one forgets everyone")
    void notifications() {
        cache.listening();
        putNow(1, entry(1, 0));
        putNow(2, entry(2, 0));
        cache.notified("1");
        assertNull(cache.get(1, 0));
        assertTrue(cache.get(2, 0) != null);
        cache.notified("");
        assertNull(cache.get(2, 0));
        putNow(3, entry(3, 0));
        cache.notified("not-a-number");
        assertNull(cache.get(3, 0));
    }

    @Test
    @DisplayName("losing LISTEN forgets everything and keeps nothing until listening again")
    void lost() {
        cache.listening();
        putNow(1, entry(1, 0));
        cache.lost();
        assertFalse(cache.active());
        assertEquals(0.0, meters.get("tongbei.auth.principals.listening").gauge().value());
        putNow(1, entry(1, 0));
        cache.listening();
        assertNull(cache.get(1, 0), "a principal held before the gap is not trusted after it");
        assertEquals(2.0, meters.get("tongbei.auth.principals.listens").counter().count());
    }

    @Test
    @DisplayName("a zero time to live turns the cache off")
    void disabled() {
        PrincipalCache off = new PrincipalCache(Duration.ZERO, 100, new SimpleMeterRegistry());
        off.listening();
        off.put(1, entry(1, 0), off.epoch());
        assertNull(off.get(1, 0));
        assertFalse(off.active());
    }

    @Test
    @DisplayName("this node's own change forgets the user at once")
    void forget() {
        cache.listening();
        putNow(9, entry(9, 0));
        cache.forget(9);
        assertNull(cache.get(9, 0));
    }
}
