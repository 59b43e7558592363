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

    private static Decision gate(Principal p, long groupId, boolean allowed) {
        if (!p.inGroup(groupId)) {
            return Decision.HIDE;
        }
        return allowed ? Decision.ALLOW : Decision.FORBID;
    }
}
