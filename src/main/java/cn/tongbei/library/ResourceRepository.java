package cn.tongbei.library;

import cn.tongbei.platform.http.ApiException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** Resources, their stored files, counters and extracted text in PostgreSQL. */
public final class ResourceRepository {
    private final Pool pool;

    /** A resource about to be created: its stored file and who shares it where. */
    public record NewResource(long ownerId, long groupId, Long schoolId, String fileName, Resource.Metadata meta,
            String reviewState) {}

    /** A file as stored in S3. */
    public record StoredFile(String sha256, String objectKey, long size, String mime) {}

    /** The blob a new resource got, and whether the upload's own object turned out to be a duplicate. */
    public record Created(long id, boolean duplicate) {}

    public ResourceRepository(Pool pool) {
        this.pool = pool;
    }

    public Future<Resource> find(long id) {
        return pool.preparedQuery(LibrarySql.RESOURCE_BY_ID).execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                throw ApiException.notFound();
            }
            return Resource.from(rows.iterator().next());
        });
    }

    public Future<List<Resource>> findAll(List<Long> ids) {
        return pool.preparedQuery(LibrarySql.RESOURCES_BY_IDS).execute(Tuple.of(ids.toArray(Long[]::new)))
                .map(ResourceRepository::list);
    }

    /** A page of all resources after {@code afterId}, for index rebuilds. */
    public Future<List<Resource>> page(long afterId, int size) {
        return pool.preparedQuery(LibrarySql.RESOURCES_ALL).execute(Tuple.of(afterId, size))
                .map(ResourceRepository::list);
    }

    /** How many resources there are (rebuild progress). */
    public Future<Long> count() {
        return pool.query("SELECT count(*) FROM library_resource").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    public Future<List<Resource>> list(String sql, long param) {
        return pool.preparedQuery(sql).execute(Tuple.of(param)).map(ResourceRepository::list);
    }

    public Future<Boolean> requiresReview(long groupId) {
        return pool.preparedQuery(LibrarySql.REQUIRE_REVIEW).execute(Tuple.of(groupId))
                .map(rows -> rows.size() > 0 && rows.iterator().next().getBoolean(0));
    }

    public Future<Void> setRequiresReview(long groupId, boolean required) {
        return pool.preparedQuery(LibrarySql.SET_REQUIRE_REVIEW).execute(Tuple.of(groupId, required)).mapEmpty();
    }

    /**
     * Records the stored file (or finds the identical one stored before) and the resource, in one
     * transaction. {@code duplicate} tells the caller to delete the object it just uploaded.
     */
    public Future<Created> create(StoredFile file, NewResource n) {
        return pool.withTransaction(c -> blobFor(c, file).compose(blob -> insert(c, blob.getLong(0), n)
                .map(id -> new Created(id, !blob.getString(1).equals(file.objectKey())))));
    }

    private static Future<Row> blobFor(SqlConnection c, StoredFile file) {
        return c.preparedQuery(LibrarySql.BLOB_INSERT)
                .execute(Tuple.of(file.sha256(), file.objectKey(), file.size(), file.mime()))
                .compose(rows -> rows.size() > 0
                        ? Future.succeededFuture(rows.iterator().next())
                        : c.preparedQuery(LibrarySql.BLOB_BY_HASH).execute(Tuple.of(file.sha256()))
                                .map(found -> found.iterator().next()));
    }

    private static Future<Long> insert(SqlConnection c, long blobId, NewResource n) {
        Resource.Metadata m = n.meta();
        Tuple t = Tuple.tuple().addLong(blobId).addLong(n.ownerId()).addLong(n.groupId()).addLong(n.schoolId())
                .addString(n.fileName()).addString(m.title()).addString(m.description()).addString(m.stage())
                .addString(m.grade()).addString(m.subject()).addString(m.edition()).addString(m.volume())
                .addString(m.unit()).addString(m.section()).addLong(m.catalogueId()).addString(m.type())
                .addArrayOfString(m.tags().toArray(String[]::new)).addString(m.licence()).addString(m.visibility())
                .addString(n.reviewState()).addString("processing");
        return c.preparedQuery(LibrarySql.RESOURCE_INSERT).execute(t).map(rows -> rows.iterator().next().getLong(0));
    }

    public Future<Void> update(long id, Resource.Metadata m, String reviewState) {
        Tuple t = Tuple.tuple().addLong(id).addString(m.title()).addString(m.description()).addString(m.stage())
                .addString(m.grade()).addString(m.subject()).addString(m.edition()).addString(m.volume())
                .addString(m.unit()).addString(m.section()).addLong(m.catalogueId()).addString(m.type())
                .addArrayOfString(m.tags().toArray(String[]::new)).addString(m.licence()).addString(m.visibility())
                .addString(reviewState);
        return pool.preparedQuery(LibrarySql.RESOURCE_UPDATE).execute(t).mapEmpty();
    }

    /** Deletes the resource; answers the object key to remove when no other resource shares the file. */
    public Future<String> delete(long id) {
        return pool.withTransaction(c -> c.preparedQuery(LibrarySql.RESOURCE_DELETE).execute(Tuple.of(id))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(ApiException.notFound())
                        : c.preparedQuery(LibrarySql.BLOB_UNUSED).execute(Tuple.of(rows.iterator().next().getLong(0))))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0)));
    }

    public Future<Void> setStatus(long id, String status, String reason, int chars) {
        return pool.preparedQuery(LibrarySql.SET_STATUS).execute(Tuple.of(id, status, reason, chars)).mapEmpty();
    }

    public Future<Void> setReview(long id, String state, String reason, long reviewer) {
        return pool.preparedQuery(LibrarySql.SET_REVIEW).execute(Tuple.of(id, state, reason, reviewer)).mapEmpty();
    }

    public Future<Void> countDownload(long id) {
        return pool.preparedQuery(LibrarySql.COUNT_DOWNLOAD).execute(Tuple.of(id)).mapEmpty();
    }

    public Future<Void> saveText(long id, String text) {
        return pool.preparedQuery(LibrarySql.TEXT_UPSERT).execute(Tuple.of(id, text)).mapEmpty();
    }

    public Future<String> text(long id) {
        return pool.preparedQuery(LibrarySql.TEXT_OF).execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? "" : rows.iterator().next().getString(0));
    }

    /** The stored embedding of the resource's text, or null. */
    public Future<float[]> vector(long id) {
        return pool.preparedQuery(LibrarySql.VECTOR_OF).execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : floats(rows.iterator().next().getArrayOfFloats(0)));
    }

    /** A resource's extracted text ("" when none) and its embedding (null when none). */
    public record Indexed(String text, float[] vector) {}

    /** The text and the embedding the index needs, in one query. */
    public Future<Indexed> indexed(long id) {
        return pool.preparedQuery(LibrarySql.TEXT_AND_VECTOR_OF).execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                return new Indexed("", null);
            }
            var row = rows.iterator().next();
            String text = row.getString(0);
            return new Indexed(text == null ? "" : text, floats(row.getArrayOfFloats(1)));
        });
    }

    private static float[] floats(Float[] boxed) {
        if (boxed == null) {
            return null;
        }
        float[] out = new float[boxed.length];
        for (int i = 0; i < boxed.length; i++) {
            out[i] = boxed[i];
        }
        return out;
    }

    public Future<Void> saveVector(long id, float[] vector) {
        Float[] boxed = new Float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            boxed[i] = vector[i];
        }
        return pool.preparedQuery(LibrarySql.VECTOR_SAVE).execute(Tuple.tuple().addLong(id).addArrayOfFloat(boxed))
                .mapEmpty();
    }

    public Future<Void> favorite(long id, long userId, boolean on) {
        return pool.preparedQuery(on ? LibrarySql.FAVORITE_ADD : LibrarySql.FAVORITE_REMOVE)
                .execute(Tuple.of(id, userId)).mapEmpty();
    }

    public Future<Boolean> isFavorite(long id, long userId) {
        return pool.preparedQuery(LibrarySql.IS_FAVORITE).execute(Tuple.of(id, userId))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    public Future<Integer> myRating(long id, long userId) {
        return pool.preparedQuery(LibrarySql.MY_RATING).execute(Tuple.of(id, userId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getInteger(0));
    }

    public Future<Void> rate(long id, long userId, int stars) {
        return pool.withTransaction(c -> c.preparedQuery(LibrarySql.RATE).execute(Tuple.of(id, userId, stars))
                .compose(x -> c.preparedQuery(LibrarySql.RATING_REFRESH).execute(Tuple.of(id)))).mapEmpty();
    }

    static List<Resource> list(RowSet<Row> rows) {
        List<Resource> out = new ArrayList<>();
        rows.forEach(r -> out.add(Resource.from(r)));
        return out;
    }
}
