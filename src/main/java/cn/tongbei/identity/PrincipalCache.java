package cn.tongbei.identity;

import cn.tongbei.access.Principal;
import cn.tongbei.platform.db.PgListener;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The principals this node has served, so that a request does not read the user's account state, grants and teams
 * from PostgreSQL every time. Only used while this node LISTENs on {@code principal_change} (migration V2: every
 * change to what a principal is made of notifies every node at commit); this node's own writes forget their users
 * at once, before they answer. Entries also expire after {@code ttl} (a bound should a notification ever be lost)
 * and at most {@code maxEntries} are kept.
 *
 * <p>A read that began before a change but finishes after its notification must not bring the old principal back:
 * every forget moves an epoch, and a load is kept only when the epoch did not move while it ran (checked again
 * after storing it).
 */
public final class PrincipalCache {
    /** A principal as read, with the token version and account state a token is checked against. */
    record Entry(Principal principal, int tokenVersion, boolean disabled) {}

    private final Cache<Long, Entry> entries;
    private final AtomicLong epoch = new AtomicLong();
    private final boolean enabled;
    private final Counter hits;
    private final Counter misses;
    private final Counter listens;
    private volatile boolean listening;

    /** A cache keeping entries {@code ttl} at most; a zero ttl disables it (every request reads PostgreSQL). */
    public PrincipalCache(Duration ttl, int maxEntries, MeterRegistry meters) {
        this.enabled = !ttl.isZero();
        this.entries = Caffeine.newBuilder().expireAfterWrite(enabled ? ttl : Duration.ofSeconds(1))
                .maximumSize(maxEntries).build();
        this.hits = Counter.builder("tongbei.auth.principals").tag("result", "cached")
                .description("Requests authenticated with a principal held in memory").register(meters);
        this.misses = Counter.builder("tongbei.auth.principals").tag("result", "read")
                .description("Requests authenticated with a principal read from PostgreSQL").register(meters);
        this.listens = Counter.builder("tongbei.auth.principals.listens")
                .description("Times this node began listening for principal changes (start and reconnects)")
                .register(meters);
        Gauge.builder("tongbei.auth.principals.listening", this, c -> c.listening ? 1 : 0)
                .description("1 while principals are served from memory (listening for changes), else 0")
                .register(meters);
    }

    /**
     * The held entry for a user read with this token version, or null: none held, held for another version (a
     * token issued after a password change here or elsewhere is checked against PostgreSQL), or the cache
     * disabled or not listening.
     */
    Entry get(long userId, int tokenVersion) {
        Entry e = enabled && listening ? entries.getIfPresent(userId) : null;
        if (e != null && e.tokenVersion() != tokenVersion) {
            e = null;
        }
        (e == null ? misses : hits).increment();
        return e;
    }

    /** Taken before reading a principal; pass it to {@link #put}. */
    long epoch() {
        return epoch.get();
    }

    /** Keeps a principal read since {@code epochBefore}, unless something was forgotten meanwhile. */
    void put(long userId, Entry entry, long epochBefore) {
        if (!enabled || !listening || epoch.get() != epochBefore) {
            return;
        }
        entries.put(userId, entry);
        if (epoch.get() != epochBefore || !listening) {
            entries.asMap().remove(userId, entry);
        }
    }

    /** Forgets a user's principal (their grants, teams or account changed). */
    public void forget(long userId) {
        epoch.incrementAndGet();
        entries.invalidate(userId);
    }

    /** Forgets every principal. */
    public void forgetAll() {
        epoch.incrementAndGet();
        entries.invalidateAll();
    }

    /** LISTEN is in place: from now on every change is heard, so what is read from now on may be kept. */
    void listening() {
        forgetAll();
        listening = true;
        listens.increment();
    }

    /** LISTEN is lost: changes may go unheard, so nothing held can be trusted and nothing is kept. */
    void lost() {
        listening = false;
        forgetAll();
    }

    /** A {@code principal_change} payload: a user id, or empty for every user. */
    void notified(String payload) {
        if (payload.isEmpty()) {
            forgetAll();
            return;
        }
        try {
            forget(Long.parseLong(payload));
        } catch (NumberFormatException e) {
            forgetAll();
        }
    }

    /** Whether principals are served from memory now (tests, health). */
    public boolean active() {
        return enabled && listening;
    }

    /** Listens for changes on a connection of its own; start it, close it at shutdown. */
    public PgListener listener(Vertx vertx, PgConnectOptions options) {
        return new PgListener(vertx, options, "principal_change", PgListener.Events.of(this::listening,
                this::notified, this::lost));
    }

    /** Principals held now (estimate). */
    public long size() {
        return entries.estimatedSize();
    }
}
