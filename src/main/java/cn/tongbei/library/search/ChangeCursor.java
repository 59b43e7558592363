package cn.tongbei.library.search;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a tailer is in the change log, and which resources a batch asks it to re-read. Final rows move the
 * position on (they are applied unless they were applied ahead already); committed rows that are not final yet
 * are applied ahead once and remembered until they come back as final. Nothing committed is skipped: a row that
 * commits late (its transaction started earlier) either sorts after the position in (xid, pos) order or was not
 * final when the position passed it — the position only passes final rows.
 */
final class ChangeCursor {
    private ChangeLog.Position position;
    private long seenPos;
    private final Set<Long> appliedAhead = new HashSet<>();

    ChangeCursor(ChangeLog.Position position) {
        this.position = position;
    }

    ChangeLog.Position position() {
        return position;
    }

    long seenPos() {
        return seenPos;
    }

    /** Resets to {@code p} (after a rebuild). */
    void reset(ChangeLog.Position p) {
        position = p;
        seenPos = 0;
        appliedAhead.clear();
    }

    /** The distinct resources the batch asks to re-read, in log order; moves the position on. */
    Set<Long> accept(ChangeLog.Batch batch) {
        Set<Long> ids = new LinkedHashSet<>();
        for (ChangeLog.Change c : take(batch)) {
            ids.add(c.resourceId());
        }
        return ids;
    }

    /** The changes of the batch to apply now (not applied ahead before), in log order; moves the position on. */
    List<ChangeLog.Change> take(ChangeLog.Batch batch) {
        List<ChangeLog.Change> out = new ArrayList<>();
        for (ChangeLog.Change c : batch.finals()) {
            if (!appliedAhead.remove(c.pos())) {
                out.add(c);
            }
            position = c.position();
        }
        for (ChangeLog.Change c : batch.fresh()) {
            if (appliedAhead.size() > 100_000) {
                appliedAhead.clear(); // only costs a second application later
            }
            if (appliedAhead.add(c.pos())) {
                out.add(c);
            }
            seenPos = Math.max(seenPos, c.pos());
        }
        return out;
    }
}
