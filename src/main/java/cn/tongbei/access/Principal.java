package cn.tongbei.access;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The authenticated user as authorization sees them: their role grants (role in a group and school) and
 * the teams they belong to. Loaded fresh for every request, so a revoked grant takes effect at once.
 */
public record Principal(long userId, String username, String displayName, Long groupId, Long schoolId,
        List<Grant> grants, List<TeamMembership> teams) {

    /** A granted role; {@code groupId} null only for the bootstrap administrator, who may create groups. */
    public record Grant(Role role, Long groupId, Long schoolId) {}

    /** Membership in a subject or prep group; {@code lead} makes the user its research lead. */
    public record TeamMembership(long teamId, long groupId, boolean lead) {}

    public Set<Long> groupIds() {
        return Stream.concat(Stream.concat(Stream.ofNullable(groupId), grants.stream().map(Grant::groupId)),
                teams.stream().map(TeamMembership::groupId)).filter(Objects::nonNull).collect(Collectors.toSet());
    }

    public boolean inGroup(long group) {
        return groupIds().contains(group);
    }

    public boolean has(Role role, long group) {
        return grants.stream().anyMatch(g -> g.role() == role && g.groupId() != null && g.groupId() == group);
    }

    public boolean isGroupAdmin(long group) {
        return has(Role.GROUP_ADMIN, group);
    }

    public boolean isSchoolAdmin(long school) {
        return grants.stream().anyMatch(g -> g.role() == Role.SCHOOL_ADMIN && g.schoolId() != null
                && g.schoolId() == school);
    }

    public boolean leads(long team) {
        return teams.stream().anyMatch(t -> t.teamId() == team && t.lead());
    }

    public boolean memberOf(long team) {
        return teams.stream().anyMatch(t -> t.teamId() == team);
    }

    public boolean mayCreateGroups() {
        return grants.stream().anyMatch(g -> g.role() == Role.GROUP_ADMIN);
    }
}
