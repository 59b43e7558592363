package cn.tongbei.identity;

/** Every SQL statement of the identity feature, named. */
final class IdentitySql {
    private IdentitySql() {}

    static final String CREDENTIALS = "SELECT id, password_hash, disabled, token_version FROM app_user WHERE username = $1";
    static final String PRINCIPAL = """
            SELECT u.id, u.username, u.display_name, u.group_id, u.school_id, u.token_version, u.disabled,
              coalesce((SELECT json_agg(json_build_object('role', g.role, 'groupId', g.group_id, 'schoolId', g.school_id))
                FROM role_grant g WHERE g.user_id = u.id), '[]'::json) AS grants,
              coalesce((SELECT json_agg(json_build_object('teamId', t.id, 'groupId', t.group_id, 'role', m.role))
                FROM team_member m JOIN team t ON t.id = m.team_id WHERE m.user_id = u.id), '[]'::json) AS teams
            FROM app_user u WHERE u.id = $1""";
    static final String TOKEN_VERSION = "SELECT token_version FROM app_user WHERE id = $1";
    static final String SET_PASSWORD = """
            UPDATE app_user SET password_hash = $2, token_version = token_version + 1, updated_at = now() WHERE id = $1""";
    static final String REHASH = "UPDATE app_user SET password_hash = $2 WHERE id = $1 AND password_hash = $3";

    static final String ME_USER = "SELECT id, username, display_name, stage, subjects FROM app_user WHERE id = $1";
    static final String ME_GRANTS = """
            SELECT g.role, g.group_id, eg.name AS group_name, g.school_id, s.name AS school_name
            FROM role_grant g LEFT JOIN edu_group eg ON eg.id = g.group_id LEFT JOIN school s ON s.id = g.school_id
            WHERE g.user_id = $1 ORDER BY g.id""";
    static final String ME_TEAMS = """
            SELECT t.id, t.name, t.kind, t.subject, t.grade, t.group_id, eg.name AS group_name, m.role
            FROM team_member m JOIN team t ON t.id = m.team_id JOIN edu_group eg ON eg.id = t.group_id
            WHERE m.user_id = $1 ORDER BY t.kind DESC, t.id""";
    static final String ME_SCHOOLS = """
            SELECT s.id, s.name, s.kind, s.group_id, eg.name AS group_name, s.is_lead
            FROM school s JOIN edu_group eg ON eg.id = s.group_id
            WHERE s.id = ANY($1) ORDER BY s.is_lead DESC, s.id""";
    static final String ME_GROUPS = "SELECT id, name, mode FROM edu_group WHERE id = ANY($1) ORDER BY id";

    static final String USER_SELECT = """
            SELECT u.id, u.username, u.display_name, u.stage, u.subjects, u.school_id, s.name AS school_name,
              u.group_id, u.disabled, u.created_at,
              coalesce((SELECT array_agg(DISTINCT g.role) FROM role_grant g WHERE g.user_id = u.id), '{}') AS roles,
              EXISTS (SELECT 1 FROM team_member m WHERE m.user_id = u.id AND m.role = 'LEAD') AS research_lead
            FROM app_user u LEFT JOIN school s ON s.id = u.school_id
            """;
    static final String USER_BY_ID = USER_SELECT + " WHERE u.id = $1";
    static final String USERS_OF_GROUP = USER_SELECT
            + """
                     WHERE u.group_id = $1
                      AND ($2::bigint IS NULL OR u.school_id = $2)
                      AND ($3::text IS NULL
                        OR ($3 = 'RESEARCH_LEAD' AND EXISTS (SELECT 1 FROM team_member m WHERE m.user_id = u.id AND m.role = 'LEAD'))
                        OR EXISTS (SELECT 1 FROM role_grant g WHERE g.user_id = u.id AND g.role = $3))
                      AND ($4::text IS NULL OR u.username ILIKE $4 OR u.display_name ILIKE $4)
                    ORDER BY s.is_lead DESC NULLS FIRST, u.school_id NULLS FIRST, u.id
                    LIMIT 1000""";
    static final String USER_INSERT = """
            INSERT INTO app_user (username, display_name, password_hash, group_id, school_id, stage, subjects)
            VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id""";
    static final String GRANT_INSERT = "INSERT INTO role_grant (user_id, role, group_id, school_id) VALUES ($1, $2, $3, $4)";
    static final String USER_UPDATE = """
            UPDATE app_user SET display_name = coalesce($2, display_name), subjects = coalesce($3, subjects),
              stage = coalesce($4, stage), disabled = coalesce($5, disabled),
              token_version = token_version + CASE WHEN $5 IS TRUE AND NOT disabled THEN 1 ELSE 0 END,
              updated_at = now()
            WHERE id = $1""";
    static final String USER_COUNT = "SELECT count(*) AS n FROM app_user";
}
