package cn.tongbei.platform.ops;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether this node is draining: set at shutdown so readiness turns false (load balancers stop sending new
 * clients) before websockets are closed with "going away, reconnect elsewhere".
 */
public final class Lifecycle {
    /** Close code sent to websockets when the node shuts down: 1012 "service restart", reconnect elsewhere. */
    public static final short CLOSE_RECONNECT_ELSEWHERE = 1012;

    private final AtomicBoolean draining = new AtomicBoolean();

    public boolean draining() {
        return draining.get();
    }

    public void startDraining() {
        draining.set(true);
    }
}
