package cn.tongbei.library;

import cn.tongbei.Module;
import cn.tongbei.Services;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import java.nio.file.Files;

/** Plugs the courseware library into the server: storage, extraction, search index and their routes. */
public final class LibraryModule implements Module {
    private WorkerExecutor workers;
    private Extraction extraction;
    private ResourceRoutes resources;
    private CatalogueRoutes catalogue;
    private LibraryConfig config;

    @Override
    public void start(Services services) throws Exception {
        config = LibraryConfig.load();
        if (services.config().embedded() && services.config().demo().seed()) {
            DemoCatalogue.seed(services.db());
        }
        workers = services.vertx().createSharedWorkerExecutor("library-io", 8);
        ResourceRepository repo = new ResourceRepository(services.pool());
        ResourceEvents events = ResourceEvents.NONE;
        extraction = new Extraction(services.storage(), repo, config, events::changed);
        var previewDir = services.dataDir().resolve("library").resolve("previews");
        Files.createDirectories(previewDir);
        UploadHandler upload = new UploadHandler(services.storage(), repo, config, extraction::submit);
        resources = new ResourceRoutes(repo, services.storage(), upload, new FileSender(services.storage(), workers),
                new FileTickets(), new Previews(services.storage(), workers, previewDir), extraction, events);
        catalogue = new CatalogueRoutes(services.pool());
    }

    @Override
    public void mount(Router api) {
        resources.mount(api);
        catalogue.mount(api);
    }

    @Override
    public void mountPublic(Router api) {
        resources.mountPublic(api);
    }

    @Override
    public void stop() {
        if (extraction != null) {
            extraction.close();
        }
        if (workers != null) {
            workers.close();
        }
    }
}
