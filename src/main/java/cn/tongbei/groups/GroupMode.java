package cn.tongbei.groups;

/** How a group is bound together: 紧密型 (one legal person), 联盟型 (alliance), 托管型 (trusteeship). */
public enum GroupMode {
    TIGHT, ALLIANCE, TRUSTEESHIP
}
