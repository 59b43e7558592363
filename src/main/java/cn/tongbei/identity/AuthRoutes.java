package cn.tongbei.identity;

import cn.tongbei.platform.http.Fields;
import cn.tongbei.platform.http.Responses;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** HTTP routes of authentication and the current user. */
public final class AuthRoutes {
    static final int PASSWORD_MIN = 8;
    static final int PASSWORD_MAX = 128;

    private final AuthService auth;

    public AuthRoutes(AuthService auth) {
        this.auth = auth;
    }

    /** Routes that need no token: login and refresh. */
    public void mountPublic(Router api) {
        api.post("/auth/login").handler(this::login);
        api.post("/auth/refresh").handler(this::refresh);
    }

    /** Routes behind the authenticator. */
    public void mount(Router api) {
        api.post("/auth/logout").handler(this::logout);
        api.get("/me").handler(this::me);
        api.post("/me/password").handler(this::changePassword);
    }

    private void login(RoutingContext ctx) {
        Fields f = Fields.of(ctx);
        f.allowOnly("username", "password");
        String username = f.requiredString("username", 1, 64);
        String password = f.requiredSecret("password", 1, 256);
        f.validate();
        Responses.reply(ctx, 200, auth.login(username, password, ctx.request().remoteAddress().hostAddress()));
    }

    private void refresh(RoutingContext ctx) {
        Fields f = Fields.of(ctx);
        f.allowOnly("refreshToken");
        String token = f.requiredString("refreshToken", 1, 200);
        f.validate();
        Responses.reply(ctx, 200, auth.refresh(token));
    }

    private void logout(RoutingContext ctx) {
        Fields f = Fields.of(ctx);
        f.allowOnly("refreshToken");
        String token = f.requiredString("refreshToken", 1, 200);
        f.validate();
        auth.logout(Authenticator.principal(ctx), token).onSuccess(x -> Responses.noContent(ctx)).onFailure(ctx::fail);
    }

    private void me(RoutingContext ctx) {
        Responses.reply(ctx, 200, auth.me(Authenticator.principal(ctx)));
    }

    private void changePassword(RoutingContext ctx) {
        Fields f = Fields.of(ctx);
        f.allowOnly("currentPassword", "newPassword");
        String current = f.requiredSecret("currentPassword", 1, 256);
        String next = f.requiredSecret("newPassword", PASSWORD_MIN, PASSWORD_MAX);
        if (next != null && next.equals(current)) {
            f.fail("newPassword", "passwords_differ");
        }
        f.validate();
        auth.changePassword(Authenticator.principal(ctx), current, next).onSuccess(x -> Responses.noContent(ctx))
                .onFailure(ctx::fail);
    }
}
