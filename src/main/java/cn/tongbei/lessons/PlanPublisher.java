package cn.tongbei.lessons;

import cn.tongbei.Modules;
import cn.tongbei.access.AccessPolicy;
import cn.tongbei.access.Principal;
import cn.tongbei.library.LibraryModule;
import cn.tongbei.library.Resource;
import cn.tongbei.platform.db.Audit;
import cn.tongbei.platform.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * Publishes a common plan (共案) to the library as a 教案: exports it as DOCX and hands it to the library's
 * {@code Publisher} with the plan's subject, grade, edition, unit and lesson. A plan is published once: the
 * common plan is read-only, so a second publish would only duplicate it and is refused (409
 * {@code lessons_already_published}); the answer and the plan carry the resource id.
 */
final class PlanPublisher {
    static final String LICENCE = "CC BY-NC-SA 4.0";

    private final Pool pool;
    private final PrepService prep;
    private final PlanExport export;
    private final Modules modules;

    PlanPublisher(Pool pool, PrepService prep, PlanExport export, Modules modules) {
        this.pool = pool;
        this.prep = prep;
        this.export = export;
        this.modules = modules;
    }

    Future<PrepService.PlanView> publish(Principal p, long planId, String visibility) {
        return prep.plan(p, planId).compose(v -> {
            AccessPolicy.publishPlan(p, v.plan().ref(v.activity(), p)).require();
            if (v.plan().libraryResourceId() != null) {
                throw ApiException.conflict("lessons_already_published");
            }
            var library = modules.find(LibraryModule.class)
                    .orElseThrow(() -> ApiException.conflict("lessons_library_unavailable"));
            return pool.preparedQuery(LessonSql.CLAIM_PUBLISH).execute(Tuple.of(planId)).compose(claim -> {
                if (claim.rowCount() != 1) {
                    throw ApiException.conflict("lessons_already_published");
                }
                return prep.content(p, planId, null)
                        .compose(c -> export.render(v, c.content(), PlanExport.Format.DOCX))
                        .compose(bytes -> library.publisher().publish(p, v.plan().title() + ".docx",
                                Buffer.buffer(bytes), metadata(v, visibility)))
                        .compose(resourceId -> pool.withTransaction(conn -> conn.preparedQuery(LessonSql.PUBLISHED)
                                .execute(Tuple.of(planId, resourceId, p.userId()))
                                .compose(x -> Audit.record(conn, p.userId(), v.activity().groupId(),
                                        "lessons.plan.publish", "lesson_plan:" + planId,
                                        new JsonObject().put("resourceId", resourceId).put("visibility", visibility)))))
                        .recover(e -> pool.preparedQuery(LessonSql.UNCLAIM_PUBLISH).execute(Tuple.of(planId))
                                .compose(x -> Future.failedFuture(e), x -> Future.failedFuture(e)));
            }).compose(x -> prep.plan(p, planId));
        });
    }

    static Resource.Metadata metadata(PrepService.PlanView v, String visibility) {
        var plan = v.plan();
        String description = "集体备课共案 · " + v.activity().teamName() + " · 主备人 " + v.activity().leadName();
        return new Resource.Metadata(plan.title(), description, Resource.stageOf(plan.grade()), blank(plan.grade()),
                blank(plan.subject()), blank(plan.edition()), null, blank(plan.unit()), blank(plan.lesson()), null,
                "教案", List.of("集体备课", "共案"), LICENCE, visibility);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
