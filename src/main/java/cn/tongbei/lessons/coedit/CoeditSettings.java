package cn.tongbei.lessons.coedit;

/**
 * Limits and tuning of co-editing.
 *
 * @param snapshotEvery a snapshot is written every this many revisions
 * @param tailKeep how many recent changes each open document keeps in memory to transform late changes over
 * @param maxDocLength the longest document accepted, in UTF-16 units
 * @param maxMessageChars the largest websocket message accepted, in characters
 * @param messagesPerSecond sustained messages per second per connection
 * @param burst messages a connection may send at once above the sustained rate
 * @param maxStrikes errors (oversized, flooded, malformed) after which a connection is closed
 * @param maxBatch changes committed to PostgreSQL in one transaction (group commit)
 * @param resyncMaxChanges beyond this many missed changes, a rejoining client gets a snapshot instead
 */
public record CoeditSettings(int snapshotEvery, int tailKeep, int maxDocLength, int maxMessageChars,
        double messagesPerSecond, int burst, int maxStrikes, int maxBatch, int resyncMaxChanges) {

    /** The defaults used by the server. */
    public static CoeditSettings defaults() {
        return new CoeditSettings(100, 2000, 1_000_000, 128 * 1024, 60, 120, 20, 256, 1000);
    }

    public CoeditSettings withSnapshotEvery(int n) {
        return new CoeditSettings(n, tailKeep, maxDocLength, maxMessageChars, messagesPerSecond, burst, maxStrikes,
                maxBatch, resyncMaxChanges);
    }

    public CoeditSettings withTailKeep(int n) {
        return new CoeditSettings(snapshotEvery, n, maxDocLength, maxMessageChars, messagesPerSecond, burst,
                maxStrikes, maxBatch, resyncMaxChanges);
    }
}
