package cn.tongbei.classroom;

import cn.tongbei.Module;
import cn.tongbei.Services;
import cn.tongbei.classroom.sync.ClassroomMetrics;
import cn.tongbei.classroom.sync.ClassroomSocket;
import cn.tongbei.classroom.sync.EventStore;
import cn.tongbei.classroom.sync.Limits;
import cn.tongbei.classroom.sync.Media;
import cn.tongbei.classroom.sync.SessionHubs;
import cn.tongbei.platform.ops.Lifecycle;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import java.nio.file.Files;
import java.nio.file.Path;

/** The synchronized classroom (同步课堂): scheduling REST API and the live session websocket. */
public final class ClassroomModule implements Module {
    private Services services;
    private SessionHubs hubs;
    private ClassSessionRoutes routes;
    private WorkerExecutor workers;

    @Override
    public void start(Services s) throws Exception {
        System.setProperty("java.awt.headless", "true");
        this.services = s;
        Vertx vertx = s.vertx();
        ClassSessions sessions = new ClassSessions(s.pool());
        Limits limits = Limits.from(s.config().classroom());
        EventStore events = new EventStore(s.pool(), limits.synchronousCommit());
        hubs = new SessionHubs(vertx, events, sessions, limits, Media.from(s.config().classroom()),
                new ClassroomMetrics(s.meters()));
        s.lifecycle().onDrained(() -> hubs.closeAll(Lifecycle.CLOSE_RECONNECT_ELSEWHERE, "node_draining"));
        workers = vertx.createSharedWorkerExecutor("tongbei-classroom", 2);
        Path uploads = s.dataDir().resolve("tmp").resolve("classroom-uploads");
        Files.createDirectories(uploads);
        routes = new ClassSessionRoutes(vertx, s.pool(), sessions, events, hubs, s.storage(), workers, uploads);
    }

    @Override
    public void mount(Router api) {
        routes.mount(api);
    }

    @Override
    public void mountRoot(Router root) {
        routes.mountUploadBody(root);
        root.get(ClassroomSocket.PATH).handler(ctx -> ClassroomSocket.handle(ctx, services.vertx(), services
                .authenticator(), hubs));
    }

    @Override
    public void stop() {
        if (workers != null) {
            workers.close();
        }
    }
}
