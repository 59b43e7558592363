package cn.tongbei.groups;

import cn.tongbei.access.AccessPolicy;
import cn.tongbei.access.AccessPolicy.SchoolRef;
import cn.tongbei.access.AccessPolicy.TeamRef;
import cn.tongbei.access.Principal;
import cn.tongbei.groups.Records.EduGroup;
import cn.tongbei.groups.Records.School;
import cn.tongbei.groups.Records.Team;
import cn.tongbei.groups.Records.TeamMember;
import cn.tongbei.platform.config.TongbeiConfig;
import cn.tongbei.platform.db.Audit;
import cn.tongbei.platform.db.Databases;
import cn.tongbei.platform.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * Education groups, their schools and their teams. This is a service, independent of the web layer: every
 * method takes the acting {@link Principal}, asks {@link AccessPolicy}, and changes data in one transaction.
 */
public final class GroupService {

    /** A new group and its lead school. */
    public record NewGroup(String name, GroupMode mode, String description, NewSchool leadSchool) {}

    /** A school to add. */
    public record NewSchool(String name, SchoolKind kind, String address) {}

    /** Changes to a group; null fields stay as they are. */
    public record GroupChange(String name, GroupMode mode, String description) {}

    /** Changes to a school; null fields stay as they are. */
    public record SchoolChange(String name, SchoolKind kind, String address) {}

    /** A team to create. */
    public record NewTeam(TeamKind kind, String name, String subject, String grade, String description) {}

    private final Pool pool;
    private final TongbeiConfig.Groups rules;
    private final LongConsumer principalChanged;

    /** {@code principalChanged} hears each user whose grants or teams this service changed, after the commit. */
    public GroupService(Pool pool, TongbeiConfig.Groups rules, LongConsumer principalChanged) {
        this.pool = pool;
        this.rules = rules;
        this.principalChanged = principalChanged;
    }

    // ---- groups

    public Future<List<EduGroup>> listMine(Principal p) {
        Long[] ids = p.groupIds().toArray(Long[]::new);
        return pool.preparedQuery(GroupSql.GROUPS_BY_IDS).execute(Tuple.of(ids)).map(rows -> map(rows, this::group));
    }

    public Future<EduGroup> get(Principal p, long groupId) {
        AccessPolicy.viewGroup(p, groupId).require();
        return group(pool, groupId);
    }

    public Future<EduGroup> create(Principal p, NewGroup g) {
        AccessPolicy.createGroup(p).require();
        return pool.withTransaction(conn -> conn.preparedQuery(GroupSql.GROUP_INSERT)
                .execute(Tuple.of(g.name(), g.mode().name(), nz(g.description())))
                .map(rows -> rows.iterator().next().getLong("id"))
                .compose(groupId -> insertSchool(conn, groupId, g.leadSchool(), true)
                        .compose(schoolId -> conn.preparedQuery(GroupSql.GROUP_SET_LEAD)
                                .execute(Tuple.of(groupId, schoolId)))
                        .compose(x -> conn.preparedQuery(GroupSql.GRANT_GROUP_ADMIN)
                                .execute(Tuple.of(p.userId(), groupId)))
                        .compose(x -> Audit.record(conn, p.userId(), groupId, "group.create", "group:" + groupId,
                                new JsonObject().put("name", g.name()).put("mode", g.mode().name())))
                        .compose(x -> group(conn, groupId))))
                .onSuccess(x -> principalChanged.accept(p.userId()));
    }

    public Future<EduGroup> update(Principal p, long groupId, GroupChange change) {
        AccessPolicy.manageGroup(p, groupId).require();
        return pool.withTransaction(conn -> lockGroup(conn, groupId).compose(mode -> {
            Future<Void> capCheck = Future.succeededFuture();
            if (change.mode() != null && change.mode() != mode) {
                capCheck = memberCount(conn, groupId).compose(count -> {
                    int cap = rules.capFor(change.mode().name());
                    return count > cap
                            ? Future.failedFuture(
                                    ApiException.conflict("mode_cap_too_small", change.mode(), cap, count))
                            : Future.succeededFuture();
                });
            }
            return capCheck
                    .compose(x -> conn.preparedQuery(GroupSql.GROUP_UPDATE).execute(Tuple.of(groupId, change.name(),
                            change.mode() == null ? null : change.mode().name(), change.description())))
                    .compose(x -> Audit.record(conn, p.userId(), groupId, "group.update", "group:" + groupId,
                            new JsonObject().put("name", change.name()).put("mode",
                                    change.mode() == null ? null : change.mode().name())))
                    .compose(x -> group(conn, groupId));
        }));
    }

    // ---- schools

    public Future<List<School>> schools(Principal p, long groupId) {
        AccessPolicy.viewGroup(p, groupId).require();
        return pool.preparedQuery(GroupSql.SCHOOLS_OF_GROUP).execute(Tuple.of(groupId)).map(rows -> map(rows,
                School::from));
    }

    /** Adds a member school, refusing (409) when the group's mode allows no more. */
    public Future<School> addSchool(Principal p, long groupId, NewSchool s) {
        AccessPolicy.manageGroup(p, groupId).require();
        return pool.withTransaction(conn -> lockGroup(conn, groupId)
                .compose(mode -> memberCount(conn, groupId).compose(count -> {
                    int cap = rules.capFor(mode.name());
                    if (count >= cap) {
                        return Future.failedFuture(ApiException.conflict("member_cap_reached", mode, cap, count));
                    }
                    return insertSchool(conn, groupId, s, false);
                }))
                .compose(schoolId -> Audit.record(conn, p.userId(), groupId, "school.create", "school:" + schoolId,
                        new JsonObject().put("name", s.name()).put("kind", s.kind().name())).map(schoolId))
                .compose(schoolId -> school(conn, schoolId)));
    }

    public Future<School> updateSchool(Principal p, long schoolId, SchoolChange change) {
        return school(pool, schoolId).compose(s -> {
            AccessPolicy.editSchool(p, new SchoolRef(s.id(), s.groupId())).require();
            return pool.withTransaction(conn -> conn.preparedQuery(GroupSql.SCHOOL_UPDATE)
                    .execute(Tuple.of(schoolId, change.name(), change.kind() == null ? null : change.kind().name(),
                            change.address()))
                    .recover(e -> Future.failedFuture(Databases.isUniqueViolation(e)
                            ? ApiException.conflict("school_name_taken", change.name())
                            : e))
                    .compose(x -> Audit.record(conn, p.userId(), s.groupId(), "school.update", "school:" + schoolId,
                            new JsonObject().put("name", change.name())))
                    .compose(x -> school(conn, schoolId)));
        });
    }

    /** Looks a school up without an access check, for other features that check access themselves. */
    public Future<School> school(long schoolId) {
        return school(pool, schoolId);
    }

    // ---- teams

    public Future<List<Team>> teams(Principal p, long groupId, TeamKind kind) {
        AccessPolicy.viewGroup(p, groupId).require();
        return pool.preparedQuery(GroupSql.TEAMS_OF_GROUP).execute(Tuple.of(groupId, kind == null ? null : kind.name()))
                .map(rows -> map(rows, Team::from));
    }

    public Future<Team> team(Principal p, long teamId) {
        return team(pool, teamId).compose(t -> {
            AccessPolicy.viewGroup(p, t.groupId()).require();
            return withMembers(pool, t);
        });
    }

    public Future<Team> createTeam(Principal p, long groupId, NewTeam t) {
        AccessPolicy.manageGroup(p, groupId).require();
        return pool.withTransaction(conn -> conn.preparedQuery(GroupSql.TEAM_INSERT)
                .execute(Tuple.of(groupId, t.kind().name(), t.name(), t.subject(), t.kind() == TeamKind.PREP
                        ? t.grade()
                        : null, nz(t.description())))
                .recover(e -> Future.failedFuture(Databases.isUniqueViolation(e)
                        ? ApiException.conflict("team_name_taken", t.name())
                        : e))
                .map(rows -> rows.iterator().next().getLong("id"))
                .compose(teamId -> Audit.record(conn, p.userId(), groupId, "team.create", "team:" + teamId,
                        new JsonObject().put("name", t.name()).put("kind", t.kind().name())).map(teamId))
                .compose(teamId -> team(conn, teamId))
                .compose(team -> withMembers(conn, team)));
    }

    /** Adds a member or changes their role; appointing or removing a lead needs a group admin. */
    public Future<Team> putMember(Principal p, long teamId, long userId, String role) {
        return team(pool, teamId).compose(t -> {
            TeamRef ref = new TeamRef(t.id(), t.groupId());
            AccessPolicy.viewGroup(p, t.groupId()).require();
            return pool.withTransaction(conn -> currentRole(conn, teamId, userId).compose(current -> {
                boolean touchesLead = "LEAD".equals(role) || "LEAD".equals(current);
                (touchesLead ? AccessPolicy.appointLead(p, ref) : AccessPolicy.manageTeamMembers(p, ref)).require();
                return conn.preparedQuery(GroupSql.USER_IN_GROUP).execute(Tuple.of(userId, t.groupId()))
                        .compose(rows -> rows.size() == 0
                                ? Future.failedFuture(ApiException.badRequest("user_not_in_group"))
                                : conn.preparedQuery(GroupSql.MEMBER_UPSERT).execute(Tuple.of(teamId, userId, role)))
                        .compose(x -> Audit.record(conn, p.userId(), t.groupId(), "team.member.put", "team:" + teamId,
                                new JsonObject().put("userId", userId).put("role", role)))
                        .compose(x -> team(conn, teamId))
                        .compose(team -> withMembers(conn, team));
            })).onSuccess(x -> principalChanged.accept(userId));
        });
    }

    public Future<Void> removeMember(Principal p, long teamId, long userId) {
        return team(pool, teamId).compose(t -> {
            TeamRef ref = new TeamRef(t.id(), t.groupId());
            AccessPolicy.viewGroup(p, t.groupId()).require();
            return pool.withTransaction(conn -> currentRole(conn, teamId, userId).compose(current -> {
                if (current == null) {
                    return Future.failedFuture(ApiException.notFound());
                }
                ("LEAD".equals(current) ? AccessPolicy.appointLead(p, ref) : AccessPolicy.manageTeamMembers(p, ref))
                        .require();
                return conn.preparedQuery(GroupSql.MEMBER_DELETE).execute(Tuple.of(teamId, userId))
                        .compose(
                                x -> Audit.record(conn, p.userId(), t.groupId(), "team.member.remove", "team:" + teamId,
                                        new JsonObject().put("userId", userId)));
            })).onSuccess(x -> principalChanged.accept(userId));
        });
    }

    // ---- helpers

    private Future<Long> insertSchool(SqlConnection conn, long groupId, NewSchool s, boolean lead) {
        return conn.preparedQuery(GroupSql.SCHOOL_INSERT)
                .execute(Tuple.of(groupId, s.name(), s.kind().name(), nz(s.address()), lead))
                .recover(e -> Future.failedFuture(Databases.isUniqueViolation(e)
                        ? ApiException.conflict("school_name_taken", s.name())
                        : e))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    private static Future<GroupMode> lockGroup(SqlConnection conn, long groupId) {
        return conn.preparedQuery(GroupSql.GROUP_LOCK).execute(Tuple.of(groupId)).compose(rows -> rows.size() == 0
                ? Future.failedFuture(ApiException.notFound())
                : Future.succeededFuture(GroupMode.valueOf(rows.iterator().next().getString("mode"))));
    }

    private static Future<Long> memberCount(SqlClient client, long groupId) {
        return client.preparedQuery(GroupSql.MEMBER_COUNT).execute(Tuple.of(groupId))
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    private static Future<String> currentRole(SqlClient client, long teamId, long userId) {
        return client.preparedQuery(GroupSql.MEMBER_ROLE).execute(Tuple.of(teamId, userId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("role"));
    }

    private Future<EduGroup> group(SqlClient client, long groupId) {
        return one(client, GroupSql.GROUP_BY_ID, groupId, this::group);
    }

    private EduGroup group(Row row) {
        return EduGroup.from(row, rules.capFor(row.getString("mode")));
    }

    private static Future<School> school(SqlClient client, long schoolId) {
        return one(client, GroupSql.SCHOOL_BY_ID, schoolId, School::from);
    }

    private static Future<Team> team(SqlClient client, long teamId) {
        return one(client, GroupSql.TEAM_BY_ID, teamId, Team::from);
    }

    private static Future<Team> withMembers(SqlClient client, Team t) {
        return client.preparedQuery(GroupSql.TEAM_MEMBERS).execute(Tuple.of(t.id()))
                .map(rows -> t.withMembers(map(rows, TeamMember::from)));
    }

    private static <T> Future<T> one(SqlClient client, String sql, long id, Function<Row, T> mapper) {
        return client.preparedQuery(sql).execute(Tuple.of(id)).compose(rows -> rows.size() == 0
                ? Future.failedFuture(ApiException.notFound())
                : Future.succeededFuture(mapper.apply(rows.iterator().next())));
    }

    private static <T> List<T> map(RowSet<Row> rows, Function<Row, T> mapper) {
        List<T> out = new ArrayList<>(rows.size());
        rows.forEach(r -> out.add(mapper.apply(r)));
        return out;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
