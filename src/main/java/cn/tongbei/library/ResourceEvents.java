package cn.tongbei.library;

/** What the search index listens to: a resource's metadata, text or state changed, or it was removed. */
public interface ResourceEvents {
    void changed(long id);

    void removed(long id);

    /** Listens to nothing. */
    ResourceEvents NONE = new ResourceEvents() {
        @Override
        public void changed(long id) {}

        @Override
        public void removed(long id) {}
    };
}
