package cn.tongbei.library.search;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;

/**
 * Lucene's passage score (BM25 over a passage's distinct matched terms, times the position norm) without its
 * per-passage hash of terms: {@link PassageScorer#score} builds a {@code BytesRefHash} for every candidate passage,
 * a 32 KB block each time, which made highlighting a page allocate ~20 MB (three quarters of a search's
 * allocations, a young collection every few searches). A passage has a few matches; they are told apart by a
 * scan. Same terms in the same order, same arithmetic: the same scores ({@code LeanPassageScorerTest}).
 */
final class LeanPassageScorer extends PassageScorer {
    @Override
    public float score(Passage passage, int contentLength) {
        int matches = passage.getNumMatches();
        BytesRef[] terms = passage.getMatchTerms();
        int[] freqsInDoc = passage.getMatchTermFreqsInDoc();
        // first[i]: index of the first match of the i-th distinct term; count[i]: its matches in the passage
        int[] first = new int[matches];
        int[] count = new int[matches];
        int distinct = 0;
        for (int m = 0; m < matches; m++) {
            int d = 0;
            while (d < distinct && !terms[first[d]].bytesEquals(terms[m])) {
                d++;
            }
            if (d == distinct) {
                first[distinct++] = m;
            }
            count[d]++;
        }
        double score = 0;
        for (int d = 0; d < distinct; d++) {
            score += tf(count[d], passage.getLength()) * weight(contentLength, freqsInDoc[first[d]]);
        }
        score *= norm(passage.getStartOffset());
        return (float) score;
    }
}
