package cn.tongbei.library.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generated courseware for the library benchmark, in two shapes.
 * <ul>
 * <li>{@code topical} (the default): each document is about one topic of one subject, like the courseware of a
 * school group: its text draws 45 % of its words from the topic, 10 % from the rest of its subject and 45 % from
 * the shared vocabulary of lesson plans (教学目标, 学生, 练习, 反思, …) with a Zipf distribution (the n-th most common
 * word n times rarer than the first). A subject word is then found in a few percent of the documents, a common
 * teaching word in most of them: queries range from narrow to broad, as they do on a real library.</li>
 * <li>{@code dense}: every word drawn uniformly from one list of ~130 words of all subjects (sessions 1 and 2's
 * corpus): every word is in ~90 % of the documents, so every query matches nearly everything. Not what a
 * library looks like; kept as the worst case for matching, counting and ranking.</li>
 * </ul>
 */
final class BenchCorpus {
    static final String[] QUERIES = {"二次函数", "浮力 教案", "八年级 物理 浮力", "ercihanshu", "echs", "勾股定理 练习",
            "光合作用", "教研组", "二次函", "道法 七年级", "Module 2 学案", "《雪》", "欧姆定律 电流", "集体备课 反思", "化学方程式",
            "圆 切线", "概率 统计", "秦始皇 统一", "地球 自转", "朱自清 散文"};
    static final String[] GRADES = {"七年级", "八年级", "九年级"};
    static final String[] EDITIONS = {"人教版", "北师大版", "统编版", "外研版"};
    static final String[] TYPES = {"教案", "课件", "学案", "试题", "微课", "素材", "单元设计"};
    static final String[] VIS = {"group", "public", "school", "private"};

    /** Subject → topic → the topic's words. */
    private static final Map<String, List<List<String>>> TOPICS = new LinkedHashMap<>();

    static {
        topics("数学", "二次函数 图象 抛物线 对称轴 顶点 开口方向 最值", "勾股定理 直角三角形 斜边 直角边 勾股数 逆定理",
                "一元二次方程 判别式 求根公式 配方法 因式分解 根与系数", "圆 弦 弧 切线 圆心角 圆周角 半径", "概率 统计 频率 样本 平均数 方差 中位数",
                "相似 全等 三角形 对应边 相似比 判定", "有理数 数轴 绝对值 相反数 整式 不等式 一元一次方程");
        topics("物理", "浮力 阿基米德原理 排开液体 浮沉条件 密度 液体", "压强 液体压强 大气压 受力面积 压力", "欧姆定律 电流 电压 电阻 串联 并联 电路",
                "速度 路程 机械运动 参照物 匀速直线运动", "光的反射 折射 凸透镜 成像 平面镜", "重力 弹力 摩擦力 二力平衡 牛顿第一定律");
        topics("化学", "化学方程式 质量守恒 配平 反应物 生成物", "溶液 浓度 溶质 溶剂 饱和溶液 溶解度", "氧气 燃烧 氧化反应 催化剂 实验室制取",
                "酸 碱 盐 中和反应 指示剂");
        topics("生物", "光合作用 叶绿体 二氧化碳 有机物 能量 光照", "呼吸作用 线粒体 氧气 分解有机物", "细胞 细胞膜 细胞核 细胞质 显微镜",
                "生态系统 食物链 生产者 消费者 分解者");
        topics("语文", "朱自清 散文 背影 春 荷塘月色 父爱", "鲁迅 小说 故乡 社戏 从百草园到三味书屋", "雪 冬天 雪花 散文诗 瀑布",
                "古诗 诗词 意境 朗读 赏析 李白 杜甫", "写作 作文 描写 记叙文 议论文 亲情");
        topics("英语", "Module Unit family classmates greetings", "grammar present tense vocabulary reading",
                "listening speaking dialogue friends school");
        topics("历史", "秦始皇 统一 郡县制 长城 度量衡", "四大发明 指南针 造纸术 印刷术 火药", "鸦片战争 辛亥革命 五四运动 近代");
        topics("地理", "地球 自转 公转 四季 昼夜交替", "气候 气温 降水 季风", "地图 比例尺 等高线 经纬网");
        topics("道德与法治", "法治 宪法 权利 义务 规则", "尊重 友谊 集体 青春 情绪");
    }

    /** The words of lesson plans in every subject, most common first (Zipf). */
    private static final String[] COMMON = ("学生 教师 课堂 教学目标 问题 思考 练习 导入 新课 探究 合作 讨论 小结 作业 板书 设计 观察 实验 结论 "
            + "归纳 分析 理解 掌握 运用 情境 表达 阅读 单元 课时 评价 反思 教学重点 教学难点 学情分析 教学过程 教学方法 自主学习 小组合作 当堂检测 "
            + "课后拓展 知识点 核心素养 集体备课 教研组 预习 复习 巩固 提问 展示 交流 总结 拓展 迁移 示范 指导 反馈 检测 达标 分层 生活 实际 "
            + "兴趣 能力 方法 习惯").split(" ");

    /** The ~130-word list of the dense corpus (sessions 1 and 2). */
    private static final String[] DENSE = ("二次函数 图象 性质 抛物线 对称轴 顶点 一元二次方程 判别式 勾股定理 直角三角形 斜边 浮力 阿基米德原理 "
            + "压强 液体 重力 密度 光合作用 叶绿体 二氧化碳 氧气 呼吸作用 细胞 有机物 能量 欧姆定律 电流 电压 电阻 散文诗 朱自清 鲁迅 "
            + "老舍 春天 冬天 雪花 瀑布 亲情 友谊 法治 尊重 秦始皇 统一 四大发明 指南针 地球 自转 公转 四季 化学方程式 质量守恒 溶液 "
            + "浓度 教学目标 教学重点 教学难点 导入 新课 探究 合作 讨论 练习 小结 作业 板书 设计 课堂 学生 教师 观察 实验 结论 归纳 "
            + "分析 理解 掌握 运用 情境 问题 思考 表达 阅读 写作 单元 课时 评价 反思 集体备课 教研组 有理数 整式 方程 不等式 函数 "
            + "几何 图形 概率 统计 圆 弦 弧 切线 相似 全等 三角形 平行四边形 Module Unit family classmates").split(" ");
    private static final String[] DENSE_SUBJECTS = {"数学", "物理", "语文", "英语", "化学", "生物", "历史", "地理"};

    /** One generated document: metadata as users pick it, a title, a tag and ~{@code chars} characters of text. */
    record Doc(String subject, String grade, String edition, String type, String title, String tag, String visibility,
            String text) {}

    private final boolean dense;
    private final Random random;
    private final double[] zipf;

    BenchCorpus(String kind, long seed) {
        if (!kind.equals("topical") && !kind.equals("dense")) {
            throw new IllegalArgumentException("BENCH_CORPUS must be topical or dense, not " + kind);
        }
        this.dense = kind.equals("dense");
        this.random = new Random(seed);
        this.zipf = new double[COMMON.length];
        double sum = 0;
        for (int i = 0; i < COMMON.length; i++) {
            sum += 1.0 / (i + 1);
            zipf[i] = sum;
        }
        for (int i = 0; i < COMMON.length; i++) {
            zipf[i] /= sum;
        }
    }

    /** The i-th document (documents are generated in order: call with 0, 1, 2, …). */
    Doc next(int i, int chars) {
        String type = TYPES[i % TYPES.length];
        String grade = GRADES[random.nextInt(GRADES.length)];
        String edition = EDITIONS[random.nextInt(EDITIONS.length)];
        String vis = VIS[random.nextInt(VIS.length)];
        if (dense) {
            String subject = DENSE_SUBJECTS[random.nextInt(DENSE_SUBJECTS.length)];
            String title = pick(DENSE) + pick(DENSE) + pick(DENSE) + " " + type;
            String tag = pick(DENSE);
            StringBuilder text = new StringBuilder(chars + 20);
            while (text.length() < chars) {
                int words = 4 + random.nextInt(6);
                for (int w = 0; w < words; w++) {
                    text.append(pick(DENSE));
                }
                text.append(random.nextBoolean() ? "，" : "。");
            }
            return new Doc(subject, grade, edition, type, title, tag, vis, text.toString());
        }
        List<String> subjects = new ArrayList<>(TOPICS.keySet());
        String subject = subjects.get(random.nextInt(subjects.size()));
        List<List<String>> topics = TOPICS.get(subject);
        List<String> topic = topics.get(random.nextInt(topics.size()));
        List<String> subjectWords = topics.stream().flatMap(List::stream).toList();
        String title = topic.get(random.nextInt(topic.size())) + (random.nextBoolean()
                ? topic.get(random.nextInt(topic.size()))
                : common()) + " " + type;
        StringBuilder text = new StringBuilder(chars + 20);
        while (text.length() < chars) {
            int words = 4 + random.nextInt(6);
            for (int w = 0; w < words; w++) {
                double r = random.nextDouble();
                text.append(r < 0.45
                        ? topic.get(random.nextInt(topic.size()))
                        : r < 0.55 ? subjectWords.get(random.nextInt(subjectWords.size())) : common());
            }
            text.append(random.nextBoolean() ? "，" : "。");
        }
        return new Doc(subject, grade, edition, type, title, topic.get(0), vis, text.toString());
    }

    private String pick(String[] words) {
        return words[random.nextInt(words.length)];
    }

    private String common() {
        double r = random.nextDouble();
        int lo = 0;
        int hi = zipf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (zipf[mid] < r) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return COMMON[lo];
    }

    private static void topics(String subject, String... topics) {
        List<List<String>> list = new ArrayList<>();
        for (String t : topics) {
            list.add(List.of(t.split(" ")));
        }
        TOPICS.put(subject, list);
    }
}
