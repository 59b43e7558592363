package cn.tongbei.classroom.sync;

/**
 * The realtime limits, in one place (documented in docs/protocols/classroom.md).
 *
 * @param maxMessageChars largest accepted text message
 * @param masterPerSecond reliable commands per second from a master socket (burst twice that)
 * @param classroomPerSecond reliable commands per second from a classroom socket (burst twice that)
 * @param volatilePerSecond pointer/view messages per second; more are dropped silently
 * @param maxErrors errors a socket may cause per minute before it is closed
 * @param replayWindow events kept in memory for resuming clients; further behind gets a snapshot
 * @param snapshotEvery events between stored snapshots
 * @param helloTimeoutMs time allowed for the hello after connecting
 * @param pointerIntervalMs pointer coalescing interval
 * @param synchronousCommit wait for the WAL flush before broadcasting (false: PostgreSQL's
 *     {@code synchronous_commit = off} for log appends only; an event is then lost only if PostgreSQL itself
 *     crashes within ~200 ms of it, never when Tongbei does)
 */
public record Limits(int maxMessageChars, double masterPerSecond, double classroomPerSecond,
        double volatilePerSecond, int maxErrors, int replayWindow, int snapshotEvery, long helloTimeoutMs,
        long pointerIntervalMs, boolean synchronousCommit) {

    /** The defaults. */
    public static Limits defaults() {
        return new Limits(32 * 1024, 50, 10, 60, 60, 1_000, 200, 10_000, 33, true);
    }

    /** The defaults with the commit mode from configuration ({@code classroom.synchronousCommit}). */
    public static Limits from(cn.tongbei.platform.config.TongbeiConfig.Classroom config) {
        Limits d = defaults();
        return new Limits(d.maxMessageChars, d.masterPerSecond, d.classroomPerSecond, d.volatilePerSecond,
                d.maxErrors, d.replayWindow, d.snapshotEvery, d.helloTimeoutMs, d.pointerIntervalMs,
                config.synchronousCommit());
    }
}
