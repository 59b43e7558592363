package cn.tongbei.library;

import cn.tongbei.Module;
import cn.tongbei.Services;
import cn.tongbei.library.search.Embedder;
import cn.tongbei.library.search.EmbeddingWorker;
import cn.tongbei.library.search.IndexFeed;
import cn.tongbei.library.search.LibraryIndex;
import cn.tongbei.library.search.SearchRoutes;
import cn.tongbei.library.search.SearchService;
import cn.tongbei.library.search.SearchThreads;
import cn.tongbei.library.search.Synonyms;
import cn.tongbei.platform.db.PgListener;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import java.nio.file.Files;

/** Plugs the courseware library into the server: storage, extraction, search index and their routes. */
public final class LibraryModule implements Module {
    private Services services;

    private WorkerExecutor workers;
    private Extraction extraction;
    private ResourceRoutes resources;
    private CatalogueRoutes catalogue;
    private LibraryConfig config;
    private SearchService search;
    private Publisher publisher;
    private SearchRoutes searchRoutes;
    private SearchThreads searchThreads;
    private io.vertx.core.Vertx vertx;

    /** The search service, for tests and the benchmark. */
    public SearchService search() {
        return search;
    }

    /** Publishes documents from other features (lesson preparation's common plans) into the library. */
    public Publisher publisher() {
        return publisher;
    }

    /** The platform services this module was started with. */
    public Services services() {
        return services;
    }

    @Override
    public void start(Services services) throws Exception {
        this.services = services;
        config = LibraryConfig.from(services.config().library());
        FileTypes.detect(new byte[]{0}); // loads Tika's detector here, never first on an event loop
        if (services.config().embedded() && services.config().demo().seed()) {
            DemoCatalogue.seed(services.db());
        }
        workers = services.vertx().createSharedWorkerExecutor("library-io", 8);
        ResourceRepository repo = new ResourceRepository(services.pool());
        vertx = services.vertx();
        Synonyms synonyms = new Synonyms(Extraction.await(SearchRoutes.loadSynonyms(services.pool())));
        LibraryIndex index = new LibraryIndex(services.dataDir().resolve("library"), synonyms, config.searchThreads());
        Embedder embedder = config.embeddings() ? Embedder.loadInBackground() : null;
        Extraction[] late = new Extraction[1];
        // every node's index is fed from the change log in PostgreSQL (LISTEN on a connection of its own)
        IndexFeed feed = new IndexFeed(vertx, services.pool(), PgListener.options(services.db()), repo, index,
                id -> late[0].submit(id), services.meters());
        EmbeddingWorker embeddings = embedder == null
                ? null
                : new EmbeddingWorker(vertx, services.pool(), repo, embedder, services.meters());
        search = new SearchService(repo, index, synonyms, embedder, feed, embeddings);
        ResourceEvents events = search;
        extraction = new Extraction(services.storage(), repo, config, events::extracted);
        late[0] = extraction;
        search.warmUp();
        feed.start();
        if (embeddings != null) {
            embeddings.start();
        }
        searchThreads = new SearchThreads(Runtime.getRuntime().availableProcessors(), config.searchSpinMicros())
                .bind(services.meters());
        searchRoutes = new SearchRoutes(search, repo, services.pool(), searchThreads);
        var previewDir = services.dataDir().resolve("library").resolve("previews");
        Files.createDirectories(previewDir);
        UploadHandler upload = new UploadHandler(services.storage(), repo, config, id -> {
            events.changed(id);
            extraction.submit(id);
        });
        resources = new ResourceRoutes(repo, services.storage(), upload, new FileSender(services.storage(), workers),
                new FileTickets(), new Previews(services.storage(), workers, previewDir,
                        OfficeConverter.find(services.dataDir(), config.soffice())),
                extraction, events);
        catalogue = new CatalogueRoutes(services.pool());
        publisher = new Publisher(services.storage(), repo, events, extraction);
    }

    @Override
    public void mount(Router api) {
        resources.mount(api);
        catalogue.mount(api);
        searchRoutes.mount(api);
    }

    @Override
    public void mountPublic(Router api) {
        resources.mountPublic(api);
    }

    @Override
    public void stop() {
        if (searchThreads != null) {
            searchThreads.close();
        }
        if (search != null) {
            try {
                search.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(LibraryModule.class).warn("closing the index: {}", e.toString());
            }
        }
        if (extraction != null) {
            extraction.close();
        }
        if (workers != null) {
            workers.close();
        }
    }
}
