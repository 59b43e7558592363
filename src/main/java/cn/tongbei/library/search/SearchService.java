package cn.tongbei.library.search;

import cn.tongbei.access.Principal;
import cn.tongbei.library.ResourceEvents;
import cn.tongbei.library.ResourceRepository;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers searches over this node's index and forwards the library's change hints to its feed. The index is fed
 * from the change log in PostgreSQL ({@link IndexFeed}, one writer thread; changes are searchable right after,
 * near-real-time; commits every two seconds with the log position); {@link #changed}/{@link #removed} only wake
 * the feed up early. Embeddings are computed once per resource by whichever node claims them
 * ({@link EmbeddingWorker}) and stored in PostgreSQL, so a resource is keyword-searchable first and semantically
 * searchable seconds later, on every node.
 */
public final class SearchService implements ResourceEvents, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SearchService.class);

    private final ResourceRepository repo;
    private final LibraryIndex index;
    private final Synonyms synonyms;
    private final Embedder embedder;
    private final IndexFeed feed;
    private final EmbeddingWorker embeddings;
    private final Map<String, float[]> queryVectors = new java.util.LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > 1024;
        }
    };

    public SearchService(ResourceRepository repo, LibraryIndex index, Synonyms synonyms, Embedder embedder,
            IndexFeed feed, EmbeddingWorker embeddings) {
        this.repo = repo;
        this.index = index;
        this.synonyms = synonyms;
        this.embedder = embedder;
        this.feed = feed;
        this.embeddings = embeddings;
    }

    /** Loads dictionaries (SmartChinese, pinyin) on the writer thread, so the first real change is fast. */
    public void warmUp() {
        feed.writer().execute(() -> {
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

    /** The change-log feed of this node's index (status, lag). */
    public IndexFeed feed() {
        return feed;
    }

    /** A hint: the change is in the log already (written by the same transaction); read it now. */
    @Override
    public void changed(long id) {
        feed.wake();
    }

    @Override
    public void removed(long id) {
        feed.wake();
    }

    /** Extraction finished here: read the log now and embed the new text (once, for every node). */
    @Override
    public void extracted(long id) {
        feed.wake();
        if (embeddings != null) {
            embeddings.nudge();
        }
    }

    /** Commits pending changes if any (the feed also does so every two seconds). */
    public void commitIfDirty() {
        feed.commitIfDirty();
    }

    /**
     * Rebuilds this node's index from PostgreSQL; resources whose text was never extracted are sent to extraction
     * again (which reads them from S3). Returns the number of documents.
     */
    public Future<Integer> rebuild() {
        return feed.rebuild();
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

    /** Waits until every change committed so far is indexed (tests and the benchmark). */
    public void flush() throws Exception {
        feed.flush();
    }

    /** Waits until pending embeddings are stored and indexed (tests and the benchmark). */
    public void flushEmbeddings() throws Exception {
        if (embeddings != null) {
            embeddings.flush();
        }
        flush();
    }

    static <T> T await(Future<T> f) throws Exception {
        try {
            return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    @Override
    public void close() throws Exception {
        if (embeddings != null) {
            embeddings.close();
        }
        feed.close();
        index.close();
    }
}
