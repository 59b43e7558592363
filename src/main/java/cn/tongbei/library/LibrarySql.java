package cn.tongbei.library;

/** Every SQL statement of the library, named. */
final class LibrarySql {
    private LibrarySql() {}

    static final String RESOURCE_SELECT = """
            SELECT r.*, b.object_key, b.size_bytes, b.mime, b.sha256, u.display_name AS owner_name,
              s.name AS school_name
            FROM library_resource r JOIN library_blob b ON b.id = r.blob_id JOIN app_user u ON u.id = r.owner_id
            LEFT JOIN school s ON s.id = r.school_id
            """;
    static final String RESOURCE_BY_ID = RESOURCE_SELECT + " WHERE r.id = $1";
    static final String RESOURCES_BY_IDS = RESOURCE_SELECT + " WHERE r.id = ANY($1)";
    static final String RESOURCES_ALL = RESOURCE_SELECT + " WHERE r.id > $1 ORDER BY r.id LIMIT $2";
    static final String REVIEW_QUEUE = RESOURCE_SELECT
            + " WHERE r.group_id = $1 AND r.review_state = 'pending' ORDER BY r.created_at LIMIT 200";
    static final String MINE = RESOURCE_SELECT + " WHERE r.owner_id = $1 ORDER BY r.created_at DESC LIMIT 200";
    static final String FAVORITES = RESOURCE_SELECT
            + " JOIN library_favorite f ON f.resource_id = r.id AND f.user_id = $1 ORDER BY f.at DESC LIMIT 200";

    static final String BLOB_BY_HASH = "SELECT id, object_key FROM library_blob WHERE sha256 = $1";
    static final String BLOB_INSERT = """
            INSERT INTO library_blob (sha256, object_key, size_bytes, mime) VALUES ($1, $2, $3, $4)
            ON CONFLICT (sha256) DO NOTHING RETURNING id, object_key""";
    static final String BLOB_UNUSED = """
            DELETE FROM library_blob b WHERE b.id = $1
              AND NOT EXISTS (SELECT 1 FROM library_resource r WHERE r.blob_id = b.id) RETURNING object_key""";
    static final String REQUIRE_REVIEW = "SELECT require_review FROM library_group_settings WHERE group_id = $1";
    static final String SET_REQUIRE_REVIEW = """
            INSERT INTO library_group_settings (group_id, require_review) VALUES ($1, $2)
            ON CONFLICT (group_id) DO UPDATE SET require_review = excluded.require_review""";

    static final String RESOURCE_INSERT = """
            INSERT INTO library_resource (blob_id, owner_id, group_id, school_id, file_name, title, description, stage,
              grade, subject, edition, volume, unit, section, catalogue_id, type, tags, licence, visibility,
              review_state, status)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
            RETURNING id""";
    static final String RESOURCE_UPDATE = """
            UPDATE library_resource SET title = $2, description = $3, stage = $4, grade = $5, subject = $6,
              edition = $7, volume = $8, unit = $9, section = $10, catalogue_id = $11, type = $12, tags = $13,
              licence = $14, visibility = $15, review_state = $16, review_reason = NULL, updated_at = now()
            WHERE id = $1""";
    static final String RESOURCE_DELETE = "DELETE FROM library_resource WHERE id = $1 RETURNING blob_id";
    static final String SET_STATUS = """
            UPDATE library_resource SET status = $2, status_reason = $3, text_chars = $4, updated_at = now()
            WHERE id = $1""";
    static final String SET_REVIEW = """
            UPDATE library_resource SET review_state = $2, review_reason = $3, reviewed_by = $4, updated_at = now()
            WHERE id = $1""";
    static final String COUNT_DOWNLOAD = "UPDATE library_resource SET downloads = downloads + 1 WHERE id = $1";
    static final String TEXT_UPSERT = """
            INSERT INTO library_text (resource_id, body) VALUES ($1, $2)
            ON CONFLICT (resource_id) DO UPDATE SET body = excluded.body, embedding = NULL""";
    static final String TEXT_OF = "SELECT body FROM library_text WHERE resource_id = $1";
    static final String VECTOR_OF = "SELECT embedding FROM library_text WHERE resource_id = $1";
    static final String TEXT_AND_VECTOR_OF = "SELECT body, embedding FROM library_text WHERE resource_id = $1";
    static final String VECTOR_SAVE = "UPDATE library_text SET embedding = $2 WHERE resource_id = $1";

    static final String FAVORITE_ADD = """
            WITH ins AS (INSERT INTO library_favorite (resource_id, user_id) VALUES ($1, $2)
              ON CONFLICT DO NOTHING RETURNING 1)
            UPDATE library_resource SET favorites = favorites + (SELECT count(*) FROM ins) WHERE id = $1""";
    static final String FAVORITE_REMOVE = """
            WITH del AS (DELETE FROM library_favorite WHERE resource_id = $1 AND user_id = $2 RETURNING 1)
            UPDATE library_resource SET favorites = favorites - (SELECT count(*) FROM del) WHERE id = $1""";
    static final String IS_FAVORITE = "SELECT EXISTS (SELECT 1 FROM library_favorite WHERE resource_id = $1 AND user_id = $2) AS f";
    static final String MY_RATING = "SELECT stars FROM library_rating WHERE resource_id = $1 AND user_id = $2";
    static final String RATE = """
            INSERT INTO library_rating (resource_id, user_id, stars) VALUES ($1, $2, $3)
            ON CONFLICT (resource_id, user_id) DO UPDATE SET stars = excluded.stars, at = now()""";
    static final String RATING_REFRESH = """
            UPDATE library_resource SET rating_sum = (SELECT coalesce(sum(stars), 0) FROM library_rating WHERE resource_id = $1),
              rating_count = (SELECT count(*) FROM library_rating WHERE resource_id = $1) WHERE id = $1""";

    static final String CATALOGUE_OF_GROUP = """
            SELECT id, parent_id, level, name, position FROM library_catalogue WHERE group_id = $1
            ORDER BY position, id""";
    static final String CATALOGUE_NODE = "SELECT id, group_id, parent_id, level, name FROM library_catalogue WHERE id = $1";
    static final String CATALOGUE_INSERT = """
            INSERT INTO library_catalogue (group_id, parent_id, level, name, position) VALUES ($1, $2, $3, $4,
              (SELECT coalesce(max(position), 0) + 1 FROM library_catalogue WHERE group_id = $1
                AND parent_id IS NOT DISTINCT FROM $2)) RETURNING id""";
    static final String CATALOGUE_RENAME = "UPDATE library_catalogue SET name = $2 WHERE id = $1";
    static final String CATALOGUE_DELETE = "DELETE FROM library_catalogue WHERE id = $1";
    static final String CATALOGUE_COUNT = "SELECT count(*) AS n FROM library_catalogue WHERE group_id = $1";

    static final String SYNONYMS = "SELECT id, terms FROM library_synonym ORDER BY id";
    static final String SYNONYM_INSERT = "INSERT INTO library_synonym (terms, added_by) VALUES ($1, $2) RETURNING id";
}
