package cn.tongbei.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.tongbei.access.AccessPolicy.ActivityRef;
import cn.tongbei.access.AccessPolicy.Decision;
import cn.tongbei.access.AccessPolicy.PlanRef;
import cn.tongbei.access.AccessPolicy.PlanState;
import cn.tongbei.access.AccessPolicy.TeamRef;
import cn.tongbei.access.Principal.Grant;
import cn.tongbei.access.Principal.TeamMembership;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The lessons authorization matrix. Who: LEAD_PREPARER (主备人, a team member), PARTICIPANT (team member taking
 * part), MEMBER (team member not taking part), RESEARCH_LEAD (leads the team), GROUP_ADMIN, OUTSIDER (same
 * education group, another team), FOREIGN (another group). A = allow, F = forbid (403), H = hidden (404).
 */
@DisplayName("Lessons access matrix")
class LessonsAccessTest {
    static final long GROUP = 1;
    static final long TEAM = 100;

    record Who(Principal principal, boolean participant, boolean leadPreparer) {}

    static Who who(String name) {
        List<Grant> teacher = List.of(new Grant(Role.TEACHER, GROUP, 10L));
        List<TeamMembership> member = List.of(new TeamMembership(TEAM, GROUP, false));
        return switch (name) {
            case "LEAD_PREPARER" -> new Who(new Principal(1, "lp", "lp", GROUP, 10L, teacher, member), true, true);
            case "PARTICIPANT" -> new Who(new Principal(2, "pa", "pa", GROUP, 11L, teacher, member), true, false);
            case "MEMBER" -> new Who(new Principal(3, "me", "me", GROUP, 12L, teacher, member), false, false);
            case "RESEARCH_LEAD" -> new Who(new Principal(4, "rl", "rl", GROUP, 10L, teacher,
                    List.of(new TeamMembership(TEAM, GROUP, true))), false, false);
            case "GROUP_ADMIN" -> new Who(new Principal(5, "ga", "ga", GROUP, 10L,
                    List.of(new Grant(Role.GROUP_ADMIN, GROUP, 10L)), List.of()), false, false);
            case "OUTSIDER" -> new Who(new Principal(6, "ou", "ou", GROUP, 10L, teacher,
                    List.of(new TeamMembership(101, GROUP, false))), false, false);
            case "FOREIGN" -> new Who(new Principal(7, "fo", "fo", 2L, 20L, List.of(new Grant(Role.TEACHER, 2L, 20L)),
                    List.of(new TeamMembership(200, 2L, true))), false, false);
            default -> throw new IllegalArgumentException(name);
        };
    }

    static Decision d(String letter) {
        return switch (letter) {
            case "A" -> Decision.ALLOW;
            case "F" -> Decision.FORBID;
            default -> Decision.HIDE;
        };
    }

    static ActivityRef activity(Who w) {
        return new ActivityRef(GROUP, TEAM, w.participant(), w.leadPreparer());
    }

    static PlanRef plan(Who w, PlanState state, boolean owner) {
        return new PlanRef(activity(w), state, owner);
    }

    @ParameterizedTest(name = "{0}: view {1}, schedule {2}, notes {3}")
    @CsvSource({
            "LEAD_PREPARER, A, F, A",
            "PARTICIPANT,   A, F, A",
            "MEMBER,        A, F, F",
            "RESEARCH_LEAD, A, A, A",
            "GROUP_ADMIN,   A, A, F",
            "OUTSIDER,      H, H, H",
            "FOREIGN,       H, H, H"})
    @DisplayName("activities: view, schedule, write discussion notes")
    void activities(String name, String view, String schedule, String notes) {
        Who w = who(name);
        assertEquals(d(view), AccessPolicy.viewActivity(w.principal(), activity(w)), "view");
        assertEquals(d(schedule), AccessPolicy.scheduleActivity(w.principal(), new TeamRef(TEAM, GROUP)), "schedule");
        assertEquals(d(notes), AccessPolicy.writeActivityNotes(w.principal(), activity(w)), "notes");
    }

    @ParameterizedTest(name = "{0}: read D/Di/C {1}{2}{3}, edit D/Di/C {4}{5}{6}")
    @CsvSource({
            "LEAD_PREPARER, A, A, A, A, A, F",
            "PARTICIPANT,   A, A, A, F, A, F",
            "MEMBER,        F, A, A, F, F, F",
            "RESEARCH_LEAD, A, A, A, F, F, F",
            "GROUP_ADMIN,   F, A, A, F, F, F",
            "OUTSIDER,      H, H, H, H, H, H",
            "FOREIGN,       H, H, H, H, H, H"})
    @DisplayName("the common plan: read and edit per state (draft, discussion, common)")
    void commonPlan(String name, String rD, String rDi, String rC, String eD, String eDi, String eC) {
        Who w = who(name);
        Principal p = w.principal();
        assertEquals(d(rD), AccessPolicy.readPlan(p, plan(w, PlanState.DRAFT, false)), "read draft");
        assertEquals(d(rDi), AccessPolicy.readPlan(p, plan(w, PlanState.DISCUSSION, false)), "read discussion");
        assertEquals(d(rC), AccessPolicy.readPlan(p, plan(w, PlanState.COMMON, false)), "read common");
        assertEquals(d(eD), AccessPolicy.editPlan(p, plan(w, PlanState.DRAFT, false)), "edit draft");
        assertEquals(d(eDi), AccessPolicy.editPlan(p, plan(w, PlanState.DISCUSSION, false)), "edit discussion");
        assertEquals(d(eC), AccessPolicy.editPlan(p, plan(w, PlanState.COMMON, false)), "edit common");
    }

    @ParameterizedTest(name = "{0}: to discussion {1}, to common {2}, fork {3}")
    @CsvSource({
            "LEAD_PREPARER, A, A, A",
            "PARTICIPANT,   F, F, A",
            "MEMBER,        F, F, F",
            "RESEARCH_LEAD, A, A, F",
            "GROUP_ADMIN,   F, F, F",
            "OUTSIDER,      H, H, H",
            "FOREIGN,       H, H, H"})
    @DisplayName("workflow transitions and forking into a personal plan")
    void workflow(String name, String toDiscussion, String toCommon, String fork) {
        Who w = who(name);
        Principal p = w.principal();
        Decision draftToDiscussion = AccessPolicy.transitionPlan(p, plan(w, PlanState.DRAFT, false),
                PlanState.DISCUSSION);
        // a team member who may not read the draft is told "forbidden", not "hidden": they are in the team
        assertEquals(d(toDiscussion), draftToDiscussion, "draft → discussion");
        assertEquals(d(toCommon), AccessPolicy.transitionPlan(p, plan(w, PlanState.DISCUSSION, false),
                PlanState.COMMON), "discussion → common");
        assertEquals(d(fork), AccessPolicy.forkPlan(p, plan(w, PlanState.COMMON, false)), "fork");
        assertEquals(AccessPolicy.readPlan(p, plan(w, PlanState.DISCUSSION, false)),
                AccessPolicy.commentPlan(p, plan(w, PlanState.DISCUSSION, false)), "comment = read");
        Decision resolveOthers = AccessPolicy.resolveComment(p, plan(w, PlanState.DISCUSSION, false), false);
        assertEquals(AccessPolicy.editPlan(p, plan(w, PlanState.DISCUSSION, false)), resolveOthers,
                "resolve another's comment = edit");
        assertEquals(name.equals("OUTSIDER") || name.equals("FOREIGN") ? Decision.HIDE : Decision.FORBID,
                AccessPolicy.transitionPlan(p, plan(w, PlanState.COMMON, false), PlanState.DRAFT),
                "a common plan never goes back");
    }

    @ParameterizedTest(name = "{0} (owner {1}): read personal {2}, edit personal {3}, reflect {4}, read reflected {5}")
    @CsvSource({
            "PARTICIPANT,   true,  A, A, A, A",
            "PARTICIPANT,   false, A, F, F, A",
            "MEMBER,        false, F, F, F, A",
            "RESEARCH_LEAD, false, A, F, F, A",
            "OUTSIDER,      false, H, H, H, H"})
    @DisplayName("personal plans and reflections")
    void personal(String name, boolean owner, String read, String edit, String reflect, String readReflected) {
        Who w = who(name);
        Principal p = w.principal();
        assertEquals(d(read), AccessPolicy.readPlan(p, plan(w, PlanState.PERSONAL, owner)), "read personal");
        assertEquals(d(edit), AccessPolicy.editPlan(p, plan(w, PlanState.PERSONAL, owner)), "edit personal");
        assertEquals(d(reflect), AccessPolicy.transitionPlan(p, plan(w, PlanState.PERSONAL, owner),
                PlanState.REFLECTED), "reflect");
        assertEquals(d(readReflected), AccessPolicy.readPlan(p, plan(w, PlanState.REFLECTED, owner)), "read reflected");
    }
}
