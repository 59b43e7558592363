package cn.tongbei.platform.ops;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this node is draining: set at shutdown so readiness turns false (load balancers stop sending new
 * clients) before websockets are closed with "going away, reconnect elsewhere". Modules register what to close
 * at the end of the drain with {@link #onDrained(Runnable)}.
 */
public final class Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

    /** Close code sent to websockets when the node shuts down: 1012 "service restart", reconnect elsewhere. */
    public static final short CLOSE_RECONNECT_ELSEWHERE = 1012;

    private final AtomicBoolean draining = new AtomicBoolean();
    private final List<Runnable> drainedHooks = new CopyOnWriteArrayList<>();

    public boolean draining() {
        return draining.get();
    }

    public void startDraining() {
        draining.set(true);
    }

    /**
     * Runs {@code hook} once the drain period is over, before modules stop: the place to close websockets with
     * {@link #CLOSE_RECONNECT_ELSEWHERE}. Hooks must not block for long (a second at most).
     */
    public void onDrained(Runnable hook) {
        drainedHooks.add(hook);
    }

    /** Called by the server at the end of the drain period. */
    public void drained() {
        draining.set(true);
        for (Runnable hook : drainedHooks) {
            try {
                hook.run();
            } catch (RuntimeException e) {
                LOG.warn("drain hook failed: {}", e.getMessage());
            }
        }
    }
}
