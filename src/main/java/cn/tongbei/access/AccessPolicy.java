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

    // ---- library (优质课程资源库) ----

    /** A library resource as authorization sees it; {@code reviewState} is pending, approved or rejected. */
    public record ResourceRef(long ownerId, long groupId, Long schoolId, String visibility, String reviewState) {}

    /**
     * See a library resource (metadata, preview, download). The owner always may; otherwise by visibility:
     * {@code public} to every signed-in user, {@code group} to members of its group, {@code school} to people
     * of its school; group-wide and public shares that are not approved yet are seen only by the group's
     * reviewers. {@code private} is the owner's alone. Search applies the same rule inside the query.
     */
    public static Decision viewResource(Principal p, ResourceRef r) {
        if (p.userId() == r.ownerId()) {
            return Decision.ALLOW;
        }
        boolean approved = "approved".equals(r.reviewState()) || reviewLibrary(p, r.groupId()).allowed();
        boolean visible = switch (r.visibility()) {
            case "public" -> approved;
            case "group" -> approved && p.inGroup(r.groupId());
            case "school" -> r.schoolId() != null && schoolsOf(p).contains(r.schoolId());
            default -> false;
        };
        return visible ? Decision.ALLOW : Decision.HIDE;
    }

    /** Edit a resource's metadata or delete it: its owner or an administrator of its group. */
    public static Decision editResource(Principal p, ResourceRef r) {
        if (p.userId() == r.ownerId() || p.isGroupAdmin(r.groupId())) {
            return Decision.ALLOW;
        }
        return viewResource(p, r).allowed() ? Decision.FORBID : Decision.HIDE;
    }

    /** Approve or reject group-wide shares of a group: its administrators and research leads. */
    public static Decision reviewLibrary(Principal p, long groupId) {
        return gate(p, groupId, p.isGroupAdmin(groupId) || leadsInGroup(p, groupId));
    }

    /** Maintain a group's textbook catalogue tree and library settings: its administrators and research leads. */
    public static Decision manageCatalogue(Principal p, long groupId) {
        return reviewLibrary(p, groupId);
    }

    /** Extend the search synonym list: group administrators. */
    public static Decision manageSynonyms(Principal p) {
        return p.mayCreateGroups() ? Decision.ALLOW : Decision.FORBID;
    }

    /** The schools a user belongs to (their own and those of their grants). */
    public static Set<Long> schoolsOf(Principal p) {
        Set<Long> out = new java.util.HashSet<>();
        if (p.schoolId() != null) {
            out.add(p.schoolId());
        }
        p.grants().stream().map(Principal.Grant::schoolId).filter(java.util.Objects::nonNull).forEach(out::add);
        return out;
    }

    /** True when the user leads a team of this group. */
    public static boolean leadsInGroup(Principal p, long groupId) {
        return p.teams().stream().anyMatch(t -> t.lead() && t.groupId() == groupId);
    }
}
