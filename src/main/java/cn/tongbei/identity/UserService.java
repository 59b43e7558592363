package cn.tongbei.identity;

import cn.tongbei.access.AccessPolicy;
import cn.tongbei.access.Principal;
import cn.tongbei.access.Role;
import cn.tongbei.groups.GroupService;
import cn.tongbei.platform.db.Audit;
import cn.tongbei.platform.db.Databases;
import cn.tongbei.platform.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;

/** The people of a group: list, create with a role, edit, disable. Access is asked of {@link AccessPolicy}. */
public final class UserService {
    /** Roles that belong to a school and therefore need one. */
    private static final Set<Role> SCHOOL_ROLES = EnumSet.of(Role.SCHOOL_ADMIN, Role.TEACHER, Role.TERMINAL);

    /** A person to add. */
    public record NewUser(String username, String displayName, String password, Long schoolId, Role role,
            List<String> subjects, Stage stage) {}

    /** Changes to a person; null fields stay as they are. */
    public record UserChange(String displayName, List<String> subjects, Stage stage, Boolean disabled) {}

    /** Filters of the user list. */
    public record UserQuery(Long schoolId, Role role, String text) {}

    /** A person as the directory shows them. */
    public record User(long id, String username, String displayName, String stage, List<String> subjects,
            Long schoolId, String schoolName, Long groupId, List<Role> roles, boolean disabled, String createdAt) {

        static User from(Row r) {
            List<Role> roles = new ArrayList<>();
            for (String role : r.getArrayOfStrings("roles")) {
                roles.add(Role.valueOf(role));
            }
            if (r.getBoolean("research_lead")) {
                roles.add(Role.RESEARCH_LEAD);
            }
            return new User(r.getLong("id"), r.getString("username"), r.getString("display_name"),
                    r.getString("stage"), List.of(r.getArrayOfStrings("subjects")), r.getLong("school_id"),
                    r.getString("school_name"), r.getLong("group_id"), List.copyOf(roles), r.getBoolean("disabled"),
                    r.getOffsetDateTime("created_at").toInstant().toString());
        }

        public JsonObject toJson() {
            return new JsonObject().put("id", id).put("username", username).put("displayName", displayName)
                    .put("stage", stage).put("subjects", new JsonArray(subjects)).put("schoolId", schoolId)
                    .put("schoolName", schoolName).put("groupId", groupId)
                    .put("roles", new JsonArray(roles.stream().map(Role::name).toList())).put("disabled", disabled)
                    .put("createdAt", createdAt);
        }
    }

    private final Pool pool;
    private final GroupService groups;
    private final PasswordWorker passwords;
    private final LongConsumer principalChanged;

    /** {@code principalChanged} hears each user this service changed, after the commit. */
    public UserService(Pool pool, GroupService groups, PasswordWorker passwords, LongConsumer principalChanged) {
        this.pool = pool;
        this.groups = groups;
        this.passwords = passwords;
        this.principalChanged = principalChanged;
    }

    public Future<List<User>> list(Principal p, long groupId, UserQuery q) {
        AccessPolicy.viewGroup(p, groupId).require();
        String like = q.text() == null || q.text().isBlank()
                ? null
                : "%" + q.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return pool.preparedQuery(IdentitySql.USERS_OF_GROUP)
                .execute(Tuple.of(groupId, q.schoolId(), q.role() == null ? null : q.role().name(), like))
                .map(rows -> {
                    List<User> out = new ArrayList<>(rows.size());
                    rows.forEach(r -> out.add(User.from(r)));
                    return out;
                });
    }

    public Future<User> get(Principal p, long userId) {
        return user(pool, userId).compose(u -> {
            if (u.groupId() == null || !p.inGroup(u.groupId())) {
                return p.userId() == userId ? Future.succeededFuture(u) : Future.failedFuture(ApiException.notFound());
            }
            return Future.succeededFuture(u);
        });
    }

    /** Creates a person with one role in the group (and school), refusing duplicates with 409. */
    public Future<User> create(Principal p, long groupId, NewUser n) {
        AccessPolicy.viewGroup(p, groupId).require();
        if (n.role() == Role.RESEARCH_LEAD) {
            throw ApiException.badRequest("role_not_allowed", n.role());
        }
        if (n.schoolId() == null && SCHOOL_ROLES.contains(n.role())) {
            throw ApiException.badRequest("school_required");
        }
        AccessPolicy.manageUser(p, groupId, n.schoolId(), n.role()).require();
        Future<Void> schoolCheck = n.schoolId() == null
                ? Future.succeededFuture()
                : groups.school(n.schoolId()).recover(e -> Future.failedFuture(ApiException.badRequest(
                        "school_not_in_group"))).compose(s -> s.groupId() == groupId
                                ? Future.succeededFuture()
                                : Future.failedFuture(ApiException.badRequest("school_not_in_group")));
        return schoolCheck
                .compose(x -> passwords.hash(n.password()))
                .compose(hash -> pool.withTransaction(conn -> conn.preparedQuery(IdentitySql.USER_INSERT)
                        .execute(Tuple.of(n.username(), n.displayName(), hash, groupId, n.schoolId(),
                                n.stage() == null ? null : n.stage().name(), n.subjects().toArray(String[]::new)))
                        .map(rows -> rows.iterator().next().getLong("id"))
                        .compose(id -> conn.preparedQuery(IdentitySql.GRANT_INSERT)
                                .execute(Tuple.of(id, n.role().name(), groupId, n.schoolId()))
                                .compose(x -> Audit.record(conn, p.userId(), groupId, "user.create", "user:" + id,
                                        new JsonObject().put("username", n.username()).put("role", n.role().name())))
                                .compose(x -> user(conn, id)))))
                .recover(e -> Future.failedFuture(Databases.isUniqueViolation(e)
                        ? ApiException.conflict("username_taken", n.username())
                        : e));
    }

    /** Edits a person; disabling ends their sessions. Every role they hold must be one the actor may manage. */
    public Future<User> update(Principal p, long userId, UserChange change) {
        return user(pool, userId).compose(u -> {
            if (u.groupId() == null) {
                return Future.failedFuture(ApiException.notFound());
            }
            for (Role role : u.roles()) {
                if (role != Role.RESEARCH_LEAD) {
                    AccessPolicy.manageUser(p, u.groupId(), u.schoolId(), role).require();
                }
            }
            AccessPolicy.viewGroup(p, u.groupId()).require();
            if (u.roles().isEmpty()) {
                AccessPolicy.manageGroup(p, u.groupId()).require();
            }
            if (Boolean.TRUE.equals(change.disabled()) && userId == p.userId()) {
                return Future.failedFuture(ApiException.badRequest("cannot_disable_self"));
            }
            return pool.withTransaction(conn -> conn.preparedQuery(IdentitySql.USER_UPDATE)
                    .execute(Tuple.of(userId, change.displayName(),
                            change.subjects() == null ? null : change.subjects().toArray(String[]::new),
                            change.stage() == null ? null : change.stage().name(), change.disabled()))
                    .compose(x -> Boolean.TRUE.equals(change.disabled())
                            ? Sessions.endAll(conn, userId)
                            : Future.<Void>succeededFuture())
                    .compose(x -> Audit.record(conn, p.userId(), u.groupId(), "user.update", "user:" + userId,
                            new JsonObject().put("disabled", change.disabled())))
                    .compose(x -> user(conn, userId))).onSuccess(x -> principalChanged.accept(userId));
        });
    }

    private static Future<User> user(SqlClient client, long userId) {
        return client.preparedQuery(IdentitySql.USER_BY_ID).execute(Tuple.of(userId)).compose(rows -> rows.size() == 0
                ? Future.failedFuture(ApiException.notFound())
                : Future.succeededFuture(User.from(rows.iterator().next())));
    }
}
