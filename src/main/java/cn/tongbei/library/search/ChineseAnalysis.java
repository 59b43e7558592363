package cn.tongbei.library.search;

import com.github.houbb.pinyin.constant.enums.PinyinStyleEnum;
import com.github.houbb.pinyin.util.PinyinHelper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The analysis chosen for Chinese K-12 text: SmartChinese words, CJK bigrams (isolated characters kept as
 * unigrams) and pinyin without tones (houbb pinyin, which reads polyphones from the word: 重庆 chongqing).
 */
public final class ChineseAnalysis {
    private static volatile Set<String> syllables;

    private ChineseAnalysis() {}

    /** Word-level analysis (SmartChinese with its default stop set of punctuation). */
    public static Analyzer words() {
        return new SmartChineseAnalyzer();
    }

    /** CJK bigrams; Latin words and numbers stay whole, lower-cased, full-width folded. */
    public static Analyzer bigrams() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream ts = new CJKWidthFilter(source);
                ts = new LowerCaseFilter(ts);
                ts = new CJKBigramFilter(ts);
                return new TokenStreamComponents(source, ts);
            }
        };
    }

    /** Pinyin fields hold space-separated syllables or letters already. */
    public static Analyzer pinyin() {
        return new WhitespaceAnalyzer();
    }

    /** The toneless pinyin syllables of the Chinese characters in {@code text} (other characters dropped). */
    public static List<String> syllablesOf(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        Set<String> known = syllables();
        List<String> out = new ArrayList<>();
        for (String s : PinyinHelper.toPinyin(text, PinyinStyleEnum.NORMAL).split("\\s+")) {
            String lower = s.toLowerCase(Locale.ROOT).replace('ü', 'v');
            if (known.contains(lower)) {
                out.add(lower);
            }
        }
        return out;
    }

    /** The first letters of {@link #syllablesOf}. */
    public static List<String> initialsOf(List<String> syllables) {
        return syllables.stream().map(s -> s.substring(0, 1)).toList();
    }

    /**
     * Splits letters typed as pinyin without spaces ({@code ercihanshu}) into syllables, preferring fewer,
     * longer syllables; null when the letters are not pinyin.
     */
    public static List<String> segmentPinyin(String letters) {
        String s = letters.toLowerCase(Locale.ROOT);
        if (s.isEmpty() || s.length() > 60 || !s.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
            return null;
        }
        Set<String> known = syllables();
        int n = s.length();
        int[] best = new int[n + 1];
        int[] cut = new int[n + 1];
        Arrays.fill(best, Integer.MAX_VALUE);
        best[0] = 0;
        for (int i = 0; i < n; i++) {
            if (best[i] == Integer.MAX_VALUE) {
                continue;
            }
            for (int len = 1; len <= 6 && i + len <= n; len++) {
                if (known.contains(s.substring(i, i + len)) && best[i] + 1 < best[i + len]) {
                    best[i + len] = best[i] + 1;
                    cut[i + len] = i;
                }
            }
        }
        if (best[n] == Integer.MAX_VALUE) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int end = n; end > 0; end = cut[end]) {
            out.add(0, s.substring(cut[end], end));
        }
        return out;
    }

    public static boolean containsHan(String text) {
        return text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }

    /** Every toneless syllable houbb pinyin produces for the common CJK block, computed once. */
    static Set<String> syllables() {
        Set<String> s = syllables;
        if (s == null) {
            synchronized (ChineseAnalysis.class) {
                if (syllables == null) {
                    Set<String> all = new HashSet<>();
                    for (char c = 0x4e00; c <= 0x9fa5; c++) {
                        String py = PinyinHelper.toPinyin(String.valueOf(c), PinyinStyleEnum.NORMAL).replace('ü', 'v');
                        if (py.matches("[a-z]+")) {
                            all.add(py);
                        }
                    }
                    syllables = Set.copyOf(all);
                }
                s = syllables;
            }
        }
        return s;
    }
}
