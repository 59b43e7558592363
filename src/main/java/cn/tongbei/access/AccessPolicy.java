package cn.tongbei.access;

import cn.tongbei.platform.http.ApiException;
import java.util.EnumSet;
import java.util.Set;

/**
 * The one place that answers "may this user do this to that", in terms of group, school and team
 * membership. Pure functions of the {@link Principal} and the target, so they are tested as a matrix.
 * Targets outside the user's groups are hidden ({@link Decision#HIDE} becomes 404), targets inside them
 * that the user may not change are forbidden (403).
 */
public final class AccessPolicy {

    /** The answer to one question. */
    public enum Decision {
        ALLOW, FORBID, HIDE;

        /** Throws the matching API error unless allowed. */
        public void require() {
            switch (this) {
                case ALLOW -> {
                }
                case FORBID -> throw ApiException.forbidden();
                case HIDE -> throw ApiException.notFound();
            }
        }

        public boolean allowed() {
            return this == ALLOW;
        }
    }

    /** A school and the group it belongs to. */
    public record SchoolRef(long schoolId, long groupId) {}

    /** A team and the group it belongs to. */
    public record TeamRef(long teamId, long groupId) {}

    /** Roles a school administrator may hand out in their own school. */
    private static final Set<Role> SCHOOL_ADMIN_GRANTABLE = EnumSet.of(Role.TEACHER, Role.TERMINAL, Role.OBSERVER,
            Role.SCHOOL_ADMIN);

    private AccessPolicy() {}

    /** See a group's directory: schools, teams, users. */
    public static Decision viewGroup(Principal p, long groupId) {
        return p.inGroup(groupId) ? Decision.ALLOW : Decision.HIDE;
    }

    /** Create a new education group. */
    public static Decision createGroup(Principal p) {
        return p.mayCreateGroups() ? Decision.ALLOW : Decision.FORBID;
    }

    /** Rename a group, change its mode, add member schools, create teams. */
    public static Decision manageGroup(Principal p, long groupId) {
        return gate(p, groupId, p.isGroupAdmin(groupId));
    }

    /** Edit a school's name, kind or address. */
    public static Decision editSchool(Principal p, SchoolRef school) {
        return gate(p, school.groupId(), p.isGroupAdmin(school.groupId()) || p.isSchoolAdmin(school.schoolId()));
    }

    /** Create or edit a user holding {@code role} at {@code schoolId} (null: group level) in a group. */
    public static Decision manageUser(Principal p, long groupId, Long schoolId, Role role) {
        if (p.isGroupAdmin(groupId)) {
            return role == Role.RESEARCH_LEAD ? Decision.FORBID : Decision.ALLOW;
        }
        boolean schoolAdmin = schoolId != null && p.isSchoolAdmin(schoolId) && SCHOOL_ADMIN_GRANTABLE.contains(role);
        return gate(p, groupId, schoolAdmin);
    }

    /** Add or remove ordinary members of a team. */
    public static Decision manageTeamMembers(Principal p, TeamRef team) {
        return gate(p, team.groupId(), p.isGroupAdmin(team.groupId()) || p.leads(team.teamId()));
    }

    /** Appoint or remove a team's research lead. */
    public static Decision appointLead(Principal p, TeamRef team) {
        return gate(p, team.groupId(), p.isGroupAdmin(team.groupId()));
    }

    /** An invited remote classroom of a synchronized session: its terminal account and assistant teacher. */
    public record ClassroomSeat(long terminalId, long schoolId, Long assistantId) {}

    /** A synchronized classroom session as authorization sees it: group, master, classrooms, observers. */
    public record ClassSessionRef(long sessionId, long groupId, long masterId, java.util.List<ClassroomSeat> classrooms,
            Set<Long> observers) {}

    /** The part a user plays in a synchronized session. */
    public enum ClassSeat {
        MASTER, CLASSROOM, OBSERVER
    }

    /** Schedule a synchronized classroom session in a group: teachers and group administrators. */
    public static Decision scheduleClassSession(Principal p, long groupId) {
        return gate(p, groupId, p.has(Role.TEACHER, groupId) || p.isGroupAdmin(groupId));
    }

    /**
     * See a session (details, schedule, summary, playback): its master, the terminal or assistant of an invited
     * classroom, its observers and the group's administrators.
     */
    public static Decision viewClassSession(Principal p, ClassSessionRef s) {
        return gate(p, s.groupId(), p.isGroupAdmin(s.groupId()) || classSeat(p, s).isPresent());
    }

    /** Teach the session: page, draw, launch quizzes, grant speech, upload courseware. The master only. */
    public static Decision teachClassSession(Principal p, ClassSessionRef s) {
        return gate(p, s.groupId(), p.userId() == s.masterId());
    }

    /** Act for one invited classroom (answer, raise hand, attendance): its terminal or its assistant teacher. */
    public static Decision attendClassSession(Principal p, ClassSessionRef s, long terminalId) {
        return gate(p, s.groupId(), s.classrooms().stream().anyMatch(c -> c.terminalId() == terminalId
                && (c.terminalId() == p.userId() || Long.valueOf(p.userId()).equals(c.assistantId()))));
    }

    /** Leave review notes (评课): observers and the master. */
    public static Decision noteClassSession(Principal p, ClassSessionRef s) {
        return gate(p, s.groupId(), p.userId() == s.masterId() || s.observers().contains(p.userId()));
    }

    /**
     * The seat a user takes when joining live, or empty when they may not join. The master wins over any other
     * seat; a user outside the session's group never gets one.
     */
    public static java.util.Optional<ClassSeat> classSeat(Principal p, ClassSessionRef s) {
        if (!p.inGroup(s.groupId())) {
            return java.util.Optional.empty();
        }
        if (p.userId() == s.masterId()) {
            return java.util.Optional.of(ClassSeat.MASTER);
        }
        if (s.classrooms().stream().anyMatch(c -> c.terminalId() == p.userId()
                || Long.valueOf(p.userId()).equals(c.assistantId()))) {
            return java.util.Optional.of(ClassSeat.CLASSROOM);
        }
        return s.observers().contains(p.userId())
                ? java.util.Optional.of(ClassSeat.OBSERVER)
                : java.util.Optional.empty();
    }

    private static Decision gate(Principal p, long groupId, boolean allowed) {
        if (!p.inGroup(groupId)) {
            return Decision.HIDE;
        }
        return allowed ? Decision.ALLOW : Decision.FORBID;
    }
}
