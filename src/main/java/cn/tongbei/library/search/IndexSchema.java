package cn.tongbei.library.search;

import cn.tongbei.library.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;

/**
 * The index's documents: one per resource, its field names and analyzers. Changing anything here means
 * raising {@link #VERSION}; an index of another version is rebuilt automatically at start.
 */
public final class IndexSchema {
    /** Raise on every change to fields or analysis. */
    public static final int VERSION = 5;

    static final String ID = "id";
    /** The id again as a doc value: hits read it without decompressing a stored-fields block. */
    static final String ID_VALUE = "id_dv";
    static final String OWNER = "owner";
    static final String GROUP = "group";
    static final String SCHOOL = "school";
    static final String VISIBILITY = "vis";
    static final String REVIEW = "review";
    static final String TITLE_WORDS = "title_w";
    static final String TITLE_BIGRAMS = "title_b";
    static final String TITLE_EXACT = "title_exact";
    static final String META_BIGRAMS = "meta_b";
    /**
     * The title and the (cut) body text as doc values, for highlighting, suggestions and more-like-this: read in
     * place, where a stored field decompressed an LZ4 block (with its preset dictionary) for every hit — a third
     * of highlighting a page.
     */
    static final String TITLE_TEXT = "title_text";
    static final String BODY_TEXT = "body_text";
    /**
     * The resource's summary ({@link Resource#summary()}) as encoded JSON: a page of hits is answered from the
     * index alone, as fresh as the index (every change to a resource, its counters, its owner's name or its school's
     * name is in the change log each node applies).
     */
    static final String SUMMARY = "summary";
    static final String BODY_BIGRAMS = "body_b";
    static final String ALL_WORDS = "all_w";
    static final String PINYIN = "py";
    static final String INITIALS = "py_ini";
    static final String CREATED = "created";
    static final String DOWNLOADS = "downloads";
    static final String RATING = "rating";
    static final String VECTOR = "vec";
    static final String FILTER_PREFIX = "f_";

    /** Facet dimensions, as the API names them. */
    public static final List<String> FACETS = List.of("stage", "grade", "subject", "edition", "type", "school");

    /** Body text kept for highlighting and more-like-this is cut here. */
    static final int STORED_BODY_CHARS = 20_000;

    /**
     * Analysed text with offsets in the postings: the UnifiedHighlighter reads match offsets from the index instead
     * of analysing each hit's text again (the text itself is in {@link #TITLE_TEXT} / {@link #BODY_TEXT}).
     */
    static final FieldType HIGHLIGHTED = frozen(false, IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);

    /** The catch-all SmartChinese field is only searched as a bag of words (no phrases): no positions. */
    static final FieldType WORD_BAG = frozen(false, IndexOptions.DOCS_AND_FREQS);

    private IndexSchema() {}

    /** The resource id of a document (top-level doc id), from its doc value. */
    static long id(org.apache.lucene.index.IndexReader reader, int doc) throws java.io.IOException {
        var leaf = leaf(reader, doc);
        var values = org.apache.lucene.index.DocValues.getNumeric(leaf.reader(), ID_VALUE);
        if (!values.advanceExact(doc - leaf.docBase)) {
            throw new IllegalStateException("document without id");
        }
        return values.longValue();
    }

    /** The text kept for a highlighted field ({@link #TITLE_BIGRAMS} or {@link #BODY_BIGRAMS}) of a document. */
    static String text(org.apache.lucene.index.IndexReader reader, int doc, String highlighted)
            throws java.io.IOException {
        var leaf = leaf(reader, doc);
        var values = org.apache.lucene.index.DocValues.getBinary(leaf.reader(), highlighted.equals(TITLE_BIGRAMS)
                ? TITLE_TEXT
                : BODY_TEXT);
        return values.advanceExact(doc - leaf.docBase) ? values.binaryValue().utf8ToString() : "";
    }

    /** The summary JSON a document was indexed with ("{}" for none). */
    static String summary(org.apache.lucene.index.IndexReader reader, int doc) throws java.io.IOException {
        var leaf = leaf(reader, doc);
        var values = org.apache.lucene.index.DocValues.getBinary(leaf.reader(), SUMMARY);
        return values.advanceExact(doc - leaf.docBase) ? values.binaryValue().utf8ToString() : "{}";
    }

    /** The segment holding top-level document {@code doc}. */
    private static org.apache.lucene.index.LeafReaderContext leaf(org.apache.lucene.index.IndexReader reader,
            int doc) {
        var leaves = reader.leaves();
        return leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(doc, leaves));
    }

    private static FieldType frozen(boolean stored, IndexOptions options) {
        FieldType t = new FieldType(TextField.TYPE_NOT_STORED);
        t.setStored(stored);
        t.setIndexOptions(options);
        t.freeze();
        return t;
    }

    static Analyzer analyzer() {
        Analyzer words = ChineseAnalysis.words();
        Analyzer bigrams = ChineseAnalysis.bigrams();
        Analyzer pinyin = ChineseAnalysis.pinyin();
        return new PerFieldAnalyzerWrapper(bigrams, Map.of(TITLE_WORDS, words, ALL_WORDS, words, PINYIN, pinyin,
                INITIALS, pinyin));
    }

    /** What the index needs of a resource: the row, its extracted text and, when computed, its embedding. */
    public record Source(Resource resource, String text, float[] vector) {}

    /** The facet value of a dimension, or null. */
    static String facetValue(Resource r, String dim) {
        return switch (dim) {
            case "stage" -> r.meta().stage();
            case "grade" -> r.meta().grade();
            case "subject" -> r.meta().subject();
            case "edition" -> r.meta().edition();
            case "type" -> r.meta().type();
            case "school" -> r.schoolName();
            default -> null;
        };
    }

    /** The metadata teachers search by, as one text (学段 年级 学科 版本 册 章节 类型 知识点 学校 作者). */
    static String metaText(Resource r) {
        var m = r.meta();
        return Stream.concat(Stream.of(m.stage(), m.grade(), m.subject(), m.edition(), m.volume(), m.unit(),
                m.section(), m.type(), r.schoolName(), r.ownerName()), m.tags().stream())
                .filter(s -> s != null && !s.isBlank()).collect(Collectors.joining(" "));
    }

    /** A title without 《》, quotes, spaces and case, to recognise an exact title query. */
    static String normalizeTitle(String title) {
        return title.toLowerCase(Locale.ROOT).replaceAll("[《》〈〉\"“”'‘’\\s]", "");
    }

    static Document document(Source s) {
        Resource r = s.resource();
        String text = s.text() == null ? "" : s.text();
        String meta = metaText(r);
        String description = r.meta().description();
        Document d = new Document();
        d.add(new StringField(ID, String.valueOf(r.id()), Field.Store.YES));
        d.add(new NumericDocValuesField(ID_VALUE, r.id()));
        d.add(new StringField(OWNER, String.valueOf(r.ownerId()), Field.Store.NO));
        d.add(new StringField(GROUP, String.valueOf(r.groupId()), Field.Store.NO));
        if (r.schoolId() != null) {
            d.add(new StringField(SCHOOL, String.valueOf(r.schoolId()), Field.Store.NO));
        }
        d.add(new StringField(VISIBILITY, r.meta().visibility(), Field.Store.NO));
        d.add(new StringField(REVIEW, r.reviewState(), Field.Store.NO));
        d.add(new TextField(TITLE_WORDS, r.meta().title(), Field.Store.NO));
        d.add(new Field(TITLE_BIGRAMS, r.meta().title(), HIGHLIGHTED));
        d.add(new StringField(TITLE_EXACT, normalizeTitle(r.meta().title()), Field.Store.NO));
        d.add(new TextField(META_BIGRAMS, meta, Field.Store.NO));
        d.add(new BinaryDocValuesField(TITLE_TEXT, new BytesRef(r.meta().title())));
        d.add(new BinaryDocValuesField(SUMMARY, new BytesRef(r.summary().encode())));
        String described = (description.isBlank() ? "" : description + "\n") + text;
        // the whole text is indexed; only the first STORED_BODY_CHARS are kept (highlighting, more-like-this)
        d.add(new Field(BODY_BIGRAMS, described, HIGHLIGHTED));
        d.add(new BinaryDocValuesField(BODY_TEXT, new BytesRef(described.length() > STORED_BODY_CHARS
                ? described.substring(0, STORED_BODY_CHARS)
                : described)));
        d.add(new Field(ALL_WORDS, r.meta().title() + "\n" + meta + "\n" + description + "\n" + text, WORD_BAG));
        List<String> syllables = new ArrayList<>(ChineseAnalysis.syllablesOf(r.meta().title()));
        syllables.add("|");
        syllables.addAll(ChineseAnalysis.syllablesOf(meta));
        d.add(new TextField(PINYIN, String.join(" ", syllables), Field.Store.NO));
        d.add(new TextField(INITIALS, syllables.stream().map(x -> x.substring(0, 1)).collect(Collectors.joining(" ")),
                Field.Store.NO));
        d.add(new NumericDocValuesField(CREATED, r.createdAt().toInstant().toEpochMilli()));
        d.add(new NumericDocValuesField(DOWNLOADS, r.downloads()));
        d.add(new NumericDocValuesField(RATING, Math.round(r.rating() * 100)));
        for (String dim : FACETS) {
            String value = facetValue(r, dim);
            if (value != null && !value.isBlank()) {
                d.add(new StringField(FILTER_PREFIX + dim, value, Field.Store.NO));
            }
        }
        if (s.vector() != null) {
            d.add(new KnnFloatVectorField(VECTOR, s.vector(), VectorSimilarityFunction.COSINE));
            d.add(new StoredField("has_vec", 1));
        }
        return d;
    }
}
