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
        MASTER, CLASSROOM, OBSERVER,
        /** A student's own answer device (no account): joins with a classroom's join code and a seat number. */
        STUDENT
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

    // ---- Lessons (集体备课): prep activities and lesson plans ----

    /** A prep activity as authorization sees it: its team, and whether the user takes part or leads it. */
    public record ActivityRef(long groupId, long teamId, boolean participant, boolean leadPreparer) {}

    /** Workflow states of a lesson plan: common plans DRAFT → DISCUSSION → COMMON; personal PERSONAL → REFLECTED. */
    public enum PlanState {
        DRAFT, DISCUSSION, COMMON, PERSONAL, REFLECTED
    }

    /** A lesson plan: its activity, state and whether the user owns it (personal plans). */
    public record PlanRef(ActivityRef activity, PlanState state, boolean owner) {}

    /** See a prep activity: its team's members, its participants and the group administrator. */
    public static Decision viewActivity(Principal p, ActivityRef a) {
        boolean inTeam = p.memberOf(a.teamId()) || a.participant() || p.isGroupAdmin(a.groupId());
        return inTeam ? Decision.ALLOW : Decision.HIDE;
    }

    /** Schedule a prep activity for a team, or change or cancel one: the team's research lead. */
    public static Decision scheduleActivity(Principal p, TeamRef team) {
        if (!p.memberOf(team.teamId()) && !p.isGroupAdmin(team.groupId())) {
            return Decision.HIDE;
        }
        return p.leads(team.teamId()) || p.isGroupAdmin(team.groupId()) ? Decision.ALLOW : Decision.FORBID;
    }

    /** Edit an activity's discussion notes (研讨记录): its lead preparer, participants and the research lead. */
    public static Decision writeActivityNotes(Principal p, ActivityRef a) {
        return seen(viewActivity(p, a), a.participant() || a.leadPreparer() || p.leads(a.teamId()));
    }

    /**
     * Read a plan. Drafts: the lead preparer, participants and the research lead; discussion and common plans:
     * the whole team; personal plans: the owner, participants and the research lead; reflected plans: the team.
     */
    public static Decision readPlan(Principal p, PlanRef plan) {
        ActivityRef a = plan.activity();
        boolean close = a.participant() || a.leadPreparer() || p.leads(a.teamId()) || plan.owner();
        boolean allowed = switch (plan.state()) {
            case DRAFT, PERSONAL -> close;
            case DISCUSSION, COMMON, REFLECTED -> true;
        };
        return seen(viewActivity(p, a), allowed);
    }

    /** Edit a plan's text: the lead preparer in draft, participants in discussion, the owner of a personal plan. */
    public static Decision editPlan(Principal p, PlanRef plan) {
        ActivityRef a = plan.activity();
        boolean allowed = switch (plan.state()) {
            case DRAFT -> a.leadPreparer();
            case DISCUSSION -> a.participant() || a.leadPreparer();
            case COMMON -> false;
            case PERSONAL, REFLECTED -> plan.owner();
        };
        Decision read = readPlan(p, plan);
        return read.allowed() ? (allowed ? Decision.ALLOW : Decision.FORBID) : read;
    }

    /**
     * Move a plan to {@code to}: DRAFT → DISCUSSION and DISCUSSION → COMMON by the lead preparer or the research
     * lead (DISCUSSION → DRAFT too); PERSONAL → REFLECTED by the owner. Other moves are forbidden.
     */
    public static Decision transitionPlan(Principal p, PlanRef plan, PlanState to) {
        ActivityRef a = plan.activity();
        boolean leads = a.leadPreparer() || p.leads(a.teamId());
        boolean allowed = switch (plan.state()) {
            case DRAFT -> to == PlanState.DISCUSSION && leads;
            case DISCUSSION -> (to == PlanState.COMMON || to == PlanState.DRAFT) && leads;
            case PERSONAL -> to == PlanState.REFLECTED && plan.owner();
            case COMMON, REFLECTED -> false;
        };
        Decision read = readPlan(p, plan);
        return read.allowed() ? (allowed ? Decision.ALLOW : Decision.FORBID) : read;
    }

    /** Fork the common plan into one's personal plan (个案): participants, once the plan is COMMON. */
    public static Decision forkPlan(Principal p, PlanRef common) {
        ActivityRef a = common.activity();
        boolean allowed = common.state() == PlanState.COMMON && (a.participant() || a.leadPreparer());
        return seen(readPlan(p, common), allowed);
    }

    /** Comment on a plan or reply to a comment: whoever may read it. */
    public static Decision commentPlan(Principal p, PlanRef plan) {
        return readPlan(p, plan);
    }

    /** Resolve or reopen a comment: its author, or whoever may edit the plan. */
    public static Decision resolveComment(Principal p, PlanRef plan, boolean author) {
        Decision read = readPlan(p, plan);
        if (!read.allowed()) {
            return read;
        }
        return author || editPlan(p, plan).allowed() ? Decision.ALLOW : Decision.FORBID;
    }

    private static Decision seen(Decision visibility, boolean allowed) {
        if (!visibility.allowed()) {
            return visibility;
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

    /**
     * Publish the common plan (共案) to the library as a 教案: the lead preparer or the research lead, once the plan
     * is COMMON. Others who may read it are forbidden; those who may not are answered as if it did not exist.
     */
    public static Decision publishPlan(Principal p, PlanRef plan) {
        ActivityRef a = plan.activity();
        boolean allowed = plan.state() == PlanState.COMMON && (a.leadPreparer() || p.leads(a.teamId()));
        return seen(readPlan(p, plan), allowed);
    }

}
