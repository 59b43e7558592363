-- The library's change log: every change that can alter a resource's search document (insert, metadata or
-- visibility/review edit, extraction status, counters, text, embedding, delete) appends one row, written by
-- triggers in the SAME transaction as the change. Every node tails it in (xid, pos) order into its own Lucene
-- index (see docs/library.md, "Search on several nodes"). Rows carry the writing transaction's id so a reader
-- can tell which rows are final: rows of transactions older than the oldest one still running
-- (pg_snapshot_xmin(pg_current_snapshot())) can no longer be joined by another row sorting before them.
CREATE TABLE library_change (
    pos          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    xid          xid8        NOT NULL DEFAULT pg_current_xact_id(),
    resource_id  bigint      NOT NULL,
    deleted      boolean     NOT NULL DEFAULT false,
    at           timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX library_change_order ON library_change (xid, pos);
CREATE INDEX library_change_at ON library_change (at);

-- Embeddings are computed once (by whichever node claims them) and stored in library_text.embedding for every
-- node to read; a claim expires so that a node dying mid-embedding does not leave a resource without a vector.
ALTER TABLE library_text ADD COLUMN embed_claimed_at timestamptz;
CREATE INDEX library_text_unembedded ON library_text (resource_id) WHERE embedding IS NULL;

CREATE FUNCTION library_change_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'library_resource' THEN
        IF TG_OP = 'DELETE' THEN
            INSERT INTO library_change (resource_id, deleted) VALUES (OLD.id, true);
        ELSE
            INSERT INTO library_change (resource_id) VALUES (NEW.id);
        END IF;
    ELSE
        INSERT INTO library_change (resource_id) VALUES (NEW.resource_id);
    END IF;
    -- delivered at commit, one per transaction (same channel and payload are folded): wakes every node's tailer
    PERFORM pg_notify('library_change', '');
    RETURN NULL;
END $$;

CREATE TRIGGER library_resource_changed AFTER INSERT OR DELETE ON library_resource
    FOR EACH ROW EXECUTE FUNCTION library_change_note();
CREATE TRIGGER library_resource_updated AFTER UPDATE ON library_resource
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION library_change_note();
-- text and embedding only: a claim (embed_claimed_at) changes nothing searchable; a text row deleted with its
-- resource is covered by the resource's own delete row
CREATE TRIGGER library_text_changed AFTER INSERT ON library_text
    FOR EACH ROW EXECUTE FUNCTION library_change_note();
CREATE TRIGGER library_text_updated AFTER UPDATE OF body, embedding ON library_text
    FOR EACH ROW WHEN (OLD.body IS DISTINCT FROM NEW.body OR OLD.embedding IS DISTINCT FROM NEW.embedding)
    EXECUTE FUNCTION library_change_note();

-- The newest (xid, pos) ever pruned from the log: a node whose index position is older than this has missed
-- changes and rebuilds instead of tailing. At most one row, written by the first prune (no row: nothing pruned;
-- not seeded here, so that a restore loading a backup's row into a fresh schema meets no duplicate).
CREATE TABLE library_change_horizon (
    one  boolean PRIMARY KEY DEFAULT true CHECK (one),
    xid  xid8   NOT NULL,
    pos  bigint NOT NULL
);
