package cn.tongbei.identity;

import cn.tongbei.platform.auth.PasswordHasher;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

/** Runs the deliberately slow password hashing on its own small worker pool, off the event loops. */
public final class PasswordWorker {
    /** A hash of a random password, verified when the username is unknown so timing reveals nothing. */
    private final String decoyHash;
    private final PasswordHasher hasher;
    private final WorkerExecutor workers;

    public PasswordWorker(Vertx vertx, PasswordHasher hasher) {
        this.hasher = hasher;
        this.workers = vertx.createSharedWorkerExecutor("tongbei-passwords", 4);
        this.decoyHash = hasher.hash(java.util.UUID.randomUUID().toString());
    }

    public Future<String> hash(String password) {
        return workers.executeBlocking(() -> hasher.hash(password), false);
    }

    /** Verifies against {@code encoded}, or against a decoy when it is null (unknown user). */
    public Future<Boolean> verify(String password, String encoded) {
        String target = encoded == null ? decoyHash : encoded;
        return workers.executeBlocking(() -> hasher.verify(password, target) && encoded != null, false);
    }
}
