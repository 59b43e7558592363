package cn.tongbei.access;

/** What a person is in Tongbei. {@code RESEARCH_LEAD} is held by leading a team, the others by grant. */
public enum Role {
    GROUP_ADMIN, SCHOOL_ADMIN, RESEARCH_LEAD, TEACHER, TERMINAL, OBSERVER
}
