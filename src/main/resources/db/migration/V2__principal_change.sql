-- Every node keeps the principals it has served (a user's account state, grants and team memberships, read on
-- every request) and forgets one when PostgreSQL tells it so: any change to what a principal is made of notifies
-- channel 'principal_change' with the user's id, delivered to every listening node at commit (the same channel
-- and payload are folded within a transaction). A change to a team's education group notifies '' (forget all).
-- A node not listening (its LISTEN connection lost) serves no principal from memory (docs/architecture.md).
CREATE FUNCTION principal_change_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'team' THEN
        PERFORM pg_notify('principal_change', '');
    ELSIF TG_TABLE_NAME = 'app_user' THEN
        PERFORM pg_notify('principal_change', OLD.id::text);
    ELSE
        IF TG_OP <> 'INSERT' THEN
            PERFORM pg_notify('principal_change', OLD.user_id::text);
        END IF;
        IF TG_OP <> 'DELETE' THEN
            PERFORM pg_notify('principal_change', NEW.user_id::text);
        END IF;
    END IF;
    RETURN NULL;
END $$;

-- the columns a principal is read from (a login's bookkeeping, a password rehash or a profile's subjects change
-- nothing a request is authorised by); a new user has no principal to forget yet
CREATE TRIGGER app_user_principal_changed AFTER UPDATE ON app_user
    FOR EACH ROW WHEN ((OLD.username, OLD.display_name, OLD.group_id, OLD.school_id, OLD.token_version,
        OLD.disabled) IS DISTINCT FROM (NEW.username, NEW.display_name, NEW.group_id, NEW.school_id,
        NEW.token_version, NEW.disabled))
    EXECUTE FUNCTION principal_change_note();
CREATE TRIGGER app_user_principal_deleted AFTER DELETE ON app_user
    FOR EACH ROW EXECUTE FUNCTION principal_change_note();
CREATE TRIGGER role_grant_principal_changed AFTER INSERT OR UPDATE OR DELETE ON role_grant
    FOR EACH ROW EXECUTE FUNCTION principal_change_note();
CREATE TRIGGER team_member_principal_changed AFTER INSERT OR UPDATE OR DELETE ON team_member
    FOR EACH ROW EXECUTE FUNCTION principal_change_note();
CREATE TRIGGER team_principal_changed AFTER UPDATE OF group_id ON team
    FOR EACH ROW WHEN (OLD.group_id IS DISTINCT FROM NEW.group_id)
    EXECUTE FUNCTION principal_change_note();
