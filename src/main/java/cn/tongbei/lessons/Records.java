package cn.tongbei.lessons;

import cn.tongbei.access.AccessPolicy.ActivityRef;
import cn.tongbei.access.AccessPolicy.PlanRef;
import cn.tongbei.access.AccessPolicy.PlanState;
import cn.tongbei.access.Principal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** The records of the lessons feature and their JSON form. */
public final class Records {
    private Records() {}

    /** A prep activity (集体备课活动) as seen by one user. */
    public record Activity(long id, long groupId, long teamId, String teamName, String subject, String grade,
            String topic, String contentUnit, OffsetDateTime startsAt, int durationMin, String place, boolean online,
            Recurrence recurrence, long leadId, String leadName, String status, String notes, boolean participant,
            boolean leadPreparer) {

        static Activity from(Row r, long userId) {
            Integer[] days = r.getArrayOfIntegers("repeat_days");
            LocalDate until = r.getLocalDate("repeat_until");
            return new Activity(r.getLong("id"), r.getLong("group_id"), r.getLong("team_id"), r.getString("team_name"),
                    r.getString("team_subject"), r.getString("team_grade"), r.getString("topic"),
                    r.getString("content_unit"), r.getOffsetDateTime("starts_at"), r.getInteger("duration_min"),
                    r.getString("place"), r.getBoolean("online"), new Recurrence(List.of(days), until),
                    r.getLong("lead_id"), r.getString("lead_name"), r.getString("status"), r.getString("notes"),
                    r.getBoolean("participant"), r.getLong("lead_id") == userId);
        }

        public ActivityRef ref() {
            return new ActivityRef(groupId, teamId, participant, leadPreparer);
        }

        JsonObject toJson() {
            return new JsonObject().put("id", id).put("groupId", groupId).put("teamId", teamId)
                    .put("teamName", teamName).put("subject", subject).put("grade", grade).put("topic", topic)
                    .put("contentUnit", contentUnit).put("startsAt", startsAt.toInstant().toString())
                    .put("durationMin", durationMin).put("place", place).put("online", online)
                    .put("repeatDays", new JsonArray(recurrence.days()))
                    .put("repeatUntil", recurrence.until() == null ? null : recurrence.until().toString())
                    .put("leadId", leadId).put("leadName", leadName).put("status", status).put("notes", notes)
                    .put("participant", participant).put("leadPreparer", leadPreparer);
        }
    }

    /** A lesson plan (教案): common (parent null) or personal. */
    public record Plan(long id, long activityId, Long parentId, long ownerId, String ownerName, long docId,
            String title, String subject, String grade, String edition, String unit, String lesson, int classHours,
            PlanState state, Integer commonRevision, Long libraryResourceId) {

        static Plan from(Row r) {
            return new Plan(r.getLong("id"), r.getLong("activity_id"), r.getLong("parent_id"), r.getLong("owner_id"),
                    r.getString("owner_name"), r.getLong("doc_id"), r.getString("title"), r.getString("subject"),
                    r.getString("grade"), r.getString("edition"), r.getString("unit"), r.getString("lesson"),
                    r.getInteger("class_hours"), PlanState.valueOf(r.getString("state")),
                    r.getInteger("common_revision"), r.getLong("library_resource_id"));
        }

        public PlanRef ref(Activity activity, Principal p) {
            return new PlanRef(activity.ref(), state, parentId != null && ownerId == p.userId());
        }

        boolean personal() {
            return parentId != null;
        }

        JsonObject toJson() {
            return new JsonObject().put("id", id).put("activityId", activityId).put("parentId", parentId)
                    .put("kind", personal() ? "PERSONAL" : "COMMON").put("ownerId", ownerId)
                    .put("ownerName", ownerName).put("docId", docId).put("title", title).put("subject", subject)
                    .put("grade", grade).put("edition", edition).put("unit", unit).put("lesson", lesson)
                    .put("classHours", classHours).put("state", state.name()).put("commonRevision", commonRevision)
                    .put("libraryResourceId", libraryResourceId);
        }
    }
}
