package cn.tongbei.classroom;

import cn.tongbei.access.AccessPolicy;
import cn.tongbei.access.Principal;
import cn.tongbei.classroom.sync.EventStore;
import cn.tongbei.classroom.sync.SessionHub;
import cn.tongbei.classroom.sync.SessionHubs;
import cn.tongbei.identity.Authenticator;
import cn.tongbei.platform.http.ApiException;
import cn.tongbei.platform.http.Fields;
import cn.tongbei.platform.http.Responses;
import cn.tongbei.platform.storage.ObjectStorage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The classroom REST API: schedule, details, courseware, page images, log, summary, notes, join codes. */
public final class ClassSessionRoutes {
    private static final long MAX_UPLOAD_BYTES = 50L << 20;
    private static final Pattern CODE = Pattern.compile("[0-9]{6}");
    private static final String CANDIDATES = """
            SELECT u.id, u.display_name, g.role, g.school_id, s.name AS school_name FROM role_grant g
            JOIN app_user u ON u.id = g.user_id LEFT JOIN school s ON s.id = g.school_id
            WHERE g.group_id = $1 AND g.role IN ('TERMINAL', 'TEACHER', 'OBSERVER') AND NOT u.disabled
            ORDER BY g.role, g.school_id NULLS FIRST, u.id""";

    private final Vertx vertx;
    private final Pool pool;
    private final ClassSessions sessions;
    private final EventStore events;
    private final SessionHubs hubs;
    private final ObjectStorage storage;
    private final WorkerExecutor workers;
    private final Path uploads;

    ClassSessionRoutes(Vertx vertx, Pool pool, ClassSessions sessions, EventStore events, SessionHubs hubs,
            ObjectStorage storage, WorkerExecutor workers, Path uploads) {
        this.vertx = vertx;
        this.pool = pool;
        this.sessions = sessions;
        this.events = events;
        this.hubs = hubs;
        this.storage = storage;
        this.workers = workers;
        this.uploads = uploads;
    }

    void mount(Router api) {
        api.get("/classroom/sessions").handler(this::schedule);
        api.post("/classroom/sessions").handler(this::create);
        api.get("/classroom/candidates").handler(this::candidates);
        api.get("/classroom/join/:code").handler(this::join);
        api.get("/classroom/sessions/:sessionId").handler(this::get);
        api.post("/classroom/sessions/:sessionId/courseware").handler(this::courseware);
        api.get("/classroom/sessions/:sessionId/pages/:page").handler(this::page);
        api.get("/classroom/sessions/:sessionId/events").handler(this::events);
        api.get("/classroom/sessions/:sessionId/summary").handler(this::summary);
        api.get("/classroom/sessions/:sessionId/summary/csv").handler(this::summaryCsv);
        api.get("/classroom/sessions/:sessionId/notes").handler(this::notes);
        api.post("/classroom/sessions/:sessionId/notes").handler(this::addNote);
    }

    /**
     * The upload body must be read before the (asynchronous) authenticator runs, or its bytes are gone: so the
     * body handler sits on the root router, refusing requests without a bearer token before reading anything.
     */
    void mountUploadBody(Router root) {
        BodyHandler body = BodyHandler.create(uploads.toString()).setBodyLimit(MAX_UPLOAD_BYTES)
                .setDeleteUploadedFilesOnEnd(true);
        root.post("/api/v1/classroom/sessions/:sessionId/courseware").handler(ctx -> {
            String auth = ctx.request().getHeader("Authorization");
            if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                ctx.fail(ApiException.unauthorized("unauthorized"));
                return;
            }
            String type = ctx.request().getHeader("Content-Type");
            if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
                body.handle(ctx);
            } else {
                ctx.next();
            }
        });
    }

    private void schedule(RoutingContext ctx) {
        Principal p = Authenticator.principal(ctx);
        Responses.reply(ctx, 200, sessions.schedule(p).map(list -> Responses.items(list, s -> s.toJson(p))));
    }

    private void create(RoutingContext ctx) {
        Principal p = Authenticator.principal(ctx);
        ClassSessions.NewSession n = newSession(Fields.of(ctx));
        Responses.reply(ctx, 201, sessions.create(p, n).map(s -> s.toJson(p)));
    }

    private void get(RoutingContext ctx) {
        Principal p = Authenticator.principal(ctx);
        Responses.reply(ctx, 200, sessions.visible(p, Fields.pathId(ctx, "sessionId")).map(s -> s.toJson(p)));
    }

    private void candidates(RoutingContext ctx) {
        Principal p = Authenticator.principal(ctx);
        long groupId = queryLong(ctx, "groupId", p.groupId() == null ? 0 : p.groupId());
        AccessPolicy.scheduleClassSession(p, groupId).require();
        Responses.reply(ctx, 200, pool.preparedQuery(CANDIDATES).execute(Tuple.of(groupId)).map(rows -> {
            JsonArray items = new JsonArray();
            rows.forEach(r -> items.add(new JsonObject().put("id", r.getLong("id")).put("name", r.getString(
                    "display_name")).put("role", r.getString("role")).put("schoolId", r.getLong("school_id"))
                    .put("schoolName", r.getString("school_name"))));
            return new JsonObject().put("items", items);
        }));
    }

    private void join(RoutingContext ctx) {
        Principal p = Authenticator.principal(ctx);
        String code = ctx.pathParam("code");
        if (code == null || !CODE.matcher(code).matches()) {
            throw ApiException.badRequest("classroom_join_code");
        }
        Responses.reply(ctx, 200, sessions.byJoinCode(code).compose(found -> sessions.get(found.getLong(
                "sessionId")).map(s -> {
                    AccessPolicy.attendClassSession(p, s.ref(), found.getLong("classroom")).require();
                    return found;
                })));
    }

    private void courseware(RoutingContext ctx) {
        Principal p = Authenticator.principal(ctx);
        long id = Fields.pathId(ctx, "sessionId");
        List<FileUpload> files = ctx.fileUploads();
        if (files.size() != 1) {
            throw ApiException.badRequest("classroom_one_file");
        }
        FileUpload file = files.get(0);
        String name = file.fileName() == null || file.fileName().isBlank() ? "courseware.pdf" : file.fileName();
        Future<JsonObject> done = sessions.get(id).compose(s -> {
            AccessPolicy.teachClassSession(p, s.ref()).require();
            return workers.<List<byte[]>>executeBlocking(() -> Courseware.render(Files.readAllBytes(Path.of(file
                    .uploadedFileName()))), false);
        }).compose(pages -> storePages(id, pages).compose(v -> sessions.courseware(id, "classroom/sessions/" + id,
                name.length() > 200 ? name.substring(0, 200) : name, pages.size())).map(v -> {
                    SessionHub hub = hubs.live(id);
                    if (hub != null) {
                        hub.pages(pages.size());
                    }
                    return new JsonObject().put("pageCount", pages.size()).put("coursewareName", name);
                }));
        Responses.reply(ctx, 200, done);
    }

    private Future<Void> storePages(long id, List<byte[]> pages) {
        List<Future<Void>> puts = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            puts.add(storage.put(pageKey(id, i), Buffer.buffer(pages.get(i)), "image/png"));
        }
        return Future.all(puts).mapEmpty();
    }

    private static String pageKey(long id, int page) {
        return "classroom/sessions/" + id + "/page-" + page + ".png";
    }

    private void page(RoutingContext ctx) {
        Principal p = Authenticator.principal(ctx);
        long id = Fields.pathId(ctx, "sessionId");
        int page = (int) Math.min(Integer.MAX_VALUE, Fields.pathId(ctx, "page") - 1);
        sessions.visible(p, id).compose(s -> page >= s.pageCount()
                ? Future.failedFuture(ApiException.notFound())
                : storage.get(pageKey(id, page))).onSuccess(png -> Responses.onRequestContext(ctx,
                        () -> ctx.response().putHeader("Content-Type", "image/png")
                                .putHeader("Cache-Control", "private, max-age=3600").end(png)))
                .onFailure(ctx::fail);
    }

    private void events(RoutingContext ctx) {
        Principal p = Authenticator.principal(ctx);
        long id = Fields.pathId(ctx, "sessionId");
        long after = queryLong(ctx, "after", 0);
        int limit = (int) Math.min(5000, Math.max(1, queryLong(ctx, "limit", 1000)));
        Responses.reply(ctx, 200, sessions.visible(p, id).compose(s -> events.events(id, after, limit)).map(list -> {
            JsonArray items = new JsonArray();
            list.forEach(e -> items.add(e.toJson(id)));
            return new JsonObject().put("items", items).put("more", list.size() == limit);
        }));
    }

    private Future<JsonObject> summaryOf(Principal p, long id) {
        return sessions.visible(p, id).compose(s -> events.events(id, 0, Integer.MAX_VALUE).map(list -> Summary.of(
                s, list)));
    }

    private void summary(RoutingContext ctx) {
        Responses.reply(ctx, 200, summaryOf(Authenticator.principal(ctx), Fields.pathId(ctx, "sessionId")));
    }

    private void summaryCsv(RoutingContext ctx) {
        long id = Fields.pathId(ctx, "sessionId");
        summaryOf(Authenticator.principal(ctx), id).onSuccess(s -> Responses.onRequestContext(ctx,
                () -> ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8").putHeader(
                        "Content-Disposition", "attachment; filename=\"classroom-" + id + "-summary.csv\"")
                        .end(Summary.csv(s))))
                .onFailure(ctx::fail);
    }

    private void notes(RoutingContext ctx) {
        Principal p = Authenticator.principal(ctx);
        long id = Fields.pathId(ctx, "sessionId");
        Responses.reply(ctx, 200, sessions.visible(p, id).compose(s -> sessions.notes(id)).map(list -> new JsonObject()
                .put("items", new JsonArray(new ArrayList<>(list)))));
    }

    private void addNote(RoutingContext ctx) {
        Principal p = Authenticator.principal(ctx);
        long id = Fields.pathId(ctx, "sessionId");
        Fields f = Fields.of(ctx).allowOnly("body", "atSeq");
        String body = f.requiredString("body", 1, 2000);
        long atSeq = f.raw("atSeq") instanceof Number n && n.longValue() >= 0 ? n.longValue() : 0;
        f.validate();
        Responses.reply(ctx, 201, sessions.get(id).compose(s -> {
            AccessPolicy.noteClassSession(p, s.ref()).require();
            return sessions.addNote(id, p.userId(), atSeq, body);
        }));
    }

    private static ClassSessions.NewSession newSession(Fields f) {
        f.allowOnly("groupId", "title", "subject", "startsAt", "durationMinutes", "libraryResourceId", "classrooms",
                "observers");
        long groupId = positive(f, "groupId", true);
        String title = f.requiredString("title", 1, 100);
        String subject = f.optionalString("subject", 30);
        OffsetDateTime startsAt = null;
        String rawStart = f.requiredString("startsAt", 10, 40);
        if (rawStart != null) {
            try {
                startsAt = OffsetDateTime.parse(rawStart);
            } catch (DateTimeParseException e) {
                f.fail("startsAt", "invalid_format");
            }
        }
        long duration = f.has("durationMinutes") ? positive(f, "durationMinutes", false) : 45;
        if (duration != 0 && (duration < 5 || duration > 480)) {
            f.fail("durationMinutes", "classroom_duration");
        }
        long library = positive(f, "libraryResourceId", false);
        List<ClassSessions.Invite> invites = invites(f);
        List<Long> observers = ids(f, "observers", 50);
        f.validate();
        return new ClassSessions.NewSession(groupId, title, subject == null ? "" : subject, startsAt, (int) duration,
                library == 0 ? null : library, invites, observers);
    }

    private static List<ClassSessions.Invite> invites(Fields f) {
        if (!(f.raw("classrooms") instanceof JsonArray a) || a.isEmpty() || a.size() > 200) {
            return f.fail("classrooms", f.has("classrooms") ? "classroom_invites" : "required");
        }
        List<ClassSessions.Invite> out = new ArrayList<>();
        for (Object o : a) {
            Long terminal = o instanceof JsonObject j && j.getValue("terminalId") instanceof Number n && n
                    .longValue() > 0 ? n.longValue() : null;
            Object rawAssistant = o instanceof JsonObject j ? j.getValue("assistantId") : null;
            Long assistant = rawAssistant instanceof Number n && n.longValue() > 0 ? n.longValue() : null;
            if (terminal == null || (rawAssistant != null && assistant == null) || out.stream().anyMatch(i -> i
                    .terminalId() == terminal)) {
                return f.fail("classrooms", "classroom_invites");
            }
            out.add(new ClassSessions.Invite(terminal, assistant));
        }
        return List.copyOf(out);
    }

    private static List<Long> ids(Fields f, String name, int max) {
        if (!f.has(name)) {
            return List.of();
        }
        if (!(f.raw(name) instanceof JsonArray a) || a.size() > max) {
            return f.fail(name, "too_many", max);
        }
        List<Long> out = new ArrayList<>();
        for (Object o : a) {
            if (!(o instanceof Integer || o instanceof Long) || ((Number) o).longValue() <= 0) {
                return f.fail(name, "invalid_format");
            }
            if (!out.contains(((Number) o).longValue())) {
                out.add(((Number) o).longValue());
            }
        }
        return List.copyOf(out);
    }

    private static long positive(Fields f, String name, boolean required) {
        if (!f.has(name)) {
            return required ? (long) java.util.Objects.requireNonNullElse(f.fail(name, "required"), 0L) : 0;
        }
        Object v = f.raw(name);
        if ((v instanceof Integer || v instanceof Long) && ((Number) v).longValue() > 0) {
            return ((Number) v).longValue();
        }
        f.fail(name, "invalid_format");
        return 0;
    }

    private static long queryLong(RoutingContext ctx, String name, long fallback) {
        String raw = ctx.request().getParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Math.max(0, Long.parseLong(raw.trim()));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_id", name);
        }
    }
}
