package cn.tongbei.classroom;

/** The classroom feature's SQL, named. */
final class ClassSessionSql {
    private ClassSessionSql() {}

    static final String SESSION_COLUMNS = """
            s.id, s.group_id, s.master_id, m.display_name AS master_name, s.title, s.subject, s.starts_at,
            s.duration_minutes, s.courseware_name, s.page_count, s.library_resource_id, s.status,
            coalesce((SELECT json_agg(json_build_object('terminalId', c.terminal_id, 'schoolId', c.school_id,
                'schoolName', sc.name, 'assistantId', c.assistant_id, 'assistantName', a.display_name,
                'name', c.name, 'joinCode', c.join_code) ORDER BY c.school_id, c.terminal_id)
              FROM class_session_classroom c JOIN school sc ON sc.id = c.school_id
              LEFT JOIN app_user a ON a.id = c.assistant_id WHERE c.session_id = s.id), '[]') AS classrooms,
            coalesce((SELECT json_agg(json_build_object('id', o.user_id, 'name', u.display_name) ORDER BY o.user_id)
              FROM class_session_observer o JOIN app_user u ON u.id = o.user_id WHERE o.session_id = s.id), '[]')
              AS observers
            """;

    static final String GET = "SELECT " + SESSION_COLUMNS + """
            FROM class_session s JOIN app_user m ON m.id = s.master_id WHERE s.id = $1""";

    /** Sessions a user takes part in: as master, terminal or assistant of a classroom, or observer. */
    static final String SCHEDULE = "SELECT " + SESSION_COLUMNS + """
            FROM class_session s JOIN app_user m ON m.id = s.master_id
            WHERE s.master_id = $1
               OR EXISTS (SELECT 1 FROM class_session_classroom c WHERE c.session_id = s.id
                          AND (c.terminal_id = $1 OR c.assistant_id = $1))
               OR EXISTS (SELECT 1 FROM class_session_observer o WHERE o.session_id = s.id AND o.user_id = $1)
            ORDER BY s.starts_at, s.id LIMIT 200""";

    static final String INSERT = """
            INSERT INTO class_session (group_id, master_id, title, subject, starts_at, duration_minutes,
                library_resource_id) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id""";

    static final String INSERT_CLASSROOM = """
            INSERT INTO class_session_classroom (session_id, terminal_id, school_id, assistant_id, name, join_code)
            VALUES ($1, $2, $3, $4, $5, $6)""";

    static final String INSERT_OBSERVER = "INSERT INTO class_session_observer (session_id, user_id) VALUES ($1, $2)";

    /** Terminal accounts of the group's schools, with their school. */
    static final String TERMINALS = """
            SELECT g.user_id, g.school_id, u.display_name FROM role_grant g JOIN app_user u ON u.id = g.user_id
            JOIN school s ON s.id = g.school_id
            WHERE g.role = 'TERMINAL' AND g.group_id = $1 AND s.group_id = $1 AND NOT u.disabled
              AND g.user_id = ANY($2)""";

    /** Users holding a given role in the group. */
    static final String HOLDERS = """
            SELECT DISTINCT g.user_id FROM role_grant g JOIN app_user u ON u.id = g.user_id
            WHERE g.group_id = $1 AND g.role = ANY($2) AND NOT u.disabled AND g.user_id = ANY($3)""";

    static final String SET_COURSEWARE = """
            UPDATE class_session SET courseware_key = $2, courseware_name = $3, page_count = $4 WHERE id = $1""";

    static final String SET_STATUS = """
            UPDATE class_session SET status = $2 WHERE id = $1 AND status <> 'ENDED'""";

    static final String BY_JOIN_CODE = "SELECT session_id, terminal_id FROM class_session_classroom WHERE join_code = $1";

    static final String INSERT_NOTE = """
            INSERT INTO class_note (session_id, author_id, at_seq, body) VALUES ($1, $2, $3, $4)
            RETURNING id, created_at""";

    static final String NOTES = """
            SELECT n.id, n.author_id, u.display_name, n.at_seq, n.body, n.created_at FROM class_note n
            JOIN app_user u ON u.id = n.author_id WHERE n.session_id = $1 ORDER BY n.id LIMIT 1000""";
}
