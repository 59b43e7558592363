package cn.tongbei.library;

/**
 * Local hints to the search index that a resource's metadata, text or state changed, or that it was removed. The
 * change itself reaches every node's index through the change log in PostgreSQL (written by triggers in the same
 * transaction); these hints only make this node read the log at once instead of at its next poll.
 */
public interface ResourceEvents {
    void changed(long id);

    void removed(long id);

    /** Text extraction of the resource finished on this node (its embedding can be computed now). */
    default void extracted(long id) {
        changed(id);
    }

    /** Listens to nothing. */
    ResourceEvents NONE = new ResourceEvents() {
        @Override
        public void changed(long id) {}

        @Override
        public void removed(long id) {}
    };
}
