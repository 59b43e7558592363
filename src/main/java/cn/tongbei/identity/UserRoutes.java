package cn.tongbei.identity;

import cn.tongbei.access.Role;
import cn.tongbei.identity.UserService.NewUser;
import cn.tongbei.identity.UserService.User;
import cn.tongbei.identity.UserService.UserChange;
import cn.tongbei.identity.UserService.UserQuery;
import cn.tongbei.platform.http.Fields;
import cn.tongbei.platform.http.Responses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** HTTP routes of the people directory. */
public final class UserRoutes {
    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{3,32}");

    private final UserService users;

    public UserRoutes(UserService users) {
        this.users = users;
    }

    public void mount(Router api) {
        api.get("/groups/:groupId/users").handler(this::list);
        api.post("/groups/:groupId/users").handler(this::create);
        api.get("/users/:userId").handler(this::get);
        api.patch("/users/:userId").handler(this::update);
    }

    private void list(RoutingContext ctx) {
        long groupId = Fields.pathId(ctx, "groupId");
        var params = ctx.queryParams();
        Fields q = Fields.of(new JsonObject().put("role", params.get("role")).put("q", params.get("q")));
        Role role = q.optionalEnum("role", Role.class);
        String text = q.optionalString("q", 100);
        Long schoolId = null;
        if (params.get("schoolId") != null && !params.get("schoolId").isBlank()) {
            try {
                schoolId = Long.parseLong(params.get("schoolId"));
            } catch (NumberFormatException e) {
                q.fail("schoolId", "invalid_format");
            }
        }
        q.validate();
        Responses.reply(ctx, 200, users.list(Authenticator.principal(ctx), groupId, new UserQuery(schoolId, role, text))
                .map(list -> Responses.items(list, User::toJson)));
    }

    private void create(RoutingContext ctx) {
        long groupId = Fields.pathId(ctx, "groupId");
        Fields f = Fields.of(ctx);
        f.allowOnly("username", "displayName", "password", "role", "schoolId", "subjects", "stage");
        String username = f.requiredString("username", 1, 32);
        if (username != null && !USERNAME.matcher(username).matches()) {
            f.fail("username", "username_format");
        }
        String displayName = f.requiredString("displayName", 1, 100);
        String password = f.requiredSecret("password", AuthRoutes.PASSWORD_MIN, AuthRoutes.PASSWORD_MAX);
        Role role = f.requiredEnum("role", Role.class);
        Long schoolId = optionalId(f, "schoolId");
        List<String> subjects = f.optionalStrings("subjects", 20, 20);
        Stage stage = f.optionalEnum("stage", Stage.class);
        f.validate();
        NewUser user = new NewUser(username.toLowerCase(Locale.ROOT), displayName, password, schoolId, role,
                subjects == null ? List.of() : subjects, stage);
        Responses.reply(ctx, 201, users.create(Authenticator.principal(ctx), groupId, user).map(User::toJson));
    }

    private void get(RoutingContext ctx) {
        Responses.reply(ctx, 200, users.get(Authenticator.principal(ctx), Fields.pathId(ctx, "userId"))
                .map(User::toJson));
    }

    private void update(RoutingContext ctx) {
        long userId = Fields.pathId(ctx, "userId");
        Fields f = Fields.of(ctx);
        f.allowOnly("displayName", "subjects", "stage", "disabled");
        UserChange change = new UserChange(
                f.has("displayName") ? f.requiredString("displayName", 1, 100) : null,
                f.optionalStrings("subjects", 20, 20), f.optionalEnum("stage", Stage.class),
                f.optionalBoolean("disabled"));
        f.validate();
        Responses.reply(ctx, 200, users.update(Authenticator.principal(ctx), userId, change).map(User::toJson));
    }

    private static Long optionalId(Fields f, String name) {
        if (!f.has(name)) {
            return null;
        }
        Object value = f.raw(name);
        if (value instanceof Number n && n.longValue() > 0 && n.doubleValue() == n.longValue()) {
            return n.longValue();
        }
        return f.fail(name, "invalid_format");
    }
}
