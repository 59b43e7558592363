package cn.tongbei.groups;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.List;

/** The group directory's data, with one mapper from rows and one to JSON each. */
public final class Records {
    private Records() {}

    /** An education group (教育集团) with its counts. */
    public record EduGroup(long id, String name, GroupMode mode, String description, Long leadSchoolId,
            String leadSchoolName, int memberCap, long memberCount, long schoolCount, long userCount, long teamCount,
            OffsetDateTime createdAt) {

        static EduGroup from(Row r, int cap) {
            return new EduGroup(r.getLong("id"), r.getString("name"), GroupMode.valueOf(r.getString("mode")),
                    r.getString("description"), r.getLong("lead_school_id"), r.getString("lead_school_name"), cap,
                    r.getLong("member_count"), r.getLong("school_count"), r.getLong("user_count"),
                    r.getLong("team_count"), r.getOffsetDateTime("created_at"));
        }

        public JsonObject toJson() {
            return new JsonObject().put("id", id).put("name", name).put("mode", mode.name())
                    .put("description", description).put("leadSchoolId", leadSchoolId)
                    .put("leadSchoolName", leadSchoolName).put("memberCap", memberCap).put("memberCount", memberCount)
                    .put("schoolCount", schoolCount).put("userCount", userCount).put("teamCount", teamCount)
                    .put("createdAt", createdAt.toInstant().toString());
        }
    }

    /** A school of a group; {@code lead} marks the 龙头学校. */
    public record School(long id, long groupId, String name, SchoolKind kind, String address, boolean lead,
            long userCount) {

        static School from(Row r) {
            return new School(r.getLong("id"), r.getLong("group_id"), r.getString("name"),
                    SchoolKind.valueOf(r.getString("kind")), r.getString("address"), r.getBoolean("is_lead"),
                    r.getLong("user_count"));
        }

        public JsonObject toJson() {
            return new JsonObject().put("id", id).put("groupId", groupId).put("name", name).put("kind", kind.name())
                    .put("address", address).put("lead", lead).put("userCount", userCount);
        }
    }

    /** A team member with the school they come from. */
    public record TeamMember(long userId, String username, String displayName, Long schoolId, String schoolName,
            String role) {

        static TeamMember from(Row r) {
            return new TeamMember(r.getLong("user_id"), r.getString("username"), r.getString("display_name"),
                    r.getLong("school_id"), r.getString("school_name"), r.getString("role"));
        }

        public JsonObject toJson() {
            return new JsonObject().put("userId", userId).put("username", username).put("displayName", displayName)
                    .put("schoolId", schoolId).put("schoolName", schoolName).put("role", role);
        }
    }

    /** A subject group or grade prep group, spanning schools. */
    public record Team(long id, long groupId, TeamKind kind, String name, String subject, String grade,
            String description, long memberCount, long schoolCount, JsonArray leads, List<TeamMember> members) {

        static Team from(Row r) {
            return new Team(r.getLong("id"), r.getLong("group_id"), TeamKind.valueOf(r.getString("kind")),
                    r.getString("name"), r.getString("subject"), r.getString("grade"), r.getString("description"),
                    r.getLong("member_count"), r.getLong("school_count"), toArray(r.getValue("leads")), null);
        }

        Team withMembers(List<TeamMember> list) {
            return new Team(id, groupId, kind, name, subject, grade, description, memberCount, schoolCount, leads,
                    list);
        }

        public JsonObject toJson() {
            JsonObject json = new JsonObject().put("id", id).put("groupId", groupId).put("kind", kind.name())
                    .put("name", name).put("subject", subject).put("grade", grade).put("description", description)
                    .put("memberCount", memberCount).put("schoolCount", schoolCount).put("leads", leads);
            if (members != null) {
                JsonArray array = new JsonArray();
                members.forEach(m -> array.add(m.toJson()));
                json.put("members", array);
            }
            return json;
        }
    }

    static JsonArray toArray(Object value) {
        if (value instanceof JsonArray array) {
            return array;
        }
        if (value instanceof String s) {
            return new JsonArray(s);
        }
        return new JsonArray();
    }
}
