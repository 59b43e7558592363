package cn.tongbei.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.tongbei.access.AccessPolicy.Decision;
import cn.tongbei.access.AccessPolicy.ResourceRef;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who may see, edit and review library resources: a matrix over roles and where a resource is shared. */
class LibraryAccessTest {
    static final long G1 = AccessPolicyTest.G1;
    static final long G2 = AccessPolicyTest.G2;
    static final long OWN_SCHOOL = AccessPolicyTest.OWN_SCHOOL;
    static final long OTHER_SCHOOL = AccessPolicyTest.OTHER_SCHOOL;

    /** Resources owned by someone else (user 99) in the given place. */
    static ResourceRef resource(String name) {
        return switch (name) {
            case "private" -> new ResourceRef(99, G1, OWN_SCHOOL, "private", "approved");
            case "school-own" -> new ResourceRef(99, G1, OWN_SCHOOL, "school", "approved");
            case "school-other" -> new ResourceRef(99, G1, OTHER_SCHOOL, "school", "approved");
            case "group" -> new ResourceRef(99, G1, OTHER_SCHOOL, "group", "approved");
            case "group-pending" -> new ResourceRef(99, G1, OTHER_SCHOOL, "group", "pending");
            case "group-foreign" -> new ResourceRef(99, G2, 20L, "group", "approved");
            case "public-foreign" -> new ResourceRef(99, G2, 20L, "public", "approved");
            case "public-pending" -> new ResourceRef(99, G2, 20L, "public", "pending");
            default -> throw new IllegalArgumentException(name);
        };
    }

    static Decision d(char c) {
        return switch (c) {
            case 'A' -> Decision.ALLOW;
            case 'F' -> Decision.FORBID;
            default -> Decision.HIDE;
        };
    }

    static final List<String> RESOURCES = List.of("private", "school-own", "school-other", "group", "group-pending",
            "group-foreign", "public-foreign", "public-pending");

    @ParameterizedTest(name = "{0}: view {1}, edit {2}")
    @DisplayName("view and edit decisions for each role over private, school, group and public resources")
    @CsvSource({
            // role,         view    (one letter per resource in RESOURCES), edit
            "GROUP_ADMIN,    HAHAAHAH, AAAAAHFH",
            "SCHOOL_ADMIN,   HAHAHHAH, HFHFHHFH",
            "RESEARCH_LEAD,  HAHAAHAH, HFHFFHFH",
            "TEACHER,        HAHAHHAH, HFHFHHFH",
            "TERMINAL,       HAHAHHAH, HFHFHHFH",
            "OBSERVER,       HHHAHHAH, HHHFHHFH"})
    void matrix(String role, String view, String edit) {
        Principal p = AccessPolicyTest.principal(role);
        if (role.equals("OBSERVER")) {
            p = new Principal(1, "observer", "observer", G1, null, p.grants(), p.teams());
        }
        for (int i = 0; i < RESOURCES.size(); i++) {
            ResourceRef r = resource(RESOURCES.get(i));
            assertEquals(d(view.charAt(i)), AccessPolicy.viewResource(p, r), role + " view " + RESOURCES.get(i));
            assertEquals(d(edit.charAt(i)), AccessPolicy.editResource(p, r), role + " edit " + RESOURCES.get(i));
        }
    }

    @ParameterizedTest(name = "{0} reviews own group: {1}, other group: {2}")
    @DisplayName("only group administrators and research leads review shares and maintain the catalogue")
    @CsvSource({"GROUP_ADMIN, ALLOW, HIDE", "SCHOOL_ADMIN, FORBID, HIDE", "RESEARCH_LEAD, ALLOW, HIDE",
            "TEACHER, FORBID, HIDE", "TERMINAL, FORBID, HIDE", "OBSERVER, FORBID, HIDE"})
    void review(String role, Decision own, Decision other) {
        Principal p = AccessPolicyTest.principal(role);
        assertEquals(own, AccessPolicy.reviewLibrary(p, G1));
        assertEquals(other, AccessPolicy.reviewLibrary(p, G2));
        assertEquals(own, AccessPolicy.manageCatalogue(p, G1));
    }

    @ParameterizedTest(name = "the owner ({0}) always sees and edits their {0} resource")
    @DisplayName("owners see and edit their own resources whatever their visibility and review state")
    @CsvSource({"private", "school-other", "group-pending", "public-pending", "group-foreign"})
    void owner(String name) {
        ResourceRef r = resource(name);
        Principal owner = new Principal(99, "owner", "owner", G1, OWN_SCHOOL, List.of(), List.of());
        assertEquals(Decision.ALLOW, AccessPolicy.viewResource(owner, r));
        assertEquals(Decision.ALLOW, AccessPolicy.editResource(owner, r));
    }
}
