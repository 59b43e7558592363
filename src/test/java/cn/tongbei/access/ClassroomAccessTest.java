package cn.tongbei.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.tongbei.access.AccessPolicy.ClassSeat;
import cn.tongbei.access.AccessPolicy.ClassSessionRef;
import cn.tongbei.access.AccessPolicy.ClassroomSeat;
import cn.tongbei.access.AccessPolicy.Decision;
import cn.tongbei.access.Principal.Grant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The synchronized classroom matrix: who may schedule, see, teach, act for a classroom, take notes, and which
 * seat they get live. A = allow, F = forbid (403), H = hidden (404); seats M, C, O, or - for none.
 */
class ClassroomAccessTest {
    static final long G1 = 1;
    static final long G2 = 2;
    static final long MASTER = 10;
    static final long TERMINAL = 20;
    static final long ASSISTANT = 21;
    static final long OTHER_TERMINAL = 22;
    static final long OBSERVER = 30;
    static final long TEACHER = 40;
    static final long ADMIN = 50;
    static final long FOREIGN = 60;
    static final ClassSessionRef SESSION = new ClassSessionRef(7, G1, MASTER, List.of(new ClassroomSeat(TERMINAL, 2,
            ASSISTANT), new ClassroomSeat(99, 3, null)), Set.of(OBSERVER));

    static Principal who(String name) {
        return switch (name) {
            case "master" -> person(MASTER, new Grant(Role.TEACHER, G1, 1L));
            case "terminal" -> person(TERMINAL, new Grant(Role.TERMINAL, G1, 2L));
            case "assistant" -> person(ASSISTANT, new Grant(Role.TEACHER, G1, 2L));
            case "otherTerminal" -> person(OTHER_TERMINAL, new Grant(Role.TERMINAL, G1, 4L));
            case "observer" -> person(OBSERVER, new Grant(Role.OBSERVER, G1, null));
            case "teacher" -> person(TEACHER, new Grant(Role.TEACHER, G1, 1L));
            case "groupAdmin" -> person(ADMIN, new Grant(Role.GROUP_ADMIN, G1, 1L));
            case "foreign" -> person(FOREIGN, new Grant(Role.TEACHER, G2, 5L));
            case "foreignMasterId" -> new Principal(MASTER, "x", "x", G2, 5L, List.of(new Grant(Role.TEACHER, G2,
                    5L)), List.of());
            default -> throw new IllegalArgumentException(name);
        };
    }

    static Principal person(long id, Grant grant) {
        return new Principal(id, "u" + id, "u" + id, grant.groupId(), grant.schoolId(), List.of(grant), List.of());
    }

    static Decision d(String letter) {
        return switch (letter) {
            case "A" -> Decision.ALLOW;
            case "F" -> Decision.FORBID;
            default -> Decision.HIDE;
        };
    }

    @ParameterizedTest(name = "{0}: schedule {1}, view {2}, teach {3}, act for classroom {4}, act for another {5}, "
            + "note {6}, seat {7}")
    @CsvSource({
            "master,          A, A, A, F, F, A, M",
            "terminal,        F, A, F, A, F, F, C",
            "assistant,       A, A, F, A, F, F, C",
            "otherTerminal,   F, F, F, F, F, F, -",
            "observer,        F, A, F, F, F, A, O",
            "teacher,         A, F, F, F, F, F, -",
            "groupAdmin,      A, A, F, F, F, F, -",
            "foreign,         H, H, H, H, H, H, -",
            "foreignMasterId, H, H, H, H, H, H, -",
    })
    @DisplayName("each participant gets exactly their part of a session; other groups see nothing")
    void matrix(String name, String schedule, String view, String teach, String attend, String attendOther,
            String note, String seat) {
        Principal p = who(name);
        assertEquals(d(schedule), AccessPolicy.scheduleClassSession(p, G1), "schedule");
        assertEquals(d(view), AccessPolicy.viewClassSession(p, SESSION), "view");
        assertEquals(d(teach), AccessPolicy.teachClassSession(p, SESSION), "teach");
        assertEquals(d(attend), AccessPolicy.attendClassSession(p, SESSION, TERMINAL), "attend own classroom");
        assertEquals(d(attendOther), AccessPolicy.attendClassSession(p, SESSION, 99), "attend another classroom");
        assertEquals(d(note), AccessPolicy.noteClassSession(p, SESSION), "note");
        ClassSeat expected = switch (seat) {
            case "M" -> ClassSeat.MASTER;
            case "C" -> ClassSeat.CLASSROOM;
            case "O" -> ClassSeat.OBSERVER;
            default -> null;
        };
        assertEquals(expected, AccessPolicy.classSeat(p, SESSION).orElse(null), "seat");
    }
}
