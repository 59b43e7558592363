package cn.tongbei.library.search;

import java.io.IOException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.DocIdStream;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * Exact facet counts as bit set intersections. A search collects its matches into one bit set per segment;
 * each facet value of a segment (the few 学段, 年级, 学科, 版本, 类型 and school values) is a bit set built once from
 * the postings of its filter term and kept while the segment lives; a value's count is the number of bits the
 * two share ({@link FixedBitSet#intersectionCount}: a popcount over 64 documents at a time). Counting every
 * value of every dimension costs a few microseconds per value however many documents match, where reading each
 * match's facet ordinals costs time per match.
 */
final class FacetBits {
    private final Map<IndexReader.CacheKey, Map<String, Map<String, FixedBitSet>>> segments = new ConcurrentHashMap<>();

    /** The matches of one search, per segment (by the segment's ordinal in the reader). */
    record Matches(FixedBitSet[] perLeaf) {
        long count() {
            long n = 0;
            for (FixedBitSet bits : perLeaf) {
                n += bits == null ? 0 : bits.cardinality();
            }
            return n;
        }
    }

    /** Collects matches into bit sets, without scores. */
    static CollectorManager<Collector, Matches> collector(IndexReader reader) {
        int leaves = reader.leaves().size();
        return new CollectorManager<>() {
            @Override
            public Collector newCollector() {
                return new MatchCollector(new FixedBitSet[leaves]);
            }

            @Override
            public Matches reduce(Collection<Collector> collectors) {
                FixedBitSet[] all = new FixedBitSet[leaves];
                for (Collector c : collectors) {
                    FixedBitSet[] some = ((MatchCollector) c).perLeaf;
                    for (int i = 0; i < leaves; i++) {
                        if (some[i] != null) {
                            all[i] = some[i];
                        }
                    }
                }
                return new Matches(all);
            }
        };
    }

    /** Counts per value of each dimension among the matches: highest first, then by value; zeros left out. */
    Map<String, List<SearchResult.FacetCount>> count(IndexReader reader, Matches matches, List<String> dims, int top)
            throws IOException {
        Map<String, List<SearchResult.FacetCount>> out = new LinkedHashMap<>();
        for (String dim : dims) {
            Map<String, Integer> counts = new HashMap<>();
            for (LeafReaderContext leaf : reader.leaves()) {
                FixedBitSet matched = matches.perLeaf()[leaf.ord];
                if (matched == null) {
                    continue;
                }
                for (Map.Entry<String, FixedBitSet> value : values(leaf.reader(), dim).entrySet()) {
                    int n = (int) FixedBitSet.intersectionCount(matched, value.getValue());
                    if (n > 0) {
                        counts.merge(value.getKey(), n, Integer::sum);
                    }
                }
            }
            out.put(dim, counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(top).map(e -> new SearchResult.FacetCount(e.getKey(), e.getValue())).toList());
        }
        return out;
    }

    /** The value bit sets of one dimension in one segment, built on first use and dropped with the segment. */
    private Map<String, FixedBitSet> values(LeafReader leaf, String dim) throws IOException {
        IndexReader.CacheHelper helper = leaf.getCoreCacheHelper();
        if (helper == null) {
            return build(leaf, dim);
        }
        Map<String, Map<String, FixedBitSet>> dims = segments.computeIfAbsent(helper.getKey(), key -> {
            helper.addClosedListener(segments::remove);
            return new ConcurrentHashMap<>();
        });
        Map<String, FixedBitSet> values = dims.get(dim);
        if (values == null) {
            values = build(leaf, dim);
            dims.put(dim, values);
        }
        return values;
    }

    private static Map<String, FixedBitSet> build(LeafReader leaf, String dim) throws IOException {
        Map<String, FixedBitSet> values = new HashMap<>();
        Terms terms = leaf.terms(IndexSchema.FILTER_PREFIX + dim);
        if (terms == null) {
            return values;
        }
        TermsEnum te = terms.iterator();
        PostingsEnum postings = null;
        for (BytesRef term = te.next(); term != null; term = te.next()) {
            FixedBitSet bits = new FixedBitSet(leaf.maxDoc());
            postings = te.postings(postings, PostingsEnum.NONE);
            for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                bits.set(doc);
            }
            values.put(term.utf8ToString(), bits);
        }
        return values;
    }

    /** Number of segments with cached value bit sets (for tests). */
    int cachedSegments() {
        return segments.size();
    }

    private static final class MatchCollector implements Collector {
        private final FixedBitSet[] perLeaf;

        MatchCollector(FixedBitSet[] perLeaf) {
            this.perLeaf = perLeaf;
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) {
            FixedBitSet bits = new FixedBitSet(context.reader().maxDoc());
            perLeaf[context.ord] = bits;
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {}

                @Override
                public void collect(int doc) {
                    bits.set(doc);
                }

                @Override
                public void collect(DocIdStream stream) throws IOException {
                    stream.forEach(bits::set);
                }
            };
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}
