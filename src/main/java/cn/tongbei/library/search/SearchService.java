package cn.tongbei.library.search;

import cn.tongbei.access.Principal;
import cn.tongbei.library.Resource;
import cn.tongbei.library.ResourceEvents;
import cn.tongbei.library.ResourceRepository;
import cn.tongbei.platform.http.ApiException;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the index in step with PostgreSQL and answers searches. All index writes run on one writer thread
 * (changes are visible to searches right after, near-real-time; commits happen every two seconds); embeddings
 * run on their own thread after the keyword document is in, so a resource is keyword-searchable first and
 * semantically searchable seconds later.
 */
public final class SearchService implements ResourceEvents, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SearchService.class);

    private final ResourceRepository repo;
    private final LibraryIndex index;
    private final Synonyms synonyms;
    private final Embedder embedder;
    private final LongConsumer reextract;
    private final ExecutorService writes = Executors.newSingleThreadExecutor(r -> daemon(r, "library-index"));
    private final ThreadPoolExecutor embeds = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(100_000), r -> daemon(r, "library-embed"));
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final java.util.Set<Long> embedding = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<String, float[]> queryVectors = new java.util.LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > 1024;
        }
    };

    public SearchService(ResourceRepository repo, LibraryIndex index, Synonyms synonyms, Embedder embedder,
            LongConsumer reextract) {
        this.repo = repo;
        this.index = index;
        this.synonyms = synonyms;
        this.embedder = embedder;
        this.reextract = reextract;
    }

    /** Loads dictionaries (SmartChinese, pinyin) on the writer thread, so the first real change is fast. */
    public void warmUp() {
        writes.execute(() -> {
            long t0 = System.nanoTime();
            ChineseAnalysis.syllablesOf("二次函数的图象和性质");
            try (var ts = ChineseAnalysis.words().tokenStream("w", "集体备课是教研组的重要活动")) {
                ts.reset();
                while (ts.incrementToken()) {
                    // consume
                }
                ts.end();
            } catch (java.io.IOException e) {
                LOG.warn("analyzer warm-up failed: {}", e.toString());
            }
            LOG.info("search analysis warmed up in {} ms", (System.nanoTime() - t0) / 1_000_000);
        });
    }

    public LibraryIndex index() {
        return index;
    }

    public Synonyms synonyms() {
        return synonyms;
    }

    @Override
    public void changed(long id) {
        writes.execute(() -> reindex(id));
    }

    @Override
    public void removed(long id) {
        writes.execute(() -> {
            try {
                index.remove(id);
                index.refresh();
                dirty.set(true);
            } catch (Exception e) {
                LOG.warn("could not remove resource {} from the index: {}", id, e.toString());
            }
        });
    }

    /** Commits pending changes if any (called every two seconds). */
    public void commitIfDirty() {
        if (dirty.getAndSet(false)) {
            writes.execute(() -> {
                try {
                    index.commit();
                } catch (Exception e) {
                    LOG.warn("index commit failed: {}", e.toString());
                }
            });
        }
    }

    private void reindex(long id) {
        try {
            Resource r;
            try {
                r = await(repo.find(id));
            } catch (ApiException e) {
                index.remove(id);
                index.refresh();
                return;
            }
            String text = await(repo.text(id));
            float[] vector = await(repo.vector(id));
            index.put(new IndexSchema.Source(r, text, vector));
            index.refresh();
            dirty.set(true);
            if (vector == null && embedder != null && !r.status().equals("processing")) {
                queueEmbedding(r, text);
            }
        } catch (Exception e) {
            LOG.warn("could not index resource {}: {}", id, e.toString());
        }
    }

    private void queueEmbedding(Resource r, String text) {
        if (embedding.add(r.id())) {
            embeds.execute(() -> embed(r, text));
        }
    }

    private void embed(Resource r, String text) {
        embedding.remove(r.id());
        try {
            float[] v = embedder.passage(r.meta().title() + "\n" + IndexSchema.metaText(r) + "\n"
                    + r.meta().description() + "\n" + text);
            await(repo.saveVector(r.id(), v));
            changed(r.id());
        } catch (Exception e) {
            LOG.warn("could not embed resource {}: {}", r.id(), e.toString());
        }
    }

    /**
     * Rebuilds the whole index from PostgreSQL; resources whose text was never extracted are sent to extraction
     * again (which reads them from S3). Returns the number of documents.
     */
    public Future<Integer> rebuild() {
        java.util.concurrent.CompletableFuture<Integer> done = new java.util.concurrent.CompletableFuture<>();
        writes.execute(() -> {
            try {
                index.removeAll();
                long after = 0;
                int count = 0;
                while (true) {
                    List<Resource> page = await(repo.page(after, 500));
                    if (page.isEmpty()) {
                        break;
                    }
                    for (Resource r : page) {
                        String text = await(repo.text(r.id()));
                        float[] vector = await(repo.vector(r.id()));
                        index.put(new IndexSchema.Source(r, text, vector));
                        if (!r.status().equals("ready") && text.isEmpty()) {
                            reextract.accept(r.id());
                        } else if (vector == null && embedder != null) {
                            queueEmbedding(r, text);
                        }
                        after = r.id();
                        count++;
                    }
                }
                index.refresh();
                index.commit();
                LOG.info("library index rebuilt: {} documents", count);
                done.complete(count);
            } catch (Exception e) {
                LOG.error("library index rebuild failed", e);
                done.completeExceptionally(e);
            }
        });
        return Future.fromCompletionStage(done);
    }

    /** Searches as {@code p}; blocking, call from a worker. */
    public SearchResult search(Principal p, SearchRequest req) throws java.io.IOException {
        return index.search(p, req, queryVector(req.q()));
    }

    /**
     * The query's embedding, from a small LRU cache keyed by the query text (teachers repeat queries and
     * page through results; embedding costs ~5–20 ms of CPU, more than the Lucene search itself). Null without
     * embeddings or without query parts.
     */
    float[] queryVector(String q) {
        if (embedder == null) {
            return null;
        }
        List<String> parts = LibraryQueries.parts(q);
        if (parts.isEmpty()) {
            return null;
        }
        String key = q.length() > LibraryQueries.MAX_CHARS ? q.substring(0, LibraryQueries.MAX_CHARS) : q;
        synchronized (queryVectors) {
            float[] cached = queryVectors.get(key);
            if (cached != null) {
                return cached;
            }
        }
        float[] v = embedder.query(key);
        if (v != null) {
            synchronized (queryVectors) {
                queryVectors.put(key, v);
            }
        }
        return v;
    }

    public List<Map.Entry<Long, String>> suggest(Principal p, String prefix) throws java.io.IOException {
        return index.suggest(p, prefix, 8);
    }

    public List<Long> related(Principal p, long id) throws Exception {
        return index.related(p, id, await(repo.vector(id)), 6);
    }

    /** Waits until every change queued so far is indexed (tests and the benchmark). */
    public void flush() throws Exception {
        writes.submit(() -> null).get(60, TimeUnit.SECONDS);
    }

    /** Waits until queued embeddings are done and indexed (tests and the benchmark). */
    public void flushEmbeddings() throws Exception {
        embeds.submit(() -> null).get(300, TimeUnit.SECONDS);
        flush();
    }

    static <T> T await(Future<T> f) throws Exception {
        try {
            return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() throws Exception {
        writes.shutdown();
        embeds.shutdownNow();
        writes.awaitTermination(10, TimeUnit.SECONDS);
        index.commit();
        index.close();
    }
}
