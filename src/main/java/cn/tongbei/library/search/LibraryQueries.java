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

    /**
     * The keyword query in the two forms a search needs: {@code match} decides which documents match (every
     * part, or any part when relaxed), {@code scoring} lists every clause that adds to a match's score. A
     * document's score is the sum of its matching scoring clauses, which is what one nested boolean query
     * (parts of clauses) gave, but flat: a ranked search can then skip documents whose matching clauses cannot
     * reach the current top n (MaxScore/WAND over one disjunction), which a conjunction of disjunctions cannot
     * do when every part is found in most documents. {@code match} alone (constant score) counts and facets.
     */
    public record Keywords(Query match, List<Query> scoring) {
        /** Matches as {@code match}, scores as the sum of {@code scoring}; {@code extra} filters the matches. */
        public Query ranked(Query extra) {
            if (scoring.isEmpty()) {
                return extra == null
                        ? match
                        : new BooleanQuery.Builder().add(match, Occur.MUST).add(extra,
                                Occur.FILTER).build();
            }
            // every match has a matching scoring clause, so requiring one changes no match; it makes the
            // disjunction lead the ranked search
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            scoring.forEach(q -> any.add(q, Occur.SHOULD));
            BooleanQuery.Builder b = new BooleanQuery.Builder().add(any.build(), Occur.MUST).add(match, Occur.FILTER);
            if (extra != null) {
                b.add(extra, Occur.FILTER);
            }
            return b.build();
        }
    }

    /** Tells whether a query finds any document the user may see. */
    @FunctionalInterface
    public interface Finds {
        boolean any(Query q);

        /** Without an index to ask: every Chinese part also matches by its sound. */
        Finds NOTHING = q -> false;

        /** Every part as typed finds something: no part matches by its sound. */
        Finds EVERYTHING = q -> true;
    }

    /** The keyword query, every Chinese part also matching by its sound (see the other form). */
    public Keywords keywords(String q, boolean requireAll) {
        return keywords(q, requireAll, Finds.NOTHING);
    }

    /**
     * The keyword query; {@code requireAll} makes every part required (relaxed to any part on no hits). A
     * Chinese part matches by its sound (the pinyin of a homophone typo: 二次涵数 finds 二次函数) only when
     * {@code finds} says its exact clauses find nothing: a word that is there is not a typo, and its
     * homophones (公式 and 攻势) are other words.
     */
    public Keywords keywords(String q, boolean requireAll, Finds finds) {
        List<String> parts = parts(q);
        if (parts.isEmpty()) {
            return new Keywords(new MatchAllDocsQuery(), List.of());
        }
        BooleanQuery.Builder match = new BooleanQuery.Builder();
        List<Query> scoring = new ArrayList<>();
        int added = 0;
        for (String part : parts) {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            List<String> variants = synonyms.variants(part);
            for (int i = 0; i < variants.size(); i++) {
                addVariant(any, scoring, variants.get(i), i == 0);
            }
            BooleanQuery pq = any.build();
            if (variants.stream().anyMatch(ChineseAnalysis::containsHan) && (pq.clauses().isEmpty() || !finds.any(
                    pq))) {
                for (String variant : variants) {
                    addSounds(any, scoring, variant);
                }
                pq = any.build();
            }
            if (!pq.clauses().isEmpty()) {
                match.add(pq, requireAll ? Occur.MUST : Occur.SHOULD);
                added++;
            }
        }
        if (added == 0) {
            return new Keywords(new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.MUST_NOT).build(),
                    List.of());
        }
        Matcher title = BOOK_TITLE.matcher(q.length() > MAX_CHARS ? q.substring(0, MAX_CHARS) : q);
        if (title.find()) {
            Query exact = new TermQuery(new Term(IndexSchema.TITLE_EXACT, IndexSchema.normalizeTitle(title.group(1))));
            // optional when every part is required; one more way to match when any part may
            match.add(exact, Occur.SHOULD);
            scoring.add(new BoostQuery(exact, weights.exactTitle()));
        }
        return new Keywords(match.build(), List.copyOf(scoring));
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

    /**
     * The clauses of one way to write a part. A synonym in Chinese (not what was typed) matches only as itself,
     * its bigram phrase: as SmartChinese words it would match its words anywhere (教学设计, a synonym of 教案, as 教学
     * AND 设计, which nearly every lesson plan has), multiplying matches and the query's cost
     * (docs/library.md, "Synonyms").
     */
    private void addVariant(BooleanQuery.Builder any, List<Query> scoring, String v, boolean asTyped) {
        clause(any, scoring, builder.createPhraseQuery(IndexSchema.TITLE_BIGRAMS, v), weights.titleBigram());
        clause(any, scoring, builder.createPhraseQuery(IndexSchema.META_BIGRAMS, v), weights.metaBigram());
        clause(any, scoring, builder.createPhraseQuery(IndexSchema.BODY_BIGRAMS, v), weights.bodyBigram());
        if (asTyped || !ChineseAnalysis.containsHan(v)) {
            clause(any, scoring, words(IndexSchema.TITLE_WORDS, v), weights.titleWords());
            clause(any, scoring, words(IndexSchema.ALL_WORDS, v), weights.allWords());
        }
        List<String> typed = v.length() >= 2 ? ChineseAnalysis.segmentPinyin(v) : null;
        if (typed != null) {
            clause(any, scoring, phrase(IndexSchema.PINYIN, typed), weights.pinyin());
        }
        if (v.length() >= 2 && v.length() <= 10 && v.chars().allMatch(c -> c >= 'a' && c <= 'z'
                || c >= 'A' && c <= 'Z')) {
            clause(any, scoring, phrase(IndexSchema.INITIALS, v.toLowerCase(java.util.Locale.ROOT).chars()
                    .mapToObj(c -> String.valueOf((char) c)).toList()), weights.initials());
        }
    }

    /** The pinyin of a Chinese variant as a phrase in the pinyin field (titles and metadata). */
    private void addSounds(BooleanQuery.Builder any, List<Query> scoring, String v) {
        if (ChineseAnalysis.containsHan(v)) {
            List<String> sounds = ChineseAnalysis.syllablesOf(v);
            if (sounds.size() >= 2) {
                clause(any, scoring, phrase(IndexSchema.PINYIN, sounds), weights.homophone());
            }
        }
    }

    /**
     * The SmartChinese words of a part, all required; null when the part is cut into several pieces of which one
     * is a single character (七年级 → 七 年 级, 道德与法治 → 道德 与 法 治): such a conjunction finds the characters
     * anywhere in the document (an 八年级 text with a 七 somewhere), which the bigram phrases already match
     * exactly, and its common single characters make it the most expensive clause of the query.
     */
    private Query words(String field, String v) {
        Query q = builder.createBooleanQuery(field, v, Occur.MUST);
        if (q instanceof BooleanQuery b && b.clauses().stream().anyMatch(c -> c.query() instanceof TermQuery t
                && t.getTerm().text().codePointCount(0, t.getTerm().text().length()) < 2)) {
            return null;
        }
        return q;
    }

    /** One way for a part to match: in the part's disjunction, and (boosted) among the scoring clauses. */
    private static void clause(BooleanQuery.Builder any, List<Query> scoring, Query q, float boost) {
        if (q != null) {
            any.add(q, Occur.SHOULD);
            scoring.add(new BoostQuery(q, boost));
        }
    }

    private static Query phrase(String field, List<String> terms) {
        if (terms.size() == 1) {
            return new TermQuery(new Term(field, terms.get(0)));
        }
        return new PhraseQuery(field, terms.toArray(String[]::new));
    }
}
