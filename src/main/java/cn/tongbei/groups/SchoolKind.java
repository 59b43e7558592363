package cn.tongbei.groups;

/** 城区校, 农村校, 新建校, 薄弱校: which pairing a member school stands for. */
public enum SchoolKind {
    URBAN, RURAL, NEW, WEAK
}
