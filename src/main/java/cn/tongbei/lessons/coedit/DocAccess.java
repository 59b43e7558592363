package cn.tongbei.lessons.coedit;

import cn.tongbei.access.Principal;
import io.vertx.core.Future;

/** Answers what a user may do with a co-edited document; supplied by the feature that owns the documents. */
@FunctionalInterface
public interface DocAccess {

    /** What a user may do: nothing (the document is hidden), read, or edit. */
    enum Level {
        NONE, READ, EDIT
    }

    Future<Level> level(Principal principal, long docId);
}
