package cn.tongbei.lessons;

import cn.tongbei.access.AccessPolicy;
import cn.tongbei.access.AccessPolicy.PlanState;
import cn.tongbei.access.AccessPolicy.TeamRef;
import cn.tongbei.access.Principal;
import cn.tongbei.lessons.Records.Activity;
import cn.tongbei.lessons.Records.Plan;
import cn.tongbei.lessons.coedit.CoeditHub;
import cn.tongbei.lessons.coedit.Delta;
import cn.tongbei.lessons.coedit.DocAccess;
import cn.tongbei.lessons.coedit.DocStore;
import cn.tongbei.lessons.coedit.Sequencer;
import cn.tongbei.platform.db.Audit;
import cn.tongbei.platform.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Prep activities and lesson plans: scheduling, the plan workflow with recorded transitions, forks into
 * personal plans, and the authorization of co-edited plan documents. A service, independent of the web layer.
 */
public final class PrepService implements DocAccess {

    /** What scheduling an activity needs. */
    public record NewActivity(long teamId, String topic, String contentUnit, OffsetDateTime startsAt, int durationMin,
            String place, boolean online, List<Integer> repeatDays, LocalDate repeatUntil, long leadId,
            List<Long> participantIds, PlanMeta plan) {}

    /** Changes to an activity; null fields stay as they are. */
    public record ActivityChange(String topic, String contentUnit, String place, Boolean online, String status,
            String notes) {
        boolean onlyNotes() {
            return topic == null && contentUnit == null && place == null && online == null && status == null;
        }
    }

    /** A plan's metadata; null fields stay as they are (on update). */
    public record PlanMeta(String title, String subject, String grade, String edition, String unit, String lesson,
            Integer classHours) {}

    /** A plan together with its activity and what the user may do with it. */
    public record PlanView(Plan plan, Activity activity, DocAccess.Level level) {}

    private final Pool pool;
    private final DocStore docs;
    private CoeditHub hub;

    public PrepService(Pool pool, DocStore docs) {
        this.pool = pool;
        this.docs = docs;
    }

    void attach(CoeditHub hub) {
        this.hub = hub;
    }

    // ---- activities ----

    public Future<List<Activity>> listActivities(Principal p, Long teamId) {
        Long[] teams = p.teams().stream().map(t -> t.teamId()).toArray(Long[]::new);
        Long[] adminGroups = p.groupIds().stream().filter(p::isGroupAdmin).toArray(Long[]::new);
        return pool.preparedQuery(LessonSql.MY_ACTIVITIES).execute(Tuple.of(teams, p.userId(), adminGroups, teamId))
                .map(rows -> {
                    List<Activity> out = new ArrayList<>();
                    rows.forEach(r -> out.add(Activity.from(r, p.userId())));
                    return out;
                });
    }

    public Future<Activity> activity(Principal p, long id) {
        return pool.preparedQuery(LessonSql.ACTIVITY).execute(Tuple.of(id, p.userId())).map(rows -> {
            if (rows.size() == 0) {
                throw ApiException.notFound();
            }
            Activity a = Activity.from(rows.iterator().next(), p.userId());
            AccessPolicy.viewActivity(p, a.ref()).require();
            return a;
        });
    }

    public Future<List<JsonObject>> participants(long activityId) {
        return pool.preparedQuery(LessonSql.PARTICIPANTS).execute(Tuple.of(activityId)).map(rows -> {
            List<JsonObject> out = new ArrayList<>();
            rows.forEach(r -> out.add(new JsonObject().put("id", r.getLong("id")).put("name", r.getString(
                    "display_name")).put("school", r.getString("school_name"))));
            return out;
        });
    }

    public Future<Activity> createActivity(Principal p, NewActivity n) {
        return pool.preparedQuery(LessonSql.TEAM).execute(Tuple.of(n.teamId())).compose(rows -> {
            if (rows.size() == 0) {
                throw ApiException.notFound();
            }
            Row team = rows.iterator().next();
            long groupId = team.getLong("group_id");
            AccessPolicy.scheduleActivity(p, new TeamRef(n.teamId(), groupId)).require();
            Set<Long> people = new HashSet<>(n.participantIds());
            people.add(n.leadId());
            return checkUsersInGroup(people, groupId).compose(v -> pool.withTransaction(conn -> insertActivity(conn, p,
                    n, groupId, team))).compose(id -> activity(p, id));
        });
    }

    private Future<Void> checkUsersInGroup(Set<Long> ids, long groupId) {
        return pool.preparedQuery(LessonSql.USERS_IN_GROUP).execute(Tuple.of(ids.toArray(Long[]::new), groupId))
                .map(rows -> {
                    if (rows.size() != ids.size()) {
                        throw ApiException.badRequest("lessons_unknown_people");
                    }
                    return null;
                });
    }

    private Future<Long> insertActivity(SqlConnection conn, Principal p, NewActivity n, long groupId, Row team) {
        Tuple t = Tuple.of(groupId, n.teamId(), n.topic(), n.contentUnit(), n.startsAt(), n.durationMin(), n.place(),
                n.online(), n.repeatDays().toArray(Integer[]::new), n.repeatUntil(), n.leadId(), p.userId());
        return conn.preparedQuery(LessonSql.INSERT_ACTIVITY).execute(t).map(rows -> rows.iterator().next().getLong(
                "id")).compose(id -> {
                    List<Tuple> parts = new ArrayList<>();
                    Set<Long> people = new HashSet<>(n.participantIds());
                    people.add(n.leadId());
                    people.forEach(u -> parts.add(Tuple.of(id, u)));
                    PlanMeta m = n.plan();
                    return conn.preparedQuery(LessonSql.INSERT_PARTICIPANT).executeBatch(parts)
                            .compose(x -> docs.create(conn, PlanTemplate.initial()))
                            .compose(docId -> conn.preparedQuery(LessonSql.INSERT_PLAN)
                                    .execute(Tuple.from(java.util.Arrays.asList(
                                            id, nullLong(), n.leadId(), docId, orElse(m.title(), n.topic()),
                                            orElse(m.subject(), team.getString("subject")),
                                            orElse(m.grade(), orElse(team.getString("grade"), "")),
                                            orElse(m.edition(), ""),
                                            orElse(m.unit(), n.contentUnit()), orElse(m.lesson(), ""),
                                            m.classHours() == null ? 1 : m.classHours(), PlanState.DRAFT.name(),
                                            nullInt()))))
                            .compose(x -> Audit.record(conn, p.userId(), groupId, "lessons.activity.create",
                                    "prep_activity:" + id, new JsonObject().put("topic", n.topic())))
                            .map(id);
                });
    }

    private static Object nullLong() {
        return (Long) null;
    }

    private static Object nullInt() {
        return (Integer) null;
    }

    private static String orElse(String v, String other) {
        return v == null || v.isBlank() ? other : v;
    }

    public Future<Activity> updateActivity(Principal p, long id, ActivityChange c) {
        return activity(p, id).compose(a -> {
            if (c.onlyNotes()) {
                AccessPolicy.writeActivityNotes(p, a.ref()).require();
            } else {
                AccessPolicy.scheduleActivity(p, new TeamRef(a.teamId(), a.groupId())).require();
            }
            return pool.preparedQuery(LessonSql.UPDATE_ACTIVITY)
                    .execute(Tuple.from(java.util.Arrays.<Object>asList(id, c.topic(), c.contentUnit(), c.place(),
                            c.online(), c.status(), c.notes())))
                    .compose(x -> activity(p, id));
        });
    }

    // ---- plans ----

    /** The plans of an activity this user may read. */
    public Future<List<PlanView>> plansOf(Principal p, Activity a) {
        return pool.preparedQuery(LessonSql.PLANS_OF_ACTIVITY).execute(Tuple.of(a.id())).map(rows -> {
            List<PlanView> out = new ArrayList<>();
            for (Row r : rows) {
                Plan plan = Plan.from(r);
                DocAccess.Level level = levelOf(p, plan, a);
                if (level != DocAccess.Level.NONE) {
                    out.add(new PlanView(plan, a, level));
                }
            }
            return out;
        });
    }

    public Future<PlanView> plan(Principal p, long planId) {
        return planBy(p, LessonSql.PLAN, planId);
    }

    private Future<PlanView> planBy(Principal p, String sql, long key) {
        return pool.preparedQuery(sql).execute(Tuple.of(key)).compose(rows -> {
            if (rows.size() == 0) {
                throw ApiException.notFound();
            }
            Plan plan = Plan.from(rows.iterator().next());
            return activityUnchecked(p, plan.activityId()).map(a -> {
                AccessPolicy.readPlan(p, plan.ref(a, p)).require();
                return new PlanView(plan, a, levelOf(p, plan, a));
            });
        });
    }

    private Future<Activity> activityUnchecked(Principal p, long id) {
        return pool.preparedQuery(LessonSql.ACTIVITY).execute(Tuple.of(id, p.userId()))
                .map(rows -> Activity.from(rows.iterator().next(), p.userId()));
    }

    private static DocAccess.Level levelOf(Principal p, Plan plan, Activity a) {
        if (AccessPolicy.editPlan(p, plan.ref(a, p)).allowed()) {
            return DocAccess.Level.EDIT;
        }
        return AccessPolicy.readPlan(p, plan.ref(a, p)).allowed() ? DocAccess.Level.READ : DocAccess.Level.NONE;
    }

    @Override
    public Future<DocAccess.Level> level(Principal p, long docId) {
        return planBy(p, LessonSql.PLAN_BY_DOC, docId).map(PlanView::level).recover(e -> e instanceof ApiException
                ? Future.succeededFuture(DocAccess.Level.NONE)
                : Future.failedFuture(e));
    }

    public Future<PlanView> updatePlan(Principal p, long planId, PlanMeta m) {
        return plan(p, planId).compose(v -> {
            AccessPolicy.editPlan(p, v.plan().ref(v.activity(), p)).require();
            return pool.preparedQuery(LessonSql.UPDATE_PLAN)
                    .execute(Tuple.from(java.util.Arrays.<Object>asList(planId, m.title(), m.subject(), m.grade(),
                            m.edition(), m.unit(), m.lesson(), m.classHours())))
                    .compose(x -> plan(p, planId));
        });
    }

    /** Moves a plan through the workflow, recording who did it at which revision. */
    public Future<PlanView> transition(Principal p, long planId, PlanState to) {
        return plan(p, planId).compose(v -> {
            AccessPolicy.transitionPlan(p, v.plan().ref(v.activity(), p), to).require();
            return hub.head(v.plan().docId()).compose(head -> pool.withTransaction(conn -> conn
                    .preparedQuery(LessonSql.SET_STATE).execute(Tuple.from(java.util.Arrays.asList(planId, to.name(),
                            to == PlanState.COMMON ? head.revision() : nullInt(), v.plan().state().name())))
                    .compose(rows -> {
                        if (rows.rowCount() != 1) {
                            throw ApiException.conflict("lessons_state_changed");
                        }
                        return conn.preparedQuery(LessonSql.INSERT_TRANSITION).execute(Tuple.of(planId,
                                v.plan().state().name(), to.name(), p.userId(), head.revision()));
                    })
                    .compose(x -> Audit.record(conn, p.userId(), v.activity().groupId(), "lessons.plan.transition",
                            "lesson_plan:" + planId, new JsonObject().put("from", v.plan().state().name())
                                    .put("to", to.name())))))
                    .compose(x -> hub.accessChanged(v.plan().docId())).compose(x -> plan(p, planId));
        });
    }

    /** Forks the common plan into the user's personal plan (or returns the existing one). */
    public Future<PlanView> fork(Principal p, long planId) {
        return plan(p, planId).compose(v -> {
            AccessPolicy.forkPlan(p, v.plan().ref(v.activity(), p)).require();
            Plan common = v.plan();
            return docs.load(common.docId(), common.commonRevision()).compose(content -> pool.withTransaction(
                    conn -> docs
                            .create(conn, content.content()).compose(docId -> conn.preparedQuery(LessonSql.INSERT_PLAN)
                                    .execute(Tuple.from(
                                            java.util.Arrays.asList(common.activityId(), common.id(), p.userId(), docId,
                                                    common.title(), common.subject(), common.grade(), common.edition(),
                                                    common.unit(),
                                                    common.lesson(), common.classHours(), PlanState.PERSONAL.name(),
                                                    content.revision()))))
                            .compose(rows -> conn.preparedQuery(LessonSql.INSERT_TRANSITION).execute(Tuple.of(
                                    rows.iterator().next().getLong("id"), PlanState.COMMON.name(),
                                    PlanState.PERSONAL.name(), p.userId(), content.revision()))
                                    .map(rows.iterator().next().getLong("id")))))
                    .recover(e -> isUniqueViolation(e) ? personalOf(common.id(), p) : Future.failedFuture(e))
                    .compose(id -> plan(p, id));
        });
    }

    private Future<Long> personalOf(long commonId, Principal p) {
        return pool.preparedQuery("SELECT id FROM lesson_plan WHERE parent_id = $1 AND owner_id = $2")
                .execute(Tuple.of(commonId, p.userId())).map(rows -> rows.iterator().next().getLong("id"));
    }

    private static boolean isUniqueViolation(Throwable e) {
        return e instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState());
    }

    public Future<List<JsonObject>> transitions(long planId) {
        return pool.preparedQuery(LessonSql.TRANSITIONS).execute(Tuple.of(planId)).map(rows -> {
            List<JsonObject> out = new ArrayList<>();
            rows.forEach(r -> out.add(new JsonObject().put("from", r.getString("from_state"))
                    .put("to", r.getString("to_state")).put("revision", r.getInteger("revision"))
                    .put("at", r.getOffsetDateTime("at").toInstant().toString())
                    .put("by", r.getString("display_name"))));
            return out;
        });
    }

    // ---- content, history, versions ----

    /** The plan's content at a revision (the head when null). */
    public Future<DocStore.Loaded> content(Principal p, long planId, Integer revision) {
        return plan(p, planId).compose(v -> hub.head(v.plan().docId()).compose(head -> {
            if (revision != null && (revision < 0 || revision > head.revision())) {
                throw ApiException.badRequest("lessons_no_such_revision");
            }
            return revision == null ? Future.succeededFuture(head) : docs.load(v.plan().docId(), revision);
        }));
    }

    public Future<List<JsonObject>> history(Principal p, long planId, int limit) {
        return history(p, planId, limit, null);
    }

    /** Attributed changes, newest first; with {@code before}, only revisions below it (the next page). */
    public Future<List<JsonObject>> history(Principal p, long planId, int limit, Integer before) {
        return plan(p, planId).compose(v -> docs.head(v.plan().docId()).compose(head -> pool.preparedQuery(
                LessonSql.HISTORY).execute(
                        Tuple.of(v.plan().docId(),
                                before == null ? head : Math.min(head, before - 1), limit))))
                .map(this::historyRows);
    }

    /** The difference between two revisions of the plan (the head for a null one), as display segments. */
    public Future<JsonObject> diff(Principal p, long planId, Integer from, Integer to) {
        return content(p, planId, from).compose(a -> content(p, planId, to).map(b -> new JsonObject()
                .put("from", a.revision()).put("to", b.revision())
                .put("segments", VersionDiff.segments(a.content(), b.content()))));
    }

    private List<JsonObject> historyRows(RowSet<Row> rows) {
        List<JsonObject> out = new ArrayList<>();
        rows.forEach(r -> {
            Delta d = cn.tongbei.lessons.coedit.PlainJson.delta(r.getValue("delta"));
            out.add(new JsonObject().put("revision", r.getInteger("revision")).put("authorId", r.getLong("author_id"))
                    .put("author", r.getString("display_name"))
                    .put("at", r.getOffsetDateTime("created_at").toInstant().toString())
                    .put("inserted", d.ops().stream().filter(o -> o.isInsert()).mapToInt(o -> o.length()).sum())
                    .put("deleted", d.ops().stream().filter(o -> o.isDelete()).mapToInt(o -> o.length()).sum()));
        });
        return out;
    }

    public Future<List<JsonObject>> versions(Principal p, long planId) {
        return plan(p, planId).compose(v -> pool.preparedQuery(LessonSql.VERSIONS).execute(Tuple.of(
                v.plan().docId()))).map(rows -> {
                    List<JsonObject> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new JsonObject().put("id", r.getLong("id"))
                            .put("revision", r.getInteger("revision")).put("name", r.getString("name"))
                            .put("by", r.getString("display_name"))
                            .put("at", r.getOffsetDateTime("created_at").toInstant().toString())));
                    return out;
                });
    }

    /** Names the current revision (or a given one): anyone who may read the plan in the team. */
    public Future<JsonObject> nameVersion(Principal p, long planId, String name, Integer revision) {
        return plan(p, planId).compose(v -> hub.head(v.plan().docId()).compose(head -> {
            int rev = revision == null ? head.revision() : revision;
            if (rev < 0 || rev > head.revision()) {
                throw ApiException.badRequest("lessons_no_such_revision");
            }
            return pool.preparedQuery(LessonSql.INSERT_VERSION).execute(Tuple.of(v.plan().docId(), rev, name,
                    p.userId())).map(
                            rows -> new JsonObject().put("id", rows.iterator().next().getLong("id"))
                                    .put("revision", rev).put("name", name));
        }));
    }

    /** Restores an old revision as a new change (history is never rewritten). */
    public Future<JsonObject> restore(Principal p, long planId, int revision) {
        return plan(p, planId).compose(v -> {
            AccessPolicy.editPlan(p, v.plan().ref(v.activity(), p)).require();
            long docId = v.plan().docId();
            return hub.head(docId).compose(head -> {
                if (revision < 0 || revision > head.revision()) {
                    throw ApiException.badRequest("lessons_no_such_revision");
                }
                return docs.load(docId, revision).compose(old -> {
                    Delta change = head.content().diff(old.content());
                    return hub.submit(docId, new Sequencer.Submission("restore-" + UUID.randomUUID(), 1,
                            head.revision(), change, p.userId()));
                });
            }).map(outcome -> switch (outcome) {
                case Sequencer.Accepted a -> new JsonObject().put("revision", a.change().revision());
                case Sequencer.Rejected r -> throw ApiException.conflict("lessons_restore_failed", r.code());
            });
        });
    }
}
