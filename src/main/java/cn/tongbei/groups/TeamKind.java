package cn.tongbei.groups;

/** 学科教研组 (a subject across grades) or 年级备课组 (a subject in one grade). */
public enum TeamKind {
    SUBJECT, PREP
}
