package cn.tongbei;

import io.vertx.ext.web.Router;

/**
 * A feature that plugs into the server (lesson preparation, library, classroom …). Modules are found with
 * {@link java.util.ServiceLoader} (one line each in {@code META-INF/services/cn.tongbei.Module}), started once
 * with the shared {@link Services}, then asked to mount their routes.
 */
public interface Module {

    /** Builds the module's services. Runs on the launching thread before the server listens; may block. */
    void start(Services services) throws Exception;

    /** Routes under {@code /api/v1}, behind the authenticator ({@code Authenticator.principal(ctx)} works). */
    void mount(Router api);

    /** Routes under {@code /api/v1} that need no token. */
    default void mountPublic(Router api) {}

    /** Routes on the root router, e.g. websockets under {@code /ws/}, which authenticate themselves. */
    default void mountRoot(Router root) {}

    /** Releases what {@link #start} opened (indexes, executors). */
    default void stop() {}
}
