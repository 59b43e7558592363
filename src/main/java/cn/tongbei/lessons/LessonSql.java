package cn.tongbei.lessons;

/** The SQL of the lessons feature, named and kept together. */
final class LessonSql {
    private LessonSql() {}

    static final String TEAM = "SELECT id, group_id, name, subject, grade FROM team WHERE id = $1";

    static final String USERS_IN_GROUP = "SELECT id FROM app_user WHERE id = ANY($1) AND group_id = $2"
            + " AND NOT disabled";

    static final String INSERT_ACTIVITY = "INSERT INTO prep_activity (group_id, team_id, topic, content_unit,"
            + " starts_at, duration_min, place, online, repeat_days, repeat_until, lead_id, created_by)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id";

    static final String INSERT_PARTICIPANT = "INSERT INTO prep_participant (activity_id, user_id) VALUES ($1, $2)"
            + " ON CONFLICT DO NOTHING";

    private static final String ACTIVITY_COLUMNS = "a.id, a.group_id, a.team_id, a.topic, a.content_unit,"
            + " a.starts_at, a.duration_min, a.place, a.online, a.repeat_days, a.repeat_until, a.lead_id,"
            + " a.status, a.notes, t.name AS team_name, t.subject AS team_subject, t.grade AS team_grade,"
            + " lu.display_name AS lead_name,"
            + " EXISTS (SELECT 1 FROM prep_participant pp WHERE pp.activity_id = a.id AND pp.user_id = $2)"
            + " AS participant";

    static final String ACTIVITY = "SELECT " + ACTIVITY_COLUMNS + " FROM prep_activity a JOIN team t ON t.id ="
            + " a.team_id JOIN app_user lu ON lu.id = a.lead_id WHERE a.id = $1";

    /** Activities the user may see: in their teams, taking part, or in a group they administer. */
    static final String MY_ACTIVITIES = "SELECT " + ACTIVITY_COLUMNS + " FROM prep_activity a JOIN team t ON t.id ="
            + " a.team_id JOIN app_user lu ON lu.id = a.lead_id"
            + " WHERE (a.team_id = ANY($1) OR a.group_id = ANY($3)"
            + " OR EXISTS (SELECT 1 FROM prep_participant pp WHERE pp.activity_id = a.id AND pp.user_id = $2))"
            + " AND ($4::bigint IS NULL OR a.team_id = $4) ORDER BY a.starts_at DESC, a.id DESC LIMIT 500";

    static final String PARTICIPANTS = "SELECT u.id, u.display_name, s.name AS school_name FROM prep_participant pp"
            + " JOIN app_user u ON u.id = pp.user_id LEFT JOIN school s ON s.id = u.school_id"
            + " WHERE pp.activity_id = $1 ORDER BY u.id";

    static final String UPDATE_ACTIVITY = "UPDATE prep_activity SET topic = coalesce($2, topic),"
            + " content_unit = coalesce($3, content_unit), place = coalesce($4, place), online = coalesce($5, online),"
            + " status = coalesce($6, status), notes = coalesce($7, notes) WHERE id = $1";

    static final String INSERT_PLAN = "INSERT INTO lesson_plan (activity_id, parent_id, owner_id, doc_id, title,"
            + " subject, grade, edition, unit, lesson, class_hours, state, common_revision)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id";

    private static final String PLAN_COLUMNS = "p.id, p.activity_id, p.parent_id, p.owner_id, p.doc_id, p.title,"
            + " p.subject, p.grade, p.edition, p.unit, p.lesson, p.class_hours, p.state, p.common_revision,"
            + " p.library_resource_id, ou.display_name AS owner_name";

    /** Claims the plan for publishing (none published yet, no other claim in the last two minutes). */
    static final String CLAIM_PUBLISH = "UPDATE lesson_plan SET publishing_at = now() WHERE id = $1"
            + " AND library_resource_id IS NULL AND (publishing_at IS NULL OR publishing_at < now() - interval '2 minutes')";

    static final String PUBLISHED = "UPDATE lesson_plan SET library_resource_id = $2, published_by = $3,"
            + " published_at = now(), publishing_at = NULL WHERE id = $1";

    static final String UNCLAIM_PUBLISH = "UPDATE lesson_plan SET publishing_at = NULL WHERE id = $1";

    static final String PLAN = "SELECT " + PLAN_COLUMNS + " FROM lesson_plan p JOIN app_user ou ON ou.id = p.owner_id"
            + " WHERE p.id = $1";

    static final String PLAN_BY_DOC = "SELECT " + PLAN_COLUMNS + " FROM lesson_plan p"
            + " JOIN app_user ou ON ou.id = p.owner_id WHERE p.doc_id = $1";

    static final String PLANS_OF_ACTIVITY = "SELECT " + PLAN_COLUMNS + " FROM lesson_plan p"
            + " JOIN app_user ou ON ou.id = p.owner_id WHERE p.activity_id = $1 ORDER BY p.parent_id NULLS FIRST, p.id";

    static final String UPDATE_PLAN = "UPDATE lesson_plan SET title = coalesce($2, title),"
            + " subject = coalesce($3, subject), grade = coalesce($4, grade), edition = coalesce($5, edition),"
            + " unit = coalesce($6, unit), lesson = coalesce($7, lesson), class_hours = coalesce($8, class_hours)"
            + " WHERE id = $1";

    static final String SET_STATE = "UPDATE lesson_plan SET state = $2, common_revision = coalesce($3, common_revision)"
            + " WHERE id = $1 AND state = $4";

    static final String INSERT_TRANSITION = "INSERT INTO plan_transition (plan_id, from_state, to_state, actor_id,"
            + " revision) VALUES ($1, $2, $3, $4, $5)";

    static final String TRANSITIONS = "SELECT t.from_state, t.to_state, t.revision, t.at, u.display_name"
            + " FROM plan_transition t JOIN app_user u ON u.id = t.actor_id WHERE t.plan_id = $1 ORDER BY t.id";

    static final String INSERT_VERSION = "INSERT INTO coedit_version (doc_id, revision, name, created_by)"
            + " VALUES ($1, $2, $3, $4) RETURNING id, created_at";

    static final String VERSIONS = "SELECT v.id, v.revision, v.name, v.created_at, u.display_name FROM coedit_version v"
            + " LEFT JOIN app_user u ON u.id = v.created_by WHERE v.doc_id = $1 ORDER BY v.revision, v.id";

    static final String HISTORY = "SELECT c.revision, c.author_id, u.display_name, c.created_at, c.delta"
            + " FROM coedit_change c LEFT JOIN app_user u ON u.id = c.author_id WHERE c.doc_id = $1"
            + " AND c.revision <= $2 ORDER BY c.revision DESC LIMIT $3";
}
