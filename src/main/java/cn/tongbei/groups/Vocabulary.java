package cn.tongbei.groups;

import java.util.List;

/** The subjects and grades teachers choose from (compulsory education plus senior high). */
public final class Vocabulary {
    private Vocabulary() {}

    public static final List<String> SUBJECTS = List.of("语文", "数学", "英语", "物理", "化学", "生物", "历史", "地理",
            "道德与法治", "科学", "信息科技", "音乐", "美术", "体育与健康", "劳动");
    public static final List<String> GRADES = List.of("一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "七年级",
            "八年级", "九年级", "高一", "高二", "高三");
}
