package cn.tongbei.groups;

import cn.tongbei.groups.GroupService.GroupChange;
import cn.tongbei.groups.GroupService.NewGroup;
import cn.tongbei.groups.GroupService.NewSchool;
import cn.tongbei.groups.GroupService.NewTeam;
import cn.tongbei.groups.GroupService.SchoolChange;
import cn.tongbei.groups.Records.EduGroup;
import cn.tongbei.groups.Records.School;
import cn.tongbei.groups.Records.Team;
import cn.tongbei.identity.Authenticator;
import cn.tongbei.platform.http.Fields;
import cn.tongbei.platform.http.Responses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** HTTP routes of the group directory: groups, schools, teams and team members. */
public final class GroupRoutes {
    static final int NAME_MAX = 100;
    static final int ADDRESS_MAX = 200;
    static final int DESCRIPTION_MAX = 1000;

    private final GroupService groups;

    public GroupRoutes(GroupService groups) {
        this.groups = groups;
    }

    /** Mounts the routes on the authenticated {@code /api/v1} router. */
    public void mount(Router api) {
        api.get("/groups").handler(this::listGroups);
        api.post("/groups").handler(this::createGroup);
        api.get("/groups/:groupId").handler(this::getGroup);
        api.patch("/groups/:groupId").handler(this::updateGroup);
        api.get("/groups/:groupId/schools").handler(this::listSchools);
        api.post("/groups/:groupId/schools").handler(this::addSchool);
        api.patch("/schools/:schoolId").handler(this::updateSchool);
        api.get("/groups/:groupId/teams").handler(this::listTeams);
        api.post("/groups/:groupId/teams").handler(this::createTeam);
        api.get("/teams/:teamId").handler(this::getTeam);
        api.put("/teams/:teamId/members/:userId").handler(this::putMember);
        api.delete("/teams/:teamId/members/:userId").handler(this::removeMember);
    }

    private void listGroups(RoutingContext ctx) {
        Responses.reply(ctx, 200, groups.listMine(Authenticator.principal(ctx))
                .map(list -> Responses.items(list, EduGroup::toJson)));
    }

    private void createGroup(RoutingContext ctx) {
        Fields f = Fields.of(ctx);
        f.allowOnly("name", "mode", "description", "leadSchool");
        String name = f.requiredString("name", 1, NAME_MAX);
        GroupMode mode = f.requiredEnum("mode", GroupMode.class);
        String description = f.optionalString("description", DESCRIPTION_MAX);
        Fields lead = f.object("leadSchool");
        NewSchool leadSchool = lead == null ? null : newSchool(lead);
        f.validate();
        Responses.reply(ctx, 201, groups.create(Authenticator.principal(ctx),
                new NewGroup(name, mode, description, leadSchool)).map(EduGroup::toJson));
    }

    private void getGroup(RoutingContext ctx) {
        Responses.reply(ctx, 200, groups.get(Authenticator.principal(ctx), Fields.pathId(ctx, "groupId"))
                .map(EduGroup::toJson));
    }

    private void updateGroup(RoutingContext ctx) {
        long groupId = Fields.pathId(ctx, "groupId");
        Fields f = Fields.of(ctx);
        f.allowOnly("name", "mode", "description");
        GroupChange change = new GroupChange(f.has("name") ? f.requiredString("name", 1, NAME_MAX) : null,
                f.optionalEnum("mode", GroupMode.class), f.optionalString("description", DESCRIPTION_MAX));
        f.validate();
        Responses.reply(ctx, 200, groups.update(Authenticator.principal(ctx), groupId, change).map(EduGroup::toJson));
    }

    private void listSchools(RoutingContext ctx) {
        Responses.reply(ctx, 200, groups.schools(Authenticator.principal(ctx), Fields.pathId(ctx, "groupId"))
                .map(list -> Responses.items(list, School::toJson)));
    }

    private void addSchool(RoutingContext ctx) {
        long groupId = Fields.pathId(ctx, "groupId");
        Fields f = Fields.of(ctx);
        f.allowOnly("name", "kind", "address");
        NewSchool school = newSchool(f);
        f.validate();
        Responses.reply(ctx, 201, groups.addSchool(Authenticator.principal(ctx), groupId, school)
                .map(School::toJson));
    }

    private void updateSchool(RoutingContext ctx) {
        long schoolId = Fields.pathId(ctx, "schoolId");
        Fields f = Fields.of(ctx);
        f.allowOnly("name", "kind", "address");
        SchoolChange change = new SchoolChange(f.has("name") ? f.requiredString("name", 1, NAME_MAX) : null,
                f.optionalEnum("kind", SchoolKind.class), f.optionalString("address", ADDRESS_MAX));
        f.validate();
        Responses.reply(ctx, 200, groups.updateSchool(Authenticator.principal(ctx), schoolId, change)
                .map(School::toJson));
    }

    private void listTeams(RoutingContext ctx) {
        long groupId = Fields.pathId(ctx, "groupId");
        Fields q = Fields.of(new JsonObject().put("kind", ctx.queryParams().get("kind")));
        TeamKind kind = q.optionalEnum("kind", TeamKind.class);
        q.validate();
        Responses.reply(ctx, 200, groups.teams(Authenticator.principal(ctx), groupId, kind)
                .map(list -> Responses.items(list, Team::toJson)));
    }

    private void createTeam(RoutingContext ctx) {
        long groupId = Fields.pathId(ctx, "groupId");
        Fields f = Fields.of(ctx);
        f.allowOnly("kind", "name", "subject", "grade", "description");
        TeamKind kind = f.requiredEnum("kind", TeamKind.class);
        String name = f.requiredString("name", 1, NAME_MAX);
        String subject = f.requiredString("subject", 1, 20);
        String grade = f.optionalString("grade", 20);
        if (kind == TeamKind.PREP && (grade == null || grade.isEmpty())) {
            f.fail("grade", "required");
        }
        String description = f.optionalString("description", DESCRIPTION_MAX);
        f.validate();
        Responses.reply(ctx, 201, groups.createTeam(Authenticator.principal(ctx), groupId,
                new NewTeam(kind, name, subject, grade, description)).map(Team::toJson));
    }

    private void getTeam(RoutingContext ctx) {
        Responses.reply(ctx, 200, groups.team(Authenticator.principal(ctx), Fields.pathId(ctx, "teamId"))
                .map(Team::toJson));
    }

    private void putMember(RoutingContext ctx) {
        long teamId = Fields.pathId(ctx, "teamId");
        long userId = Fields.pathId(ctx, "userId");
        Fields f = Fields.of(ctx);
        f.allowOnly("role");
        String role = f.has("role")
                ? f.requiredMatching("role", 4, 6, java.util.regex.Pattern.compile("MEMBER|LEAD"))
                : "MEMBER";
        f.validate();
        Responses.reply(ctx, 200, groups.putMember(Authenticator.principal(ctx), teamId, userId, role)
                .map(Team::toJson));
    }

    private void removeMember(RoutingContext ctx) {
        long teamId = Fields.pathId(ctx, "teamId");
        long userId = Fields.pathId(ctx, "userId");
        groups.removeMember(Authenticator.principal(ctx), teamId, userId)
                .onSuccess(x -> Responses.noContent(ctx)).onFailure(ctx::fail);
    }

    private static NewSchool newSchool(Fields f) {
        String name = f.requiredString("name", 1, NAME_MAX);
        SchoolKind kind = f.requiredEnum("kind", SchoolKind.class);
        String address = f.optionalString("address", ADDRESS_MAX);
        return new NewSchool(name, kind, address);
    }
}
