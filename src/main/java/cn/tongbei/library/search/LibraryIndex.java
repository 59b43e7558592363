package cn.tongbei.library.search;

import cn.tongbei.access.Principal;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FloatVectorSimilarityQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The Lucene index of the library: one writer (callers serialise writes on one thread), near-real-time
 * readers refreshed after each change, searches with the visibility filter inside the query, facet counts,
 * highlighting, suggestions and more-like-this. Blocking: call it from worker threads only.
 */
public final class LibraryIndex implements AutoCloseable {
    /** Cosine similarity (as Lucene's (1 + cos) / 2 score) a vector match needs to count as semantic. */
    static final float SEMANTIC_MIN_SCORE = 0.80f;
    /**
     * Segments per tier of the merge policy (Lucene's default is 10). Every clause of a query looks its terms up
     * and builds its scorer in every segment: with ~45 clauses (two parts with their synonyms) that setup grows
     * with the segment count (100,000 documents, one thread: p50/p99 6.8/18.7 ms on 5 segments, 5.8/12.2 ms after
     * merging them into one), so the index is kept in fewer, larger segments at the price of more merging while
     * indexing (the benchmark's bulk loads ended with 7–9 segments instead of 5–12; indexing rate unchanged within
     * run-to-run noise).
     */
    static final int SEGMENTS_PER_TIER = 4;
    /**
     * Segments smaller than this count as this large when the merge policy picks merges (Lucene's default is 16 MB),
     * so a library of up to a few GB is kept in a few segments instead of tiers of small ones: per-search setup
     * (term lookups and a postings enum per clause and segment) was most of a search's CPU and allocation. The
     * benchmark's 100,000 documents ended in 2 segments instead of 7–9: raw p50/p99 2.3/5.0 ms instead of
     * 3.1–4.4/8.1–23.5 in the same session, indexing rate within noise
     * (docs/benchmarks-library.md, "Session 5").
     */
    static final double FLOOR_SEGMENT_MB = 256;
    /** Values listed per facet dimension. */
    static final int FACET_VALUES = 50;

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Analyzer analyzer = IndexSchema.analyzer();
    private final LibraryQueries queries;
    private final boolean created;
    private final FacetBits facetBits = new FacetBits();
    /**
     * Helps searches: runs a search's count and facet pass next to its ranked pass, and half of its highlights
     * (searchThreads - 1 daemon threads; none for one thread). A task no helper has started when the searching
     * thread needs its result is run by that thread, so a busy pool never makes a search wait.
     */
    private final ExecutorService helpers;
    private float semanticWeight = 4f;

    /** Opens (or creates) the index of the current schema version under {@code root}, removing older ones. */
    public LibraryIndex(Path root, Synonyms synonyms) throws IOException {
        this(root, synonyms, 2);
    }

    /** As above; one search uses up to {@code searchThreads} threads (library.searchThreads). */
    public LibraryIndex(Path root, Synonyms synonyms, int searchThreads) throws IOException {
        Path dir = root.resolve("index-v" + IndexSchema.VERSION);
        Files.createDirectories(root);
        try (var old = Files.list(root)) {
            for (Path p : old.filter(p -> p.getFileName().toString().startsWith("index-v") && !p.equals(dir))
                    .toList()) {
                deleteTree(p);
            }
        }
        this.created = !Files.exists(dir) || isEmpty(dir);
        this.directory = FSDirectory.open(dir);
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(64)
                .setMergePolicy(new TieredMergePolicy().setSegmentsPerTier(SEGMENTS_PER_TIER)
                        .setFloorSegmentMB(FLOOR_SEGMENT_MB));
        this.writer = new IndexWriter(directory, config);
        this.searchers = new SearcherManager(writer, null);
        this.queries = new LibraryQueries(analyzer, synonyms);
        this.helpers = searchThreads > 1
                ? Executors.newFixedThreadPool(searchThreads - 1, Thread.ofPlatform().name("tongbei-search-", 0)
                        .daemon().factory())
                : null;
    }

    /** True when the index was created empty at open (a new schema version): rebuild it from PostgreSQL. */
    public boolean createdEmpty() {
        return created;
    }

    public void setSemanticWeight(float weight) {
        this.semanticWeight = weight;
    }

    /** Adds or replaces one resource's document. */
    public void put(IndexSchema.Source source) throws IOException {
        Document doc = IndexSchema.document(source);
        writer.updateDocument(new Term(IndexSchema.ID, String.valueOf(source.resource().id())), doc);
    }

    public void remove(long id) throws IOException {
        writer.deleteDocuments(new Term(IndexSchema.ID, String.valueOf(id)));
    }

    public void removeAll() throws IOException {
        writer.deleteAll();
    }

    /** Makes changes visible to searches (near-real-time, no fsync). */
    public void refresh() throws IOException {
        searchers.maybeRefreshBlocking();
    }

    /** Merges the index into one segment (tests). */
    void forceMerge() throws IOException {
        writer.forceMerge(1);
    }

    /** Runs {@code work} with the searcher searches use now (tests). */
    <T> T withSearcher(org.apache.lucene.util.IOFunction<IndexSearcher, T> work) throws IOException {
        IndexSearcher s = searchers.acquire();
        try {
            return work.apply(s);
        } finally {
            searchers.release(s);
        }
    }

    /** Segments with cached facet value bit sets (tests). */
    int facetSegmentsCached() {
        return facetBits.cachedSegments();
    }

    /** Waits for the merges running in the background (a bulk load's steady state; the benchmark). */
    public void awaitMerges() {
        if (writer.getConfig().getMergeScheduler() instanceof org.apache.lucene.index.ConcurrentMergeScheduler cms) {
            cms.sync();
        }
    }

    /** Segments searches read now. */
    public int segments() throws IOException {
        return withSearcher(s -> s.getIndexReader().leaves().size());
    }

    /** Makes changes durable. */
    public void commit() throws IOException {
        writer.commit();
    }

    /** Makes changes durable with {@code data} (e.g. the applied change-log position) as the commit's user data. */
    public void commit(Map<String, String> data) throws IOException {
        writer.setLiveCommitData(data.entrySet());
        writer.commit();
    }

    /** The user data of the last commit (empty for a new index). */
    public Map<String, String> commitData() {
        Map<String, String> out = new LinkedHashMap<>();
        Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
        if (data != null) {
            data.forEach(e -> out.put(e.getKey(), e.getValue()));
        }
        return out;
    }

    public long sizeOnDisk() throws IOException {
        long total = 0;
        for (String f : directory.listAll()) {
            total += directory.fileLength(f);
        }
        return total;
    }

    public int count() throws IOException {
        IndexSearcher s = searchers.acquire();
        try {
            return s.getIndexReader().numDocs();
        } finally {
            searchers.release(s);
        }
    }

    /** Searches with the user's visibility filter inside the query. */
    public SearchResult search(Principal p, SearchRequest req, float[] queryVector) throws IOException {
        return search(Visibility.filter(p), req, queryVector);
    }

    SearchResult search(Query visibility, SearchRequest req, float[] queryVector) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            // every part must match; only when no document has them all (several parts) may any part match
            boolean several = LibraryQueries.parts(req.q()).size() > 1;
            // asked once per part and search, however many of the passes below build the keyword query
            Map<Query, Boolean> asked = new HashMap<>();
            LibraryQueries.Finds finds = exact -> asked.computeIfAbsent(exact, q -> finds(searcher, q, visibility));
            if (queryVector != null) {
                // the strict keyword query decides, before the vector clause is added to the ranking
                return run(searcher, visibility, req, queryVector, !several || anyMatch(searcher, visibility, req,
                        true, finds), finds);
            }
            // first as typed: when it finds something, every part found a visible document as typed, so none is
            // taken for a homophone typo and asking the index about each part would change nothing
            SearchResult strict = run(searcher, visibility, req, null, true, LibraryQueries.Finds.EVERYTHING);
            if (strict.total() > 0) {
                return strict;
            }
            if (!queries.keywords(req.q(), true, finds).equals(queries.keywords(req.q(), true,
                    LibraryQueries.Finds.EVERYTHING))) {
                strict = run(searcher, visibility, req, null, true, finds);
            }
            if (strict.total() > 0 || !several || !anyMatch(searcher, visibility, req, false, finds)) {
                return strict;
            }
            return run(searcher, visibility, req, null, false, finds);
        } finally {
            searchers.release(searcher);
        }
    }

    private SearchResult run(IndexSearcher searcher, Query visibility, SearchRequest req, float[] vector,
            boolean requireAll, LibraryQueries.Finds finds) throws IOException {
        LibraryQueries.Keywords keywords = queries.keywords(req.q(), requireAll, finds);
        Query match = keywords.match();
        Query query;
        if (vector != null && !LibraryQueries.parts(req.q()).isEmpty()) {
            // a semantic match is one more way to match and one more score (keyword scores count only when the
            // keywords match)
            Query semantic = new FloatVectorSimilarityQuery(IndexSchema.VECTOR, vector, SEMANTIC_MIN_SCORE,
                    visibility);
            query = new BooleanQuery.Builder().add(new BooleanQuery.Builder().add(keywords.ranked(null), Occur.SHOULD)
                    .add(new BoostQuery(semantic, semanticWeight), Occur.SHOULD).build(), Occur.MUST)
                    .add(filters(visibility, req), Occur.FILTER).build();
            match = new BooleanQuery.Builder().add(match, Occur.SHOULD).add(semantic, Occur.SHOULD).build();
        } else {
            // flat (one conjunction led by the scoring disjunction): the ranked search can skip
            query = keywords.ranked(filters(visibility, req));
        }
        Query matchQuery = match;
        Query matching = new BooleanQuery.Builder().add(match, Occur.MUST).add(filters(visibility, req), Occur.FILTER)
                .build();
        int n = Math.min(req.page() * req.size(), SearchRequest.MAX_PAGE * SearchRequest.MAX_SIZE);
        // two passes over the same reader: the ranked page (and its highlights), where the scorer may skip
        // documents that cannot enter the top n (MaxScore/WAND), and the exact count with the facet counts, where a
        // match is only verified (the first clause that matches decides). With helper threads the count runs on
        // one of them meanwhile; otherwise (or when none has started it) this thread runs it after the page.
        FutureTask<Counted> counting = new FutureTask<>(() -> {
            FacetBits.Matches found = searcher.search(matching, FacetBits.collector(searcher.getIndexReader()));
            return new Counted(found.count(), facetCounts(searcher, found, matchQuery, visibility, req));
        });
        help(counting);
        List<SearchResult.Hit> hits;
        try {
            Sort sort = sort(req.sort());
            TopDocs top = sort == null
                    ? searcher.search(query, new TopScoreDocCollectorManager(n, n))
                    : searcher.search(query, n, sort, true);
            int from = (req.page() - 1) * req.size();
            ScoreDoc[] page = from >= top.scoreDocs.length
                    ? new ScoreDoc[0]
                    : Arrays.copyOfRange(top.scoreDocs, from, Math.min(top.scoreDocs.length, from + req
                            .size()));
            List<Long> ids = new ArrayList<>(page.length);
            for (ScoreDoc d : page) {
                ids.add(IndexSchema.id(searcher.getIndexReader(), d.doc));
            }
            hits = hits(searcher, queries.highlight(req.q()), top, page, ids);
        } finally {
            counting.run();
        }
        Counted counted = await(counting);
        return new SearchResult(counted.total(), hits, counted.facets());
    }

    /** Hands a task to a helper thread, if there are any (else the searching thread runs it when it needs it). */
    private void help(FutureTask<?> task) {
        if (helpers != null) {
            helpers.execute(task);
        }
    }

    private record Counted(long total, Map<String, List<SearchResult.FacetCount>> facets) {}

    /** The task's result once it is done (the searcher stays acquired until then). */
    private static <T> T await(FutureTask<T> task) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("search interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Whether the keyword query (all parts or any part) matches a visible document; stops at the first hit. */
    private boolean anyMatch(IndexSearcher searcher, Query visibility, SearchRequest req, boolean requireAll,
            LibraryQueries.Finds finds) {
        return finds(searcher, queries.keywords(req.q(), requireAll, finds).match(), filters(visibility, req));
    }

    /** Whether {@code q} matches a document {@code filter} lets through (at least visibility); stops at the first. */
    private static boolean finds(IndexSearcher searcher, Query q, Query filter) {
        try {
            return searcher.search(new ConstantScoreQuery(new BooleanQuery.Builder().add(q, Occur.MUST)
                    .add(filter, Occur.FILTER).build()),
                    new TopScoreDocCollectorManager(1, 1)).scoreDocs.length > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Visibility and the facet filters the user picked, as one filter. */
    private static Query filters(Query visibility, SearchRequest req) {
        return filters(visibility, req, null);
    }

    /** Visibility and the picked facet filters except the one on {@code without} (drill-sideways). */
    private static Query filters(Query visibility, SearchRequest req, String without) {
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(visibility, Occur.FILTER);
        req.filters().forEach((dim, value) -> {
            if (!dim.equals(without)) {
                b.add(new TermQuery(new Term(IndexSchema.FILTER_PREFIX + dim, value)), Occur.FILTER);
            }
        });
        return b.build();
    }

    private static Sort sort(String sort) {
        return switch (sort == null ? "relevance" : sort) {
            case "newest" -> new Sort(new SortField(IndexSchema.CREATED, SortField.Type.LONG, true));
            case "downloads" -> new Sort(new SortField(IndexSchema.DOWNLOADS, SortField.Type.LONG, true),
                    SortField.FIELD_SCORE);
            case "rating" -> new Sort(new SortField(IndexSchema.RATING, SortField.Type.LONG, true),
                    SortField.FIELD_SCORE);
            default -> null;
        };
    }

    private List<SearchResult.Hit> hits(IndexSearcher searcher, Query highlight, TopDocs top, ScoreDoc[] page,
            List<Long> ids) throws IOException {
        if (page.length == 0) {
            return List.of();
        }
        String[][] found = highlight == null
                ? new String[][]{new String[page.length], new String[page.length]}
                : highlights(searcher, highlight, top, page);
        List<SearchResult.Hit> hits = new ArrayList<>();
        for (int i = 0; i < page.length; i++) {
            long id = ids.get(i);
            String title = found[0][i] != null ? found[0][i] : escapedTitle(searcher.getIndexReader(), page[i].doc);
            String body = found[1][i];
            hits.add(new SearchResult.Hit(id, Float.isNaN(page[i].score) ? 0 : page[i].score, title,
                    body == null || body.isBlank() ? List.of() : List.of(body.split("…")), IndexSchema.summary(
                            searcher.getIndexReader(), page[i].doc)));
        }
        return hits;
    }

    /** The page's highlights; with helper threads the first half is done on one while this thread does the rest. */
    private String[][] highlights(IndexSearcher searcher, Query highlight, TopDocs top, ScoreDoc[] page)
            throws IOException {
        int half = page.length / 2;
        if (helpers == null || half == 0) {
            return highlight(searcher, highlight, top, page);
        }
        FutureTask<String[][]> first = new FutureTask<>(() -> highlight(searcher, highlight, top, Arrays
                .copyOfRange(page, 0, half)));
        help(first);
        String[][] second;
        try {
            second = highlight(searcher, highlight, top, Arrays.copyOfRange(page, half, page.length));
        } finally {
            first.run();
        }
        String[][] firstHalf = await(first);
        String[][] found = {new String[page.length], new String[page.length]};
        for (int f = 0; f < 2; f++) {
            System.arraycopy(firstHalf[f], 0, found[f], 0, half);
            System.arraycopy(second[f], 0, found[f], half, page.length - half);
        }
        return found;
    }

    /** Title (one passage) and body (two passages) highlights of some hits, in their order. */
    private String[][] highlight(IndexSearcher searcher, Query highlight, TopDocs top, ScoreDoc[] docs)
            throws IOException {
        UnifiedHighlighter.Builder builder = UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(new DefaultPassageFormatter("<em>", "</em>", "…", true))
                .withMaxLength(IndexSchema.STORED_BODY_CHARS).withWeightMatches(false)
                .withScorer(new LeanPassageScorer());
        UnifiedHighlighter highlighter = new UnifiedHighlighter(builder) {
            @Override
            protected OffsetSource getOffsetSource(String field) {
                // both highlighted fields are indexed with offsets (IndexSchema.HIGHLIGHTED): no need to look
                // the field up in the merged field infos of every segment for each call
                return OffsetSource.POSTINGS;
            }

            @Override
            protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator docs, int cacheChars)
                    throws IOException {
                // the texts are doc values (IndexSchema.TITLE_TEXT, BODY_TEXT), not stored fields
                List<CharSequence[]> values = new ArrayList<>();
                for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                    CharSequence[] texts = new CharSequence[fields.length];
                    for (int f = 0; f < fields.length; f++) {
                        texts[f] = IndexSchema.text(searcher.getIndexReader(), doc, fields[f]);
                    }
                    values.add(texts);
                }
                return values;
            }
        };
        Map<String, String[]> hl = highlighter.highlightFields(new String[]{IndexSchema.TITLE_BIGRAMS,
                IndexSchema.BODY_BIGRAMS}, highlight, new TopDocs(top.totalHits, docs), new int[]{1, 2});
        return new String[][]{hl.get(IndexSchema.TITLE_BIGRAMS), hl.get(IndexSchema.BODY_BIGRAMS)};
    }

    /** The stored title, HTML-escaped like a highlight (for hits matched through pinyin or metadata only). */
    private static String escapedTitle(IndexReader reader, int doc) throws IOException {
        String t = IndexSchema.text(reader, doc, IndexSchema.TITLE_BIGRAMS);
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#x27;").replace("/", "&#x2F;");
    }

    /**
     * Facet counts, drill-sideways: a dimension without a filter is counted over the results; a dimension the
     * user filtered on is counted over the results of the same query with every filter but its own (visibility
     * always stays inside), so its other values show how many results picking them instead would give.
     */
    private Map<String, List<SearchResult.FacetCount>> facetCounts(IndexSearcher searcher, FacetBits.Matches matches,
            Query match, Query visibility, SearchRequest req) throws IOException {
        IndexReader reader = searcher.getIndexReader();
        Map<String, List<SearchResult.FacetCount>> out = facetBits.count(reader, matches, IndexSchema.FACETS,
                FACET_VALUES);
        for (String dim : IndexSchema.FACETS) {
            if (req.filters().containsKey(dim)) {
                Query sideways = new BooleanQuery.Builder().add(match, Occur.MUST)
                        .add(filters(visibility, req, dim), Occur.FILTER).build();
                out.putAll(facetBits.count(reader, searcher.search(sideways, FacetBits.collector(reader)), List.of(
                        dim), FACET_VALUES));
            }
        }
        return out;
    }

    /** Titles completing what the user is typing, among resources they may see. */
    public List<Map.Entry<Long, String>> suggest(Principal p, String prefix, int max) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            Query visibility = Visibility.filter(p);
            Query q = queries.keywords(prefix, true, exact -> finds(searcher, exact, visibility)).ranked(visibility);
            TopDocs top = searcher.search(q, max * 3);
            Set<String> seen = new LinkedHashSet<>();
            List<Map.Entry<Long, String>> out = new ArrayList<>();
            IndexReader reader = searcher.getIndexReader();
            for (ScoreDoc sd : top.scoreDocs) {
                String title = IndexSchema.text(reader, sd.doc, IndexSchema.TITLE_BIGRAMS);
                if (seen.add(title) && out.size() < max) {
                    out.add(Map.entry(IndexSchema.id(reader, sd.doc), title));
                }
            }
            return out;
        } finally {
            searchers.release(searcher);
        }
    }

    /** Resources like {@code id} (more-like-this on words, plus its vector when present), visible to the user. */
    public List<Long> related(Principal p, long id, float[] vector, int max) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            TopDocs self = searcher.search(new TermQuery(new Term(IndexSchema.ID, String.valueOf(id))), 1);
            if (self.scoreDocs.length == 0) {
                return List.of();
            }
            IndexReader reader = searcher.getIndexReader();
            String title = IndexSchema.text(reader, self.scoreDocs[0].doc, IndexSchema.TITLE_BIGRAMS);
            MoreLikeThis mlt = new MoreLikeThis(searcher.getIndexReader());
            mlt.setAnalyzer(analyzer);
            mlt.setFieldNames(new String[]{IndexSchema.TITLE_BIGRAMS, IndexSchema.BODY_BIGRAMS});
            mlt.setMinTermFreq(1);
            mlt.setMinDocFreq(1);
            Query like = mlt.like(IndexSchema.BODY_BIGRAMS, new java.io.StringReader(title + "\n" + title + "\n"
                    + IndexSchema.text(reader, self.scoreDocs[0].doc, IndexSchema.BODY_BIGRAMS)));
            BooleanQuery.Builder scored = new BooleanQuery.Builder().add(like, Occur.SHOULD);
            if (vector != null) {
                scored.add(new BoostQuery(new FloatVectorSimilarityQuery(IndexSchema.VECTOR, vector, SEMANTIC_MIN_SCORE,
                        Visibility.filter(p)), semanticWeight), Occur.SHOULD);
            }
            Query q = new BooleanQuery.Builder().add(scored.build(), Occur.MUST).add(Visibility.filter(p), Occur.FILTER)
                    .add(new TermQuery(new Term(IndexSchema.ID, String.valueOf(id))), Occur.MUST_NOT).build();
            List<Long> out = new ArrayList<>();
            for (ScoreDoc sd : searcher.search(q, max).scoreDocs) {
                out.add(IndexSchema.id(reader, sd.doc));
            }
            return out;
        } finally {
            searchers.release(searcher);
        }
    }

    /** The searcher searches use now; give it back with {@link #release}. */
    public IndexSearcher acquire() throws IOException {
        return searchers.acquire();
    }

    public void release(IndexSearcher s) throws IOException {
        searchers.release(s);
    }

    @Override
    public void close() throws IOException {
        if (helpers != null) {
            helpers.shutdown();
        }
        searchers.close();
        writer.close();
        directory.close();
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.noneMatch(f -> f.getFileName().toString().startsWith("segments"));
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (var walk = Files.walk(p)) {
            for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static DirectoryReader open(Directory d) throws IOException {
        return DirectoryReader.open(d);
    }
}
