package cn.tongbei.library.search;

import cn.tongbei.access.Principal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
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

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final FacetsConfig facets = IndexSchema.facetsConfig();
    private final Analyzer analyzer = IndexSchema.analyzer();
    private final LibraryQueries queries;
    private final boolean created;
    private volatile FacetState facetState;
    private float semanticWeight = 4f;

    private record FacetState(IndexReader reader, SortedSetDocValuesReaderState state) {}

    /** Opens (or creates) the index of the current schema version under {@code root}, removing older ones. */
    public LibraryIndex(Path root, Synonyms synonyms) throws IOException {
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
                .setRAMBufferSizeMB(64);
        this.writer = new IndexWriter(directory, config);
        this.searchers = new SearcherManager(writer, null);
        this.queries = new LibraryQueries(analyzer, synonyms);
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
        Document doc = IndexSchema.document(source, facets);
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
            if (queryVector != null) {
                // the strict keyword query decides, before the vector clause is added to the ranking
                return run(searcher, visibility, req, queryVector, !several || anyMatch(searcher, visibility, req,
                        true));
            }
            SearchResult strict = run(searcher, visibility, req, null, true);
            if (strict.total() > 0 || !several || !anyMatch(searcher, visibility, req, false)) {
                return strict;
            }
            return run(searcher, visibility, req, null, false);
        } finally {
            searchers.release(searcher);
        }
    }

    private SearchResult run(IndexSearcher searcher, Query visibility, SearchRequest req, float[] vector,
            boolean requireAll) throws IOException {
        Query keywords = queries.keywords(req.q(), requireAll);
        Query scored = keywords;
        if (vector != null && !LibraryQueries.parts(req.q()).isEmpty()) {
            scored = new BooleanQuery.Builder().add(keywords, Occur.SHOULD)
                    .add(new BoostQuery(new FloatVectorSimilarityQuery(IndexSchema.VECTOR, vector, SEMANTIC_MIN_SCORE,
                            visibility), semanticWeight), Occur.SHOULD)
                    .build();
        }
        Query query = new BooleanQuery.Builder().add(scored, Occur.MUST).add(filters(visibility, req), Occur.FILTER)
                .build();
        int n = Math.min(req.page() * req.size(), SearchRequest.MAX_PAGE * SearchRequest.MAX_SIZE);
        FacetsCollectorManager.FacetsResult found = sort(req.sort()) == null
                ? FacetsCollectorManager.search(searcher, query, n, new FacetsCollectorManager())
                : FacetsCollectorManager.search(searcher, query, n, sort(req.sort()), true,
                        new FacetsCollectorManager());
        TopDocs top = found.topDocs();
        int from = (req.page() - 1) * req.size();
        ScoreDoc[] page = from >= top.scoreDocs.length
                ? new ScoreDoc[0]
                : java.util.Arrays.copyOfRange(top.scoreDocs, from, Math.min(top.scoreDocs.length, from + req.size()));
        List<SearchResult.Hit> hits = hits(searcher, queries.highlight(req.q()), top, page);
        return new SearchResult(top.totalHits.value(), hits, facetCounts(searcher, found, scored, visibility, req));
    }

    /** Whether the keyword query (all parts or any part) matches a visible document; stops at the first hit. */
    private boolean anyMatch(IndexSearcher searcher, Query visibility, SearchRequest req, boolean requireAll)
            throws IOException {
        Query q = new BooleanQuery.Builder().add(queries.keywords(req.q(), requireAll), Occur.MUST)
                .add(filters(visibility, req), Occur.FILTER).build();
        return searcher.search(new ConstantScoreQuery(q), new TopScoreDocCollectorManager(1, 1)).scoreDocs.length > 0;
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

    private List<SearchResult.Hit> hits(IndexSearcher searcher, Query highlight, TopDocs top, ScoreDoc[] page)
            throws IOException {
        if (page.length == 0) {
            return List.of();
        }
        String[] titles = new String[page.length];
        String[] bodies = new String[page.length];
        if (highlight != null) {
            TopDocs pageDocs = new TopDocs(top.totalHits, page);
            UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, analyzer)
                    .withFormatter(new DefaultPassageFormatter("<em>", "</em>", "…", true))
                    .withMaxLength(IndexSchema.STORED_BODY_CHARS).withWeightMatches(false).build();
            Map<String, String[]> hl = highlighter.highlightFields(new String[]{IndexSchema.TITLE_BIGRAMS,
                    IndexSchema.BODY_BIGRAMS}, highlight, pageDocs, new int[]{1, 2});
            titles = hl.get(IndexSchema.TITLE_BIGRAMS);
            bodies = hl.get(IndexSchema.BODY_BIGRAMS);
        }
        List<SearchResult.Hit> hits = new ArrayList<>();
        var stored = searcher.storedFields();
        for (int i = 0; i < page.length; i++) {
            long id = IndexSchema.id(searcher.getIndexReader(), page[i].doc);
            String title = titles[i] != null ? titles[i] : escapedTitle(stored, page[i].doc);
            String body = bodies[i];
            hits.add(new SearchResult.Hit(id, Float.isNaN(page[i].score) ? 0 : page[i].score, title,
                    body == null || body.isBlank() ? List.of() : List.of(body.split("…"))));
        }
        return hits;
    }

    /** The stored title, HTML-escaped like a highlight (for hits matched through pinyin or metadata only). */
    private static String escapedTitle(org.apache.lucene.index.StoredFields stored, int doc) throws IOException {
        String t = stored.document(doc, Set.of(IndexSchema.TITLE_BIGRAMS)).get(IndexSchema.TITLE_BIGRAMS);
        return t == null
                ? null
                : t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                        .replace("\"", "&quot;").replace("'", "&#x27;").replace("/", "&#x2F;");
    }

    /**
     * Facet counts, drill-sideways: a dimension without a filter is counted over the results; a dimension the
     * user filtered on is counted over the results of the same query with every filter but its own (visibility
     * always stays inside), so its other values show how many results picking them instead would give.
     */
    private Map<String, List<SearchResult.FacetCount>> facetCounts(IndexSearcher searcher,
            FacetsCollectorManager.FacetsResult found, Query scored, Query visibility, SearchRequest req)
            throws IOException {
        Map<String, List<SearchResult.FacetCount>> out = new LinkedHashMap<>();
        IndexSchema.FACETS.forEach(dim -> out.put(dim, List.of()));
        SortedSetDocValuesReaderState state = facetState(searcher.getIndexReader());
        if (state == null) {
            return out;
        }
        SortedSetDocValuesFacetCounts drillDown = new SortedSetDocValuesFacetCounts(state, found.facetsCollector());
        for (String dim : IndexSchema.FACETS) {
            SortedSetDocValuesFacetCounts counts = drillDown;
            if (req.filters().containsKey(dim)) {
                Query sideways = new BooleanQuery.Builder().add(new ConstantScoreQuery(scored), Occur.MUST)
                        .add(filters(visibility, req, dim), Occur.FILTER).build();
                counts = new SortedSetDocValuesFacetCounts(state, searcher.search(sideways,
                        new FacetsCollectorManager()));
            }
            try {
                FacetResult r = counts.getTopChildren(50, dim);
                if (r != null) {
                    List<SearchResult.FacetCount> values = new ArrayList<>();
                    for (LabelAndValue lv : r.labelValues) {
                        values.add(new SearchResult.FacetCount(lv.label, lv.value.intValue()));
                    }
                    out.put(dim, values);
                }
            } catch (IllegalArgumentException e) {
                // the dimension has no values in the index yet
            }
        }
        return out;
    }

    private SortedSetDocValuesReaderState facetState(IndexReader reader) throws IOException {
        FacetState current = facetState;
        if (current != null && current.reader() == reader) {
            return current.state();
        }
        try {
            SortedSetDocValuesReaderState state = new DefaultSortedSetDocValuesReaderState(reader, facets);
            facetState = new FacetState(reader, state);
            return state;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Titles completing what the user is typing, among resources they may see. */
    public List<Map.Entry<Long, String>> suggest(Principal p, String prefix, int max) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            Query q = new BooleanQuery.Builder().add(queries.keywords(prefix, true), Occur.MUST)
                    .add(Visibility.filter(p), Occur.FILTER).build();
            TopDocs top = searcher.search(q, max * 3);
            Set<String> seen = new LinkedHashSet<>();
            List<Map.Entry<Long, String>> out = new ArrayList<>();
            var stored = searcher.storedFields();
            for (ScoreDoc sd : top.scoreDocs) {
                Document d = stored.document(sd.doc, Set.of(IndexSchema.ID, IndexSchema.TITLE_BIGRAMS));
                String title = d.get(IndexSchema.TITLE_BIGRAMS);
                if (seen.add(title) && out.size() < max) {
                    out.add(Map.entry(Long.parseLong(d.get(IndexSchema.ID)), title));
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
            Document d = searcher.storedFields().document(self.scoreDocs[0].doc);
            MoreLikeThis mlt = new MoreLikeThis(searcher.getIndexReader());
            mlt.setAnalyzer(analyzer);
            mlt.setFieldNames(new String[]{IndexSchema.TITLE_BIGRAMS, IndexSchema.BODY_BIGRAMS});
            mlt.setMinTermFreq(1);
            mlt.setMinDocFreq(1);
            Query like = mlt.like(IndexSchema.BODY_BIGRAMS, new java.io.StringReader(d.get(IndexSchema.TITLE_BIGRAMS)
                    + "\n" + d.get(IndexSchema.TITLE_BIGRAMS) + "\n" + d.get(IndexSchema.BODY_BIGRAMS)));
            BooleanQuery.Builder scored = new BooleanQuery.Builder().add(like, Occur.SHOULD);
            if (vector != null) {
                scored.add(new BoostQuery(new FloatVectorSimilarityQuery(IndexSchema.VECTOR, vector, SEMANTIC_MIN_SCORE,
                        Visibility.filter(p)), semanticWeight), Occur.SHOULD);
            }
            Query q = new BooleanQuery.Builder().add(scored.build(), Occur.MUST).add(Visibility.filter(p), Occur.FILTER)
                    .add(new TermQuery(new Term(IndexSchema.ID, String.valueOf(id))), Occur.MUST_NOT).build();
            List<Long> out = new ArrayList<>();
            var stored = searcher.storedFields();
            for (ScoreDoc sd : searcher.search(q, max).scoreDocs) {
                out.add(Long.parseLong(stored.document(sd.doc, Set.of(IndexSchema.ID)).get(IndexSchema.ID)));
            }
            return out;
        } finally {
            searchers.release(searcher);
        }
    }

    /** Ids in the index that carry no vector yet (for the embedding worker after a rebuild). */
    public IndexSearcher acquire() throws IOException {
        return searchers.acquire();
    }

    public void release(IndexSearcher s) throws IOException {
        searchers.release(s);
    }

    @Override
    public void close() throws IOException {
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
