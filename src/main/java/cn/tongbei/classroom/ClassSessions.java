package cn.tongbei.classroom;

import cn.tongbei.access.AccessPolicy;
import cn.tongbei.access.Principal;
import cn.tongbei.classroom.sync.SessionDirectory;
import cn.tongbei.platform.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The scheduled sessions: create, read, schedule, courseware and status. A service, independent of the web. */
public final class ClassSessions implements SessionDirectory {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A classroom to invite: a terminal account and optionally its assistant teacher. */
    public record Invite(long terminalId, Long assistantId) {}

    /** A new session as validated from the request. */
    public record NewSession(long groupId, String title, String subject, OffsetDateTime startsAt,
            int durationMinutes, Long libraryResourceId, List<Invite> classrooms, List<Long> observers) {}

    private final Pool pool;

    public ClassSessions(Pool pool) {
        this.pool = pool;
    }

    /** The session or 404. No authorization: callers check with {@link AccessPolicy}. */
    public Future<ClassSession> get(long id) {
        return pool.preparedQuery(ClassSessionSql.GET).execute(Tuple.of(id)).compose(rows -> rows.size() == 0
                ? Future.failedFuture(ApiException.notFound())
                : Future.succeededFuture(ClassSession.from(rows.iterator().next())));
    }

    /** The session if the principal may see it (404 outside the group, 403 inside it). */
    public Future<ClassSession> visible(Principal p, long id) {
        return get(id).map(s -> {
            AccessPolicy.viewClassSession(p, s.ref()).require();
            return s;
        });
    }

    /** Every session the user takes part in, by start time. */
    public Future<List<ClassSession>> schedule(Principal p) {
        return pool.preparedQuery(ClassSessionSql.SCHEDULE).execute(Tuple.of(p.userId())).map(rows -> {
            List<ClassSession> out = new ArrayList<>();
            rows.forEach(r -> out.add(ClassSession.from(r)));
            return out;
        });
    }

    /** Schedules a session; every terminal must be a classroom terminal of a school in the group. */
    public Future<ClassSession> create(Principal p, NewSession n) {
        AccessPolicy.scheduleClassSession(p, n.groupId()).require();
        return create(p, n, 3).compose(this::get);
    }

    /** A drawn join code that is already taken rolls the transaction back; it is drawn again, a few times. */
    private Future<Long> create(Principal p, NewSession n, int attempts) {
        return pool.withTransaction(c -> checkPeople(c, n).compose(terminals -> insert(c, p, n, terminals)))
                .recover(e -> attempts > 1 && e instanceof ApiException a && a.code().equals("classroom_code_clash")
                        ? create(p, n, attempts - 1)
                        : Future.failedFuture(e));
    }

    private Future<Map<Long, Row>> checkPeople(SqlConnection c, NewSession n) {
        Long[] terminalIds = n.classrooms().stream().map(Invite::terminalId).toArray(Long[]::new);
        Long[] assistants = n.classrooms().stream().map(Invite::assistantId).filter(java.util.Objects::nonNull)
                .distinct().toArray(Long[]::new);
        Long[] observers = n.observers().toArray(Long[]::new);
        return c.preparedQuery(ClassSessionSql.TERMINALS)
                .execute(Tuple.tuple().addLong(n.groupId()).addArrayOfLong(terminalIds)).compose(rows -> {
                    Map<Long, Row> found = new HashMap<>();
                    rows.forEach(r -> found.put(r.getLong("user_id"), r));
                    for (Long id : terminalIds) {
                        if (!found.containsKey(id)) {
                            return Future.failedFuture(ApiException.badRequest("classroom_not_terminal", id));
                        }
                    }
                    return count(c, n.groupId(), new String[]{"TEACHER"}, assistants)
                            .compose(a -> a != assistants.length
                                    ? Future.failedFuture(ApiException.badRequest("classroom_assistant_not_teacher"))
                                    : count(c, n.groupId(),
                                            new String[]{"TEACHER", "OBSERVER", "SCHOOL_ADMIN", "GROUP_ADMIN"},
                                            observers))
                            .compose(o -> o != observers.length
                                    ? Future.failedFuture(ApiException.badRequest("classroom_observer_not_in_group"))
                                    : Future.succeededFuture(found));
                });
    }

    private static Future<Integer> count(SqlConnection c, long groupId, String[] roles, Long[] ids) {
        if (ids.length == 0) {
            return Future.succeededFuture(0);
        }
        return c.preparedQuery(ClassSessionSql.HOLDERS)
                .execute(Tuple.tuple().addLong(groupId).addArrayOfString(roles).addArrayOfLong(ids)).map(rows -> rows
                        .size());
    }

    private Future<Long> insert(SqlConnection c, Principal p, NewSession n, Map<Long, Row> terminals) {
        return c.preparedQuery(ClassSessionSql.INSERT).execute(Tuple.of(n.groupId(), p.userId(), n.title(), n
                .subject(), n.startsAt(), n.durationMinutes(), n.libraryResourceId())).compose(rows -> {
                    long id = rows.iterator().next().getLong("id");
                    List<Tuple> rooms = new ArrayList<>();
                    java.util.Set<String> drawn = new java.util.HashSet<>();
                    for (Invite i : n.classrooms()) {
                        String code;
                        do {
                            code = joinCode();
                        } while (!drawn.add(code));
                        Row t = terminals.get(i.terminalId());
                        rooms.add(Tuple.of(id, i.terminalId(), t.getLong("school_id"), i.assistantId(), t.getString(
                                "display_name"), code));
                    }
                    List<Tuple> obs = n.observers().stream().map(o -> Tuple.of(id, o)).toList();
                    Future<?> roomsDone = c.preparedQuery(ClassSessionSql.INSERT_CLASSROOM).executeBatch(rooms);
                    return roomsDone.compose(v -> obs.isEmpty()
                            ? Future.succeededFuture()
                            : c.preparedQuery(
                                    ClassSessionSql.INSERT_OBSERVER).executeBatch(obs))
                            .map(id);
                }).recover(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState())
                        ? Future.failedFuture(ApiException.conflict("classroom_code_clash"))
                        : Future.failedFuture(e));
    }

    private static String joinCode() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    /** Records the uploaded courseware and its page count. */
    public Future<Void> courseware(long id, String key, String name, int pages) {
        return pool.preparedQuery(ClassSessionSql.SET_COURSEWARE).execute(Tuple.of(id, key, name, pages)).mapEmpty();
    }

    /** The session and classroom a join code opens, or 404. */
    public Future<JsonObject> byJoinCode(String code) {
        return pool.preparedQuery(ClassSessionSql.BY_JOIN_CODE).execute(Tuple.of(code)).compose(rows -> rows
                .size() == 0
                        ? Future.failedFuture(ApiException.notFound())
                        : Future.succeededFuture(new JsonObject().put("sessionId", rows.iterator().next().getLong(
                                "session_id")).put("classroom", rows.iterator().next().getLong("terminal_id"))));
    }

    /** Adds an observer's review note. */
    public Future<JsonObject> addNote(long sessionId, long authorId, long atSeq, String body) {
        return pool.preparedQuery(ClassSessionSql.INSERT_NOTE).execute(Tuple.of(sessionId, authorId, atSeq, body))
                .map(rows -> new JsonObject().put("id", rows.iterator().next().getLong("id")).put("atSeq", atSeq)
                        .put("body", body).put("createdAt", rows.iterator().next().getOffsetDateTime("created_at")
                                .toString()));
    }

    public Future<List<JsonObject>> notes(long sessionId) {
        return pool.preparedQuery(ClassSessionSql.NOTES).execute(Tuple.of(sessionId)).map(rows -> {
            List<JsonObject> out = new ArrayList<>();
            rows.forEach(r -> out.add(new JsonObject().put("id", r.getLong("id")).put("authorId", r.getLong(
                    "author_id")).put("authorName", r.getString("display_name")).put("atSeq", r.getLong("at_seq"))
                    .put("body", r.getString("body")).put("createdAt", r.getOffsetDateTime("created_at")
                            .toString())));
            return out;
        });
    }

    @Override
    public Future<SessionInfo> info(long sessionId) {
        return get(sessionId).map(s -> new SessionInfo(s.ref(), s.pageCount()));
    }

    @Override
    public Future<Void> status(long sessionId, String status) {
        return pool.preparedQuery(ClassSessionSql.SET_STATUS).execute(Tuple.of(sessionId, status)).mapEmpty();
    }
}
