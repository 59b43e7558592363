package cn.tongbei.lessons;

import cn.tongbei.Module;
import cn.tongbei.Services;
import cn.tongbei.lessons.coedit.CoeditHub;
import cn.tongbei.lessons.coedit.CoeditSettings;
import cn.tongbei.lessons.coedit.DocStore;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;

/**
 * Joint lesson preparation (集体备课): prep activities, lesson plans with their workflow, and real-time
 * co-editing of plans over the {@code /ws/coedit} websocket. See {@code docs/lessons.md}.
 */
public final class LessonsModule implements Module {
    private PrepRoutes routes;
    private CoeditHub hub;
    private PlanExport export;
    private PlanImageRoutes images;

    @Override
    public void start(Services services) throws Exception {
        DocStore docs = new DocStore(services.pool());
        PrepService prep = new PrepService(services.pool(), docs);
        hub = CoeditHub.create(services.vertx(), docs, services.authenticator(), prep, CoeditSettings.defaults(),
                services.meters()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        CoeditHub drained = hub;
        services.lifecycle().onDrained(() -> {
            try {
                drained.drain().toCompletionStage().toCompletableFuture().get(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                // the hook must not hold the shutdown: sockets still open are cut when Vert.x closes
                org.slf4j.LoggerFactory.getLogger(LessonsModule.class).warn("co-edit drain: {}", e.toString());
            }
        });
        prep.attach(hub);
        CommentService comments = new CommentService(services.pool(), prep, docs);
        comments.attach(hub);
        export = new PlanExport(services.vertx(), prep, services.storage());
        images = PlanImageRoutes.create(services.pool(), services.storage(), prep).toCompletionStage()
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        routes = new PrepRoutes(prep, export, comments).images(images)
                .publishing(new PlanPublisher(services.pool(), prep, export, services.modules()));
    }

    @Override
    public void mount(Router api) {
        routes.mount(api);
        images.mount(api);
    }

    @Override
    public void mountRoot(Router root) {
        images.mountRoot(root);
        hub.mount(root);
    }

    @Override
    public void stop() {
        if (export != null) {
            export.close();
        }
    }
}
