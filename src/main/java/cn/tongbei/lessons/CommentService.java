package cn.tongbei.lessons;

import cn.tongbei.access.AccessPolicy;
import cn.tongbei.access.Principal;
import cn.tongbei.lessons.PrepService.PlanView;
import cn.tongbei.lessons.coedit.Change;
import cn.tongbei.lessons.coedit.CoeditHub;
import cn.tongbei.lessons.coedit.Delta;
import cn.tongbei.lessons.coedit.DocStore;
import cn.tongbei.platform.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Comments anchored to text ranges of a plan, with one level of replies and resolve. An anchor is kept at
 * a revision and moved to the head with {@link Delta#transformPosition} over the changes in between: its
 * start moves past text inserted right at it, its end does not, so the comment keeps covering its text.
 */
public final class CommentService {
    static final String INSERT = "INSERT INTO plan_comment (plan_id, parent_id, author_id, body, anchor_revision,"
            + " anchor_index, anchor_length, quote) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
    static final String LIST = "SELECT c.id, c.parent_id, c.author_id, u.display_name, c.body, c.anchor_revision,"
            + " c.anchor_index, c.anchor_length, c.quote, c.resolved, c.created_at FROM plan_comment c"
            + " JOIN app_user u ON u.id = c.author_id WHERE c.plan_id = $1 ORDER BY c.id";
    static final String ONE = "SELECT id, plan_id, parent_id, author_id FROM plan_comment WHERE id = $1";
    static final String RESOLVE = "UPDATE plan_comment SET resolved = $2 WHERE id = $1";

    /** A range in the document at a revision. */
    public record Anchor(int revision, int index, int length) {}

    private final Pool pool;
    private final PrepService prep;
    private final DocStore docs;
    private CoeditHub hub;

    CommentService(Pool pool, PrepService prep, DocStore docs) {
        this.pool = pool;
        this.prep = prep;
        this.docs = docs;
    }

    void attach(CoeditHub hub) {
        this.hub = hub;
    }

    /** Moves a range from its revision over {@code changes} (ordered) to the last of them. */
    static int[] move(Anchor a, List<Change> changes) {
        int start = a.index();
        int end = a.index() + a.length();
        for (Change c : changes) {
            if (c.revision() > a.revision()) {
                start = c.delta().transformPosition(start, false);
                end = Math.max(start, c.delta().transformPosition(end, true));
            }
        }
        return new int[]{start, end};
    }

    public Future<JsonArray> list(Principal p, long planId) {
        return prep.plan(p, planId).compose(v -> hub.head(v.plan().docId()).compose(head -> pool.preparedQuery(LIST)
                .execute(Tuple.of(planId)).compose(rows -> {
                    int oldest = head.revision();
                    for (Row r : rows) {
                        if (r.getInteger("anchor_revision") != null) {
                            oldest = Math.min(oldest, r.getInteger("anchor_revision"));
                        }
                    }
                    return docs.changes(v.plan().docId(), oldest, head.revision())
                            .map(changes -> toJson(rows, changes, head.content()));
                })));
    }

    private static JsonArray toJson(Iterable<Row> rows, List<Change> changes, Delta content) {
        String text = flat(content);
        Map<Long, JsonObject> threads = new LinkedHashMap<>();
        for (Row r : rows) {
            JsonObject c = new JsonObject().put("id", r.getLong("id")).put("authorId", r.getLong("author_id"))
                    .put("author", r.getString("display_name")).put("body", r.getString("body"))
                    .put("resolved", r.getBoolean("resolved"))
                    .put("at", r.getOffsetDateTime("created_at").toInstant().toString());
            Long parent = r.getLong("parent_id");
            if (parent != null && threads.containsKey(parent)) {
                threads.get(parent).getJsonArray("replies").add(c);
                continue;
            }
            int[] range = move(new Anchor(r.getInteger("anchor_revision"), r.getInteger("anchor_index"),
                    r.getInteger("anchor_length")), changes);
            int end = Math.min(range[1], text.length());
            int start = Math.min(range[0], end);
            threads.put(r.getLong("id"), c.put("range", new JsonObject().put("index", start).put("length",
                    end - start)).put("quote", text.substring(start, end)).put("originalQuote", r.getString("quote"))
                    .put("replies", new JsonArray()));
        }
        return new JsonArray(new ArrayList<>(threads.values()));
    }

    private static String flat(Delta d) {
        StringBuilder sb = new StringBuilder();
        d.ops().forEach(o -> sb.append(o.text() != null ? o.text() : "\uFFFC"));
        return sb.toString();
    }

    /** Comments a range given at the client's revision; it is stored moved to the head. */
    public Future<JsonObject> create(Principal p, long planId, Anchor at, String body) {
        return prep.plan(p, planId).compose(v -> {
            AccessPolicy.commentPlan(p, v.plan().ref(v.activity(), p)).require();
            return hub.head(v.plan().docId()).compose(head -> {
                if (at.revision() > head.revision()) {
                    throw ApiException.badRequest("lessons_no_such_revision");
                }
                return docs.changes(v.plan().docId(), at.revision(), head.revision()).compose(changes -> {
                    int[] range = move(at, changes);
                    String text = flat(head.content());
                    if (range[1] > text.length() - 1 || range[0] >= range[1]) {
                        throw ApiException.badRequest("lessons_bad_range");
                    }
                    return insert(planId, null, p, body, new Anchor(head.revision(), range[0], range[1] - range[0]),
                            text.substring(range[0], range[1]));
                });
            });
        });
    }

    private Future<JsonObject> insert(long planId, Long parent, Principal p, String body, Anchor a, String quote) {
        return pool.preparedQuery(INSERT).execute(Tuple.from(java.util.Arrays.asList(planId, parent, p.userId(), body,
                a == null ? null : a.revision(), a == null ? null : a.index(), a == null ? null : a.length(),
                quote))).map(rows -> new JsonObject().put("id", rows.iterator().next().getLong("id")));
    }

    private Future<Row> comment(long id) {
        return pool.preparedQuery(ONE).execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                throw ApiException.notFound();
            }
            return rows.iterator().next();
        });
    }

    public Future<JsonObject> reply(Principal p, long commentId, String body) {
        return comment(commentId).compose(c -> prep.plan(p, c.getLong("plan_id")).compose(v -> {
            AccessPolicy.commentPlan(p, v.plan().ref(v.activity(), p)).require();
            if (c.getLong("parent_id") != null) {
                throw ApiException.badRequest("lessons_reply_to_reply");
            }
            return insert(v.plan().id(), commentId, p, body, null, "");
        }));
    }

    public Future<JsonObject> resolve(Principal p, long commentId, boolean resolved) {
        return comment(commentId).compose(c -> prep.plan(p, c.getLong("plan_id")).compose((PlanView v) -> {
            AccessPolicy.resolveComment(p, v.plan().ref(v.activity(), p), c.getLong("author_id") == p.userId())
                    .require();
            return pool.preparedQuery(RESOLVE).execute(Tuple.of(commentId, resolved))
                    .map(x -> new JsonObject().put("id", commentId).put("resolved", resolved));
        }));
    }
}
