package cn.tongbei.lessons;

import cn.tongbei.access.AccessPolicy.PlanState;
import cn.tongbei.identity.Authenticator;
import cn.tongbei.lessons.PrepService.ActivityChange;
import cn.tongbei.lessons.PrepService.NewActivity;
import cn.tongbei.lessons.PrepService.PlanMeta;
import cn.tongbei.lessons.PrepService.PlanView;
import cn.tongbei.lessons.Records.Activity;
import cn.tongbei.lessons.coedit.PlainJson;
import cn.tongbei.platform.http.ApiException;
import cn.tongbei.platform.http.Fields;
import cn.tongbei.platform.http.Responses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** HTTP routes of joint lesson preparation: activities, plans, workflow, content, history and versions. */
public final class PrepRoutes {
    private static final int TEXT_MAX = 200;
    private static final int NOTES_MAX = 20_000;

    private final PrepService prep;
    private final PlanExport export;
    private final CommentService comments;
    private PlanPublisher publisher;

    PrepRoutes(PrepService prep, PlanExport export, CommentService comments) {
        this.prep = prep;
        this.export = export;
        this.comments = comments;
    }

    private PlanImageRoutes images;

    PrepRoutes images(PlanImageRoutes images) {
        this.images = images;
        return this;
    }

    PrepRoutes publishing(PlanPublisher publisher) {
        this.publisher = publisher;
        return this;
    }

    /** Mounts the routes on the authenticated {@code /api/v1} router. */
    public void mount(Router api) {
        api.get("/prep/activities").handler(this::listActivities);
        api.post("/prep/activities").handler(this::createActivity);
        api.get("/prep/activities/:activityId").handler(this::getActivity);
        api.patch("/prep/activities/:activityId").handler(this::updateActivity);
        api.get("/prep/plans/:planId").handler(this::getPlan);
        api.patch("/prep/plans/:planId").handler(this::updatePlan);
        api.post("/prep/plans/:planId/transitions").handler(this::transition);
        api.post("/prep/plans/:planId/fork").handler(this::fork);
        api.get("/prep/plans/:planId/content").handler(this::content);
        api.get("/prep/plans/:planId/history").handler(this::history);
        api.get("/prep/plans/:planId/diff").handler(this::diff);
        api.get("/prep/plans/:planId/versions").handler(this::versions);
        api.post("/prep/plans/:planId/versions").handler(this::nameVersion);
        api.post("/prep/plans/:planId/restore").handler(this::restore);
        api.get("/prep/plans/:planId/comments").handler(this::listComments);
        api.post("/prep/plans/:planId/comments").handler(this::addComment);
        api.post("/prep/comments/:commentId/replies").handler(this::reply);
        api.patch("/prep/comments/:commentId").handler(this::resolveComment);
        api.post("/prep/plans/:planId/publish").handler(this::publish);
        api.get("/prep/plans/:planId/export.docx").handler(ctx -> export.send(ctx, PlanExport.Format.DOCX));
        api.get("/prep/plans/:planId/export.pdf").handler(ctx -> export.send(ctx, PlanExport.Format.PDF));
    }

    private void listActivities(RoutingContext ctx) {
        Long teamId = queryId(ctx, "teamId");
        OffsetDateTime from = queryTime(ctx, "from", OffsetDateTime.now().minusMonths(1));
        OffsetDateTime to = queryTime(ctx, "to", from.plusMonths(3));
        Responses.reply(ctx, 200, prep.listActivities(Authenticator.principal(ctx), teamId).map(list -> {
            JsonArray items = new JsonArray();
            for (Activity a : list) {
                JsonArray when = new JsonArray();
                a.recurrence().occurrences(a.startsAt(), from, to, 60).forEach(t -> when.add(t.toInstant().toString()));
                items.add(a.toJson().put("occurrences", when));
            }
            return new JsonObject().put("items", items);
        }));
    }

    private void createActivity(RoutingContext ctx) {
        Fields f = Fields.of(ctx);
        f.allowOnly("teamId", "topic", "contentUnit", "startsAt", "durationMin", "place", "online", "repeatDays",
                "repeatUntil", "leadId", "participantIds", "plan");
        long teamId = id(f, "teamId", true);
        String topic = f.requiredString("topic", 1, TEXT_MAX);
        String unit = orEmpty(f.optionalString("contentUnit", TEXT_MAX));
        OffsetDateTime startsAt = time(f, "startsAt");
        int duration = integer(f, "durationMin", 5, 600, 90);
        String place = orEmpty(f.optionalString("place", TEXT_MAX));
        Boolean online = f.optionalBoolean("online");
        List<Integer> days = days(f);
        LocalDate until = date(f, "repeatUntil");
        long leadId = id(f, "leadId", true);
        List<Long> participants = ids(f, "participantIds");
        PlanMeta meta = f.has("plan")
                ? planMeta(f, Fields.of(f.requiredObject("plan") == null
                        ? new JsonObject()
                        : f.requiredObject("plan")))
                : new PlanMeta(null, null, null, null, null, null, null);
        f.validate();
        NewActivity n = new NewActivity(teamId, topic, unit, startsAt, duration, place, online != null && online, days,
                until, leadId, participants, meta);
        Responses.reply(ctx, 201, prep.createActivity(Authenticator.principal(ctx), n).map(Activity::toJson));
    }

    private void getActivity(RoutingContext ctx) {
        var p = Authenticator.principal(ctx);
        long id = Fields.pathId(ctx, "activityId");
        Responses.reply(ctx, 200, prep.activity(p, id).compose(a -> prep.participants(id).compose(people -> prep
                .plansOf(p, a).map(plans -> a.toJson().put("participants", new JsonArray(people))
                        .put("plans", new JsonArray(plans.stream().map(PrepRoutes::planJson).toList()))))));
    }

    private void updateActivity(RoutingContext ctx) {
        long id = Fields.pathId(ctx, "activityId");
        Fields f = Fields.of(ctx);
        f.allowOnly("topic", "contentUnit", "place", "online", "status", "notes");
        ActivityChange c = new ActivityChange(f.has("topic") ? f.requiredString("topic", 1, TEXT_MAX) : null,
                f.optionalString("contentUnit", TEXT_MAX), f.optionalString("place", TEXT_MAX),
                f.optionalBoolean("online"), status(f), f.optionalString("notes", NOTES_MAX));
        f.validate();
        Responses.reply(ctx, 200, prep.updateActivity(Authenticator.principal(ctx), id, c).map(Activity::toJson));
    }

    private static String status(Fields f) {
        if (!f.has("status")) {
            return null;
        }
        String s = f.optionalString("status", 20);
        if (s != null && !List.of("PLANNED", "DONE", "CANCELLED").contains(s)) {
            return f.fail("status", "one_of", "PLANNED, DONE, CANCELLED");
        }
        return s;
    }

    private void getPlan(RoutingContext ctx) {
        var p = Authenticator.principal(ctx);
        long id = Fields.pathId(ctx, "planId");
        Responses.reply(ctx, 200, prep.plan(p, id).compose(v -> prep.transitions(id).map(t -> planJson(v)
                .put("transitions", new JsonArray(t)).put("activity", v.activity().toJson())
                .put("mayPublish", v.plan().libraryResourceId() == null && cn.tongbei.access.AccessPolicy
                        .publishPlan(p, v.plan().ref(v.activity(), p)).allowed())
                .put("imageTicket", images == null
                        ? null
                        : images.ticket(id, p.userId(), System.currentTimeMillis() / 1000)))));
    }

    private void updatePlan(RoutingContext ctx) {
        long id = Fields.pathId(ctx, "planId");
        Fields f = Fields.of(ctx);
        PlanMeta m = planMeta(f, f);
        f.validate();
        Responses.reply(ctx, 200, prep.updatePlan(Authenticator.principal(ctx), id, m).map(PrepRoutes::planJson));
    }

    private void transition(RoutingContext ctx) {
        long id = Fields.pathId(ctx, "planId");
        Fields f = Fields.of(ctx);
        f.allowOnly("to");
        PlanState to = f.requiredEnum("to", PlanState.class);
        f.validate();
        Responses.reply(ctx, 200, prep.transition(Authenticator.principal(ctx), id, to).map(PrepRoutes::planJson));
    }

    private void publish(RoutingContext ctx) {
        long id = Fields.pathId(ctx, "planId");
        Fields f = Fields.of(ctx);
        f.allowOnly("visibility");
        String visibility = f.has("visibility") ? f.requiredString("visibility", 1, 20) : "group";
        if (visibility != null && !cn.tongbei.library.Resource.VISIBILITIES.contains(visibility)) {
            f.fail("visibility", "one_of", cn.tongbei.library.Resource.VISIBILITIES.toString());
        }
        f.validate();
        Responses.reply(ctx, 200, publisher.publish(Authenticator.principal(ctx), id, visibility)
                .map(PrepRoutes::planJson));
    }

    private void fork(RoutingContext ctx) {
        long id = Fields.pathId(ctx, "planId");
        Responses.reply(ctx, 201, prep.fork(Authenticator.principal(ctx), id).map(PrepRoutes::planJson));
    }

    private void content(RoutingContext ctx) {
        long id = Fields.pathId(ctx, "planId");
        Long rev = queryId(ctx, "revision");
        Responses.reply(ctx, 200, prep.content(Authenticator.principal(ctx), id, rev == null ? null : rev.intValue())
                .map(l -> new JsonObject().put("revision", l.revision()).put("content", PlainJson.json(l.content()))));
    }

    private void history(RoutingContext ctx) {
        long id = Fields.pathId(ctx, "planId");
        Long limit = queryId(ctx, "limit");
        int n = limit == null ? 200 : (int) Math.max(1, Math.min(1000, limit));
        Long before = queryId(ctx, "before");
        Responses.reply(ctx, 200, prep.history(Authenticator.principal(ctx), id, n,
                before == null ? null : (int) Math.min(Integer.MAX_VALUE, before)).map(list -> {
                    JsonObject out = new JsonObject().put("items", new JsonArray(list));
                    if (list.size() == n && list.get(n - 1).getInteger("revision") > 1) {
                        out.put("next", list.get(n - 1).getInteger("revision"));
                    }
                    return out;
                }));
    }

    private void diff(RoutingContext ctx) {
        long id = Fields.pathId(ctx, "planId");
        Long from = queryId(ctx, "from");
        Long to = queryId(ctx, "to");
        Responses.reply(ctx, 200, prep.diff(Authenticator.principal(ctx), id,
                from == null ? null : (int) Math.min(Integer.MAX_VALUE, from),
                to == null ? null : (int) Math.min(Integer.MAX_VALUE, to)));
    }

    private void versions(RoutingContext ctx) {
        long id = Fields.pathId(ctx, "planId");
        Responses.reply(ctx, 200, prep.versions(Authenticator.principal(ctx), id)
                .map(list -> new JsonObject().put("items", new JsonArray(list))));
    }

    private void nameVersion(RoutingContext ctx) {
        long id = Fields.pathId(ctx, "planId");
        Fields f = Fields.of(ctx);
        f.allowOnly("name", "revision");
        String name = f.requiredString("name", 1, 100);
        Integer rev = f.has("revision") ? integer(f, "revision", 0, Integer.MAX_VALUE - 1, 0) : null;
        f.validate();
        Responses.reply(ctx, 201, prep.nameVersion(Authenticator.principal(ctx), id, name, rev));
    }

    private void restore(RoutingContext ctx) {
        long id = Fields.pathId(ctx, "planId");
        Fields f = Fields.of(ctx);
        f.allowOnly("revision");
        int rev = integer(f, "revision", 0, Integer.MAX_VALUE - 1, -1);
        if (!f.has("revision")) {
            f.fail("revision", "required");
        }
        f.validate();
        Responses.reply(ctx, 200, prep.restore(Authenticator.principal(ctx), id, rev));
    }

    private void listComments(RoutingContext ctx) {
        long id = Fields.pathId(ctx, "planId");
        Responses.reply(ctx, 200, comments.list(Authenticator.principal(ctx), id)
                .map(items -> new JsonObject().put("items", items)));
    }

    private void addComment(RoutingContext ctx) {
        long id = Fields.pathId(ctx, "planId");
        Fields f = Fields.of(ctx);
        f.allowOnly("revision", "index", "length", "body");
        int rev = integer(f, "revision", 0, Integer.MAX_VALUE - 1, -1);
        int index = integer(f, "index", 0, Integer.MAX_VALUE - 1, -1);
        int length = integer(f, "length", 1, 1_000_000, -1);
        for (String name : List.of("revision", "index", "length")) {
            if (!f.has(name)) {
                f.fail(name, "required");
            }
        }
        String body = f.requiredString("body", 1, 2000);
        f.validate();
        Responses.reply(ctx, 201, comments.create(Authenticator.principal(ctx), id,
                new CommentService.Anchor(rev, index, length), body));
    }

    private void reply(RoutingContext ctx) {
        long id = Fields.pathId(ctx, "commentId");
        Fields f = Fields.of(ctx);
        f.allowOnly("body");
        String body = f.requiredString("body", 1, 2000);
        f.validate();
        Responses.reply(ctx, 201, comments.reply(Authenticator.principal(ctx), id, body));
    }

    private void resolveComment(RoutingContext ctx) {
        long id = Fields.pathId(ctx, "commentId");
        Fields f = Fields.of(ctx);
        f.allowOnly("resolved");
        Boolean resolved = f.optionalBoolean("resolved");
        if (!f.has("resolved")) {
            f.fail("resolved", "required");
        }
        f.validate();
        Responses.reply(ctx, 200, comments.resolve(Authenticator.principal(ctx), id, resolved));
    }

    static JsonObject planJson(PlanView v) {
        return v.plan().toJson().put("access", v.level().name().toLowerCase(java.util.Locale.ROOT));
    }

    // ---- small parsers over Fields ----

    private static PlanMeta planMeta(Fields errors, Fields f) {
        f.allowOnly("title", "subject", "grade", "edition", "unit", "lesson", "classHours");
        Integer hours = f.has("classHours") ? integer(f, "classHours", 1, 20, 1) : null;
        PlanMeta m = new PlanMeta(f.has("title") ? f.requiredString("title", 1, TEXT_MAX) : null,
                f.optionalString("subject", 50), f.optionalString("grade", 50), f.optionalString("edition", 50),
                f.optionalString("unit", TEXT_MAX), f.optionalString("lesson", TEXT_MAX), hours);
        if (errors != f) {
            try {
                f.validate();
            } catch (ApiException e) {
                e.fields().forEach(x -> errors.fail("plan." + x.field(), x.code(), x.args().toArray()));
            }
        }
        return m;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static long id(Fields f, String name, boolean required) {
        Object v = f.raw(name);
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.longValue() > 0) {
            return n.longValue();
        }
        if (v != null || required) {
            f.fail(name, v == null ? "required" : "invalid_format");
        }
        return 0;
    }

    private static int integer(Fields f, String name, int min, int max, int fallback) {
        Object v = f.raw(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.doubleValue() >= min
                && n.doubleValue() <= max) {
            return n.intValue();
        }
        f.fail(name, "invalid_format");
        return fallback;
    }

    private static List<Long> ids(Fields f, String name) {
        Object v = f.raw(name);
        List<Long> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof JsonArray a) || a.size() > 200) {
            f.fail(name, "must_be_array");
            return out;
        }
        for (Object o : a) {
            if (!(o instanceof Number n) || n.longValue() <= 0 || n.doubleValue() != Math.rint(n.doubleValue())) {
                f.fail(name, "invalid_format");
                return out;
            }
            out.add(n.longValue());
        }
        return out;
    }

    private static List<Integer> days(Fields f) {
        List<Integer> out = new ArrayList<>();
        Object v = f.raw("repeatDays");
        if (v == null) {
            return out;
        }
        if (!(v instanceof JsonArray a) || a.size() > 7) {
            f.fail("repeatDays", "must_be_array");
            return out;
        }
        for (Object o : a) {
            if (!(o instanceof Number n) || n.intValue() < 1 || n.intValue() > 7 || n.doubleValue() != n.intValue()) {
                f.fail("repeatDays", "invalid_format");
                return out;
            }
            if (!out.contains(n.intValue())) {
                out.add(n.intValue());
            }
        }
        return out;
    }

    private static OffsetDateTime time(Fields f, String name) {
        String s = f.requiredString(name, 1, 40);
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s);
        } catch (DateTimeParseException e) {
            return f.fail(name, "invalid_format");
        }
    }

    private static LocalDate date(Fields f, String name) {
        String s = f.optionalString(name, 20);
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return f.fail(name, "invalid_format");
        }
    }

    private static Long queryId(RoutingContext ctx, String name) {
        String raw = ctx.queryParams().get(name);
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            long v = Long.parseLong(raw);
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // falls through to the error
        }
        throw ApiException.badRequest("invalid_id", name);
    }

    private static OffsetDateTime queryTime(RoutingContext ctx, String name, OffsetDateTime fallback) {
        String raw = ctx.queryParams().get(name);
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(raw);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("lessons_invalid_time", name);
        }
    }

}
