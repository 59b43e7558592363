package cn.tongbei.classroom.sync;

/** A token bucket: {@code perSecond} sustained, {@code burst} at once. Not thread-safe; one per socket. */
public final class RateLimit {
    private double perSecond;
    private double burst;
    private double tokens;
    private long last;

    public RateLimit(double perSecond, double burst) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = burst;
        this.last = System.nanoTime();
    }

    /** Takes one token if there is one. */
    public boolean tryTake() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Milliseconds until the next token. */
    public long retryAfterMs() {
        return (long) Math.ceil(Math.max(0, 1 - tokens) / perSecond * 1000);
    }

    /** Changes the rate (a socket learns its seat after the hello). */
    public void reset(double perSecond, double burst) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = burst;
    }
}
