package cn.tongbei.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.tongbei.access.AccessPolicy.Decision;
import cn.tongbei.access.AccessPolicy.SchoolRef;
import cn.tongbei.access.AccessPolicy.TeamRef;
import cn.tongbei.access.Principal.Grant;
import cn.tongbei.access.Principal.TeamMembership;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The authorization matrix: each role against a target in its own school (or own team), another school (or
 * team) of its own group, and another group. A = allow, F = forbid (403), H = hidden (404).
 */
class AccessPolicyTest {
    static final long G1 = 1;
    static final long G2 = 2;
    static final long OWN_SCHOOL = 10;
    static final long OTHER_SCHOOL = 11;
    static final long FOREIGN_SCHOOL = 20;
    static final long OWN_TEAM = 100;
    static final long OTHER_TEAM = 101;
    static final long FOREIGN_TEAM = 200;

    static Principal principal(String role) {
        List<TeamMembership> teams = List.of();
        List<Grant> grants = switch (role) {
            case "GROUP_ADMIN" -> List.of(new Grant(Role.GROUP_ADMIN, G1, OWN_SCHOOL));
            case "SCHOOL_ADMIN" -> List.of(new Grant(Role.SCHOOL_ADMIN, G1, OWN_SCHOOL));
            case "RESEARCH_LEAD", "TEACHER" -> List.of(new Grant(Role.TEACHER, G1, OWN_SCHOOL));
            case "TERMINAL" -> List.of(new Grant(Role.TERMINAL, G1, OWN_SCHOOL));
            case "OBSERVER" -> List.of(new Grant(Role.OBSERVER, G1, null));
            default -> throw new IllegalArgumentException(role);
        };
        if (role.equals("RESEARCH_LEAD")) {
            teams = List.of(new TeamMembership(OWN_TEAM, G1, true));
        } else if (role.equals("TEACHER")) {
            teams = List.of(new TeamMembership(OWN_TEAM, G1, false));
        }
        return new Principal(1, role.toLowerCase(), role, G1, OWN_SCHOOL, grants, teams);
    }

    static Decision decision(String letter) {
        return switch (letter) {
            case "A" -> Decision.ALLOW;
            case "F" -> Decision.FORBID;
            case "H" -> Decision.HIDE;
            default -> throw new IllegalArgumentException(letter);
        };
    }

    static BiFunction<Principal, Integer, Decision> action(String name) {
        long[] schools = {OWN_SCHOOL, OTHER_SCHOOL, FOREIGN_SCHOOL};
        long[] schoolGroups = {G1, G1, G2};
        long[] teams = {OWN_TEAM, OTHER_TEAM, FOREIGN_TEAM};
        return switch (name) {
            case "viewGroup" -> (p, i) -> AccessPolicy.viewGroup(p, i == 2 ? G2 : G1);
            case "manageGroup" -> (p, i) -> AccessPolicy.manageGroup(p, i == 2 ? G2 : G1);
            case "editSchool" -> (p, i) -> AccessPolicy.editSchool(p, new SchoolRef(schools[i], schoolGroups[i]));
            case "addTeacher" -> (p, i) -> AccessPolicy.manageUser(p, schoolGroups[i], schools[i], Role.TEACHER);
            case "addGroupAdmin" -> (p, i) -> AccessPolicy.manageUser(p, schoolGroups[i], schools[i], Role.GROUP_ADMIN);
            case "manageTeamMembers" -> (p, i) -> AccessPolicy.manageTeamMembers(p, new TeamRef(teams[i],
                    schoolGroups[i]));
            case "appointLead" -> (p, i) -> AccessPolicy.appointLead(p, new TeamRef(teams[i], schoolGroups[i]));
            default -> throw new IllegalArgumentException(name);
        };
    }

    @DisplayName("role × own / other school or team in the group / other group")
    @ParameterizedTest(name = "{0} {1}: own={2} other={3} foreign={4}")
    @CsvSource({
            // role,         action,            own, other-in-group, other-group
            "GROUP_ADMIN,   viewGroup,          A, A, H",
            "SCHOOL_ADMIN,  viewGroup,          A, A, H",
            "RESEARCH_LEAD, viewGroup,          A, A, H",
            "TEACHER,       viewGroup,          A, A, H",
            "TERMINAL,      viewGroup,          A, A, H",
            "OBSERVER,      viewGroup,          A, A, H",
            "GROUP_ADMIN,   manageGroup,        A, A, H",
            "SCHOOL_ADMIN,  manageGroup,        F, F, H",
            "RESEARCH_LEAD, manageGroup,        F, F, H",
            "TEACHER,       manageGroup,        F, F, H",
            "TERMINAL,      manageGroup,        F, F, H",
            "OBSERVER,      manageGroup,        F, F, H",
            "GROUP_ADMIN,   editSchool,         A, A, H",
            "SCHOOL_ADMIN,  editSchool,         A, F, H",
            "RESEARCH_LEAD, editSchool,         F, F, H",
            "TEACHER,       editSchool,         F, F, H",
            "TERMINAL,      editSchool,         F, F, H",
            "OBSERVER,      editSchool,         F, F, H",
            "GROUP_ADMIN,   addTeacher,         A, A, H",
            "SCHOOL_ADMIN,  addTeacher,         A, F, H",
            "RESEARCH_LEAD, addTeacher,         F, F, H",
            "TEACHER,       addTeacher,         F, F, H",
            "TERMINAL,      addTeacher,         F, F, H",
            "OBSERVER,      addTeacher,         F, F, H",
            "GROUP_ADMIN,   addGroupAdmin,      A, A, H",
            "SCHOOL_ADMIN,  addGroupAdmin,      F, F, H",
            "TEACHER,       addGroupAdmin,      F, F, H",
            "GROUP_ADMIN,   manageTeamMembers,  A, A, H",
            "SCHOOL_ADMIN,  manageTeamMembers,  F, F, H",
            "RESEARCH_LEAD, manageTeamMembers,  A, F, H",
            "TEACHER,       manageTeamMembers,  F, F, H",
            "TERMINAL,      manageTeamMembers,  F, F, H",
            "OBSERVER,      manageTeamMembers,  F, F, H",
            "GROUP_ADMIN,   appointLead,        A, A, H",
            "SCHOOL_ADMIN,  appointLead,        F, F, H",
            "RESEARCH_LEAD, appointLead,        F, F, H",
            "TEACHER,       appointLead,        F, F, H",
            "TERMINAL,      appointLead,        F, F, H",
            "OBSERVER,      appointLead,        F, F, H",
    })
    void matrix(String role, String action, String own, String other, String foreign) {
        Principal p = principal(role);
        BiFunction<Principal, Integer, Decision> ask = action(action);
        assertEquals(decision(own), ask.apply(p, 0), role + " " + action + " own");
        assertEquals(decision(other), ask.apply(p, 1), role + " " + action + " other in group");
        assertEquals(decision(foreign), ask.apply(p, 2), role + " " + action + " other group");
    }

    @DisplayName("only group administrators may create groups")
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"GROUP_ADMIN, A", "SCHOOL_ADMIN, F", "RESEARCH_LEAD, F", "TEACHER, F", "TERMINAL, F", "OBSERVER, F"})
    void createGroup(String role, String expected) {
        assertEquals(decision(expected), AccessPolicy.createGroup(principal(role)));
    }

    @DisplayName("nobody may grant RESEARCH_LEAD as a role: it comes from leading a team")
    @ParameterizedTest(name = "{0}")
    @CsvSource({"GROUP_ADMIN", "SCHOOL_ADMIN", "TEACHER"})
    void researchLeadIsNotGranted(String role) {
        assertEquals(false, AccessPolicy.manageUser(principal(role), G1, OWN_SCHOOL, Role.RESEARCH_LEAD).allowed());
    }
}
