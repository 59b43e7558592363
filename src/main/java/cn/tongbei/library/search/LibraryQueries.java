package cn.tongbei.library.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.QueryBuilder;

/**
 * Turns what a teacher types into a Lucene query, without a query parser (so {@code + - ( ) : * ?} and the
 * like are plain text and never an error). Whitespace separates parts; each part must match somewhere: as a
 * phrase of bigrams in the title, metadata or content (partial words), as SmartChinese words, or through
 * pinyin (typed letters, initials, or the pinyin of Chinese with a homophone typo). A title in 《》 also
 * matches the exact title, which ranks it first. Over-long input is cut, not refused.
 */
public final class LibraryQueries {
    static final int MAX_CHARS = 200;
    static final int MAX_PARTS = 12;
    private static final Pattern BOOK_TITLE = Pattern.compile("《([^《》]{1,100})》");

    private final QueryBuilder builder;
    private final Synonyms synonyms;

    /** Per-field weights, tuned on the relevance set (docs/search-quality.md). */
    record Weights(float titleBigram, float metaBigram, float bodyBigram, float titleWords, float allWords,
            float pinyin, float initials, float homophone, float exactTitle) {
        static final Weights DEFAULT = new Weights(6, 4, 1, 3, 0.5f, 3, 2, 1, 30);
    }

    private final Weights weights;

    public LibraryQueries(Analyzer analyzer, Synonyms synonyms) {
        this(analyzer, synonyms, Weights.DEFAULT);
    }

    LibraryQueries(Analyzer analyzer, Synonyms synonyms, Weights weights) {
        this.builder = new QueryBuilder(analyzer);
        this.synonyms = synonyms;
        this.weights = weights;
    }

    /** The parts of a query as the search will use them (cut to the limits). */
    static List<String> parts(String q) {
        String cut = q == null ? "" : q.strip();
        if (cut.length() > MAX_CHARS) {
            cut = cut.substring(0, MAX_CHARS);
        }
        cut = cut.replaceAll("[《》〈〉]", " ");
        List<String> parts = new ArrayList<>(Arrays.stream(cut.split("[\\s\\u3000,，、;；]+"))
                .filter(s -> !s.isBlank()).limit(MAX_PARTS).toList());
        return parts;
    }

    /** The keyword query; {@code requireAll} makes every part required (relaxed to any part on no hits). */
    public Query keywords(String q, boolean requireAll) {
        List<String> parts = parts(q);
        if (parts.isEmpty()) {
            return new MatchAllDocsQuery();
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        int added = 0;
        for (String part : parts) {
            Query pq = part(part);
            if (pq != null) {
                all.add(pq, requireAll ? Occur.MUST : Occur.SHOULD);
                added++;
            }
        }
        Matcher title = BOOK_TITLE.matcher(q.length() > MAX_CHARS ? q.substring(0, MAX_CHARS) : q);
        if (title.find()) {
            all.add(new BoostQuery(new TermQuery(new Term(IndexSchema.TITLE_EXACT, IndexSchema.normalizeTitle(
                    title.group(1)))), weights.exactTitle()), Occur.SHOULD);
        }
        if (added == 0) {
            return new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.MUST_NOT).build();
        }
        return all.build();
    }

    /**
     * What the highlighter looks for: the bigram phrases of each part (and its synonyms) in the two highlighted
     * fields only. Highlighting with the full query made the highlighter evaluate every clause (words, pinyin,
     * visibility, facet filters) per hit and field: ~70 % of a search's CPU time.
     */
    public Query highlight(String q) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        int n = 0;
        for (String part : parts(q)) {
            for (String v : synonyms.variants(part)) {
                for (String field : List.of(IndexSchema.TITLE_BIGRAMS, IndexSchema.BODY_BIGRAMS)) {
                    Query pq = builder.createPhraseQuery(field, v);
                    if (pq != null && n < 200) {
                        b.add(pq, Occur.SHOULD);
                        n++;
                    }
                }
            }
        }
        return n == 0 ? null : b.build();
    }

    private Query part(String part) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        int n = 0;
        for (String variant : synonyms.variants(part)) {
            n += addVariant(any, variant) ? 1 : 0;
        }
        return n == 0 ? null : any.build();
    }

    private boolean addVariant(BooleanQuery.Builder any, String v) {
        int before = any.build().clauses().size();
        should(any, builder.createPhraseQuery(IndexSchema.TITLE_BIGRAMS, v), weights.titleBigram());
        should(any, builder.createPhraseQuery(IndexSchema.META_BIGRAMS, v), weights.metaBigram());
        should(any, builder.createPhraseQuery(IndexSchema.BODY_BIGRAMS, v), weights.bodyBigram());
        should(any, builder.createBooleanQuery(IndexSchema.TITLE_WORDS, v, Occur.MUST), weights.titleWords());
        should(any, builder.createBooleanQuery(IndexSchema.ALL_WORDS, v, Occur.MUST), weights.allWords());
        List<String> typed = v.length() >= 2 ? ChineseAnalysis.segmentPinyin(v) : null;
        if (typed != null) {
            should(any, phrase(IndexSchema.PINYIN, typed), weights.pinyin());
        }
        if (v.length() >= 2 && v.length() <= 10 && v.chars().allMatch(c -> c >= 'a' && c <= 'z'
                || c >= 'A' && c <= 'Z')) {
            should(any, phrase(IndexSchema.INITIALS, v.toLowerCase(java.util.Locale.ROOT).chars()
                    .mapToObj(c -> String.valueOf((char) c)).toList()), weights.initials());
        }
        if (ChineseAnalysis.containsHan(v)) {
            List<String> sounds = ChineseAnalysis.syllablesOf(v);
            if (sounds.size() >= 2) {
                should(any, phrase(IndexSchema.PINYIN, sounds), weights.homophone());
            }
        }
        return any.build().clauses().size() > before;
    }

    private static void should(BooleanQuery.Builder b, Query q, float boost) {
        if (q != null) {
            b.add(new BoostQuery(q, boost), Occur.SHOULD);
        }
    }

    private static Query phrase(String field, List<String> terms) {
        if (terms.size() == 1) {
            return new TermQuery(new Term(field, terms.get(0)));
        }
        return new PhraseQuery(field, terms.toArray(String[]::new));
    }
}
