package cn.tongbei.library.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/** The lean passage score equals Lucene's, bit for bit, on random passages. */
class LeanPassageScorerTest {
    @Test
    void scoresEqualLucenesOnRandomPassages() {
        Random random = new Random(7);
        PassageScorer lucene = new PassageScorer();
        PassageScorer lean = new LeanPassageScorer();
        String[] vocabulary = {"二次", "次函", "函数", "练习", "exercise", "勾股", "股定", "定理"};
        for (int round = 0; round < 5_000; round++) {
            Passage p = new Passage();
            int start = random.nextInt(5_000);
            int length = 1 + random.nextInt(400);
            p.setStartOffset(start);
            p.setEndOffset(start + length);
            int matches = random.nextInt(30);
            for (int m = 0; m < matches; m++) {
                int at = start + random.nextInt(length);
                String term = vocabulary[random.nextInt(1 + random.nextInt(vocabulary.length))];
                p.addMatch(at, at + 2, new BytesRef(term), 1 + random.nextInt(50));
            }
            int contentLength = start + length + random.nextInt(20_000);
            assertEquals(Float.floatToIntBits(lucene.score(p, contentLength)), Float.floatToIntBits(lean.score(p,
                    contentLength)), () -> p + " in " + contentLength);
        }
    }
}
