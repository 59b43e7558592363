package cn.tongbei.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.tongbei.access.AccessPolicy.PlanState;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who may publish a plan to the library (see {@link LessonsAccessTest} for the roles). */
@DisplayName("Publishing a plan to the library: access matrix")
class LessonsPublishAccessTest {
    @ParameterizedTest(name = "{0}: draft {1}, discussion {2}, common {3}")
    @DisplayName("only the lead preparer or research lead publishes, only the common plan; outsiders see nothing")
    @CsvSource({"LEAD_PREPARER, F, F, A", "RESEARCH_LEAD, F, F, A", "PARTICIPANT, F, F, F", "MEMBER, F, F, F",
            "GROUP_ADMIN, F, F, F", "OUTSIDER, H, H, H", "FOREIGN, H, H, H"})
    void publish(String who, String draft, String discussion, String common) {
        LessonsAccessTest.Who w = LessonsAccessTest.who(who);
        assertEquals(LessonsAccessTest.d(draft), AccessPolicy.publishPlan(w.principal(),
                LessonsAccessTest.plan(w, PlanState.DRAFT, false)), "draft");
        assertEquals(LessonsAccessTest.d(discussion), AccessPolicy.publishPlan(w.principal(),
                LessonsAccessTest.plan(w, PlanState.DISCUSSION, false)), "discussion");
        assertEquals(LessonsAccessTest.d(common), AccessPolicy.publishPlan(w.principal(),
                LessonsAccessTest.plan(w, PlanState.COMMON, false)), "common");
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("personal and reflected plans are never published from here")
    @CsvSource({"LEAD_PREPARER", "RESEARCH_LEAD", "PARTICIPANT"})
    void personal(String who) {
        LessonsAccessTest.Who w = LessonsAccessTest.who(who);
        assertEquals(false, AccessPolicy.publishPlan(w.principal(),
                LessonsAccessTest.plan(w, PlanState.PERSONAL, true)).allowed());
        assertEquals(false, AccessPolicy.publishPlan(w.principal(),
                LessonsAccessTest.plan(w, PlanState.REFLECTED, true)).allowed());
    }
}
