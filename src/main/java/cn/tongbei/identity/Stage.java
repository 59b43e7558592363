package cn.tongbei.identity;

/** The five teacher development stages (seed 000): 新手, 新秀, 骨干, 成熟, 年长. */
public enum Stage {
    NOVICE, RISING, BACKBONE, MATURE, SENIOR
}
