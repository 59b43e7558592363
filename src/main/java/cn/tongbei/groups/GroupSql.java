package cn.tongbei.groups;

/** Every SQL statement of the group directory, named. */
final class GroupSql {
    private GroupSql() {}

    static final String GROUP_SELECT = """
            SELECT g.id, g.name, g.mode, g.description, g.lead_school_id, ls.name AS lead_school_name, g.created_at,
              (SELECT count(*) FROM school s WHERE s.group_id = g.id AND NOT s.is_lead) AS member_count,
              (SELECT count(*) FROM school s WHERE s.group_id = g.id) AS school_count,
              (SELECT count(*) FROM app_user u WHERE u.group_id = g.id) AS user_count,
              (SELECT count(*) FROM team t WHERE t.group_id = g.id) AS team_count
            FROM edu_group g LEFT JOIN school ls ON ls.id = g.lead_school_id
            """;
    static final String GROUP_BY_ID = GROUP_SELECT + " WHERE g.id = $1";
    static final String GROUPS_BY_IDS = GROUP_SELECT + " WHERE g.id = ANY($1) ORDER BY g.id";
    static final String GROUP_LOCK = "SELECT mode FROM edu_group WHERE id = $1 FOR UPDATE";
    static final String GROUP_INSERT = "INSERT INTO edu_group (name, mode, description) VALUES ($1, $2, $3) RETURNING id";
    static final String GROUP_SET_LEAD = "UPDATE edu_group SET lead_school_id = $2 WHERE id = $1";
    static final String GROUP_UPDATE = """
            UPDATE edu_group SET name = coalesce($2, name), mode = coalesce($3, mode),
              description = coalesce($4, description)
            WHERE id = $1""";
    static final String GRANT_GROUP_ADMIN = "INSERT INTO role_grant (user_id, role, group_id) VALUES ($1, 'GROUP_ADMIN', $2)";

    static final String SCHOOL_SELECT = """
            SELECT s.id, s.group_id, s.name, s.kind, s.address, s.is_lead,
              (SELECT count(*) FROM app_user u WHERE u.school_id = s.id) AS user_count
            FROM school s
            """;
    static final String SCHOOL_BY_ID = SCHOOL_SELECT + " WHERE s.id = $1";
    static final String SCHOOLS_OF_GROUP = SCHOOL_SELECT + " WHERE s.group_id = $1 ORDER BY s.is_lead DESC, s.id";
    static final String MEMBER_COUNT = "SELECT count(*) AS n FROM school WHERE group_id = $1 AND NOT is_lead";
    static final String SCHOOL_INSERT = """
            INSERT INTO school (group_id, name, kind, address, is_lead) VALUES ($1, $2, $3, $4, $5) RETURNING id""";
    static final String SCHOOL_UPDATE = """
            UPDATE school SET name = coalesce($2, name), kind = coalesce($3, kind), address = coalesce($4, address)
            WHERE id = $1""";

    static final String TEAM_SELECT = """
            SELECT t.id, t.group_id, t.kind, t.name, t.subject, t.grade, t.description,
              (SELECT count(*) FROM team_member m WHERE m.team_id = t.id) AS member_count,
              (SELECT count(DISTINCT u.school_id) FROM team_member m JOIN app_user u ON u.id = m.user_id
                WHERE m.team_id = t.id) AS school_count,
              coalesce((SELECT json_agg(json_build_object('userId', u.id, 'displayName', u.display_name) ORDER BY u.id)
                FROM team_member m JOIN app_user u ON u.id = m.user_id
                WHERE m.team_id = t.id AND m.role = 'LEAD'), '[]'::json) AS leads
            FROM team t
            """;
    static final String TEAM_BY_ID = TEAM_SELECT + " WHERE t.id = $1";
    static final String TEAMS_OF_GROUP = TEAM_SELECT
            + " WHERE t.group_id = $1 AND ($2::text IS NULL OR t.kind = $2) ORDER BY t.kind DESC, t.subject, t.grade NULLS FIRST, t.id";
    static final String TEAM_INSERT = """
            INSERT INTO team (group_id, kind, name, subject, grade, description) VALUES ($1, $2, $3, $4, $5, $6)
            RETURNING id""";
    static final String TEAM_MEMBERS = """
            SELECT m.user_id, u.username, u.display_name, u.school_id, s.name AS school_name, m.role
            FROM team_member m JOIN app_user u ON u.id = m.user_id LEFT JOIN school s ON s.id = u.school_id
            WHERE m.team_id = $1 ORDER BY (m.role = 'LEAD') DESC, s.is_lead DESC NULLS LAST, s.id, u.id""";
    static final String MEMBER_ROLE = "SELECT role FROM team_member WHERE team_id = $1 AND user_id = $2";
    static final String USER_IN_GROUP = "SELECT 1 FROM app_user WHERE id = $1 AND group_id = $2";
    static final String MEMBER_UPSERT = """
            INSERT INTO team_member (team_id, user_id, role) VALUES ($1, $2, $3)
            ON CONFLICT (team_id, user_id) DO UPDATE SET role = EXCLUDED.role""";
    static final String MEMBER_DELETE = "DELETE FROM team_member WHERE team_id = $1 AND user_id = $2";
}
