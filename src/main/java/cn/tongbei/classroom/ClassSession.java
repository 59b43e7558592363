package cn.tongbei.classroom;

import cn.tongbei.access.AccessPolicy;
import cn.tongbei.access.AccessPolicy.ClassSessionRef;
import cn.tongbei.access.AccessPolicy.ClassroomSeat;
import cn.tongbei.access.Principal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** A scheduled synchronized classroom session with its invited classrooms and observers. */
public record ClassSession(long id, long groupId, long masterId, String masterName, String title, String subject,
        OffsetDateTime startsAt, int durationMinutes, String coursewareName, int pageCount, Long libraryResourceId,
        String status, List<Classroom> classrooms, List<Observer> observers) {

    /** An invited remote classroom: the terminal account is its identity in the session. */
    public record Classroom(long terminalId, long schoolId, String schoolName, Long assistantId,
            String assistantName, String name, String joinCode) {}

    /** An observer (research lead, peer teacher) who watches and takes notes. */
    public record Observer(long id, String name) {}

    static ClassSession from(Row r) {
        List<Classroom> classrooms = new ArrayList<>();
        for (Object o : array(r.getValue("classrooms"))) {
            JsonObject c = (JsonObject) o;
            classrooms.add(new Classroom(c.getLong("terminalId"), c.getLong("schoolId"), c.getString("schoolName"),
                    c.getLong("assistantId"), c.getString("assistantName"), c.getString("name"), c.getString(
                            "joinCode")));
        }
        List<Observer> observers = new ArrayList<>();
        for (Object o : array(r.getValue("observers"))) {
            JsonObject c = (JsonObject) o;
            observers.add(new Observer(c.getLong("id"), c.getString("name")));
        }
        return new ClassSession(r.getLong("id"), r.getLong("group_id"), r.getLong("master_id"), r.getString(
                "master_name"), r.getString("title"), r.getString("subject"), r.getOffsetDateTime("starts_at"),
                r
                        .getInteger("duration_minutes"),
                r.getString("courseware_name"), r.getInteger("page_count"),
                r.getLong("library_resource_id"), r.getString("status"), List.copyOf(classrooms), List.copyOf(
                        observers));
    }

    private static JsonArray array(Object value) {
        if (value instanceof JsonArray a) {
            return a;
        }
        return value == null ? new JsonArray() : new JsonArray(value.toString());
    }

    /** The session as authorization sees it. */
    public ClassSessionRef ref() {
        return new ClassSessionRef(id, groupId, masterId, classrooms.stream().map(c -> new ClassroomSeat(c
                .terminalId(), c.schoolId(), c.assistantId())).toList(), observers.stream().map(Observer::id).collect(
                        Collectors.toUnmodifiableSet()));
    }

    /**
     * The JSON a viewer gets: join codes only for the master, group administrators and each classroom's own seat;
     * {@code myRole} and {@code myClassroom} tell the UI which view to open.
     */
    public JsonObject toJson(Principal viewer) {
        ClassSessionRef ref = ref();
        boolean seesCodes = viewer.userId() == masterId || viewer.isGroupAdmin(groupId);
        JsonArray rooms = new JsonArray();
        Long mine = null;
        for (Classroom c : classrooms) {
            boolean own = c.terminalId() == viewer.userId() || Long.valueOf(viewer.userId()).equals(c.assistantId());
            if (own && mine == null) {
                mine = c.terminalId();
            }
            JsonObject j = new JsonObject().put("terminalId", c.terminalId()).put("schoolId", c.schoolId())
                    .put("schoolName", c.schoolName()).put("assistantId", c.assistantId())
                    .put("assistantName", c.assistantName()).put("name", c.name());
            if (seesCodes || own) {
                j.put("joinCode", c.joinCode());
            }
            rooms.add(j);
        }
        JsonArray obs = new JsonArray();
        observers.forEach(o -> obs.add(new JsonObject().put("id", o.id()).put("name", o.name())));
        String role = AccessPolicy.classSeat(viewer, ref).map(s -> s.name().toLowerCase()).orElse("observer");
        return new JsonObject().put("id", id).put("groupId", groupId).put("masterId", masterId)
                .put("masterName", masterName).put("title", title).put("subject", subject)
                .put("startsAt", startsAt.toString()).put("durationMinutes", durationMinutes)
                .put("coursewareName", coursewareName).put("pageCount", pageCount)
                .put("libraryResourceId", libraryResourceId).put("status", status).put("classrooms", rooms)
                .put("observers", obs).put("myRole", role).put("myClassroom", mine);
    }

    /** The invited classrooms' terminal ids. */
    public Set<Long> classroomIds() {
        return classrooms.stream().map(Classroom::terminalId).collect(Collectors.toUnmodifiableSet());
    }
}
