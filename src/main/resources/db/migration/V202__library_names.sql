-- A resource's search document carries its owner's display name and its school's name (searched as metadata,
-- the school facet, and the summary a hit is answered with): renaming either puts their resources in the change
-- log, so every node re-indexes them (same transaction as the rename; one notification per transaction).
CREATE FUNCTION library_names_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'app_user' THEN
        INSERT INTO library_change (resource_id) SELECT id FROM library_resource WHERE owner_id = NEW.id;
    ELSE
        INSERT INTO library_change (resource_id) SELECT id FROM library_resource WHERE school_id = NEW.id;
    END IF;
    IF FOUND THEN
        PERFORM pg_notify('library_change', '');
    END IF;
    RETURN NULL;
END $$;

CREATE INDEX library_resource_school ON library_resource (school_id);
CREATE TRIGGER app_user_name_library AFTER UPDATE OF display_name ON app_user
    FOR EACH ROW WHEN (OLD.display_name IS DISTINCT FROM NEW.display_name)
    EXECUTE FUNCTION library_names_changed();
CREATE TRIGGER school_name_library AFTER UPDATE OF name ON school
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION library_names_changed();
