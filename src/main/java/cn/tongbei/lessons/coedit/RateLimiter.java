package cn.tongbei.lessons.coedit;

/** A token bucket: {@code rate} messages per second sustained, {@code burst} at once. */
final class RateLimiter {
    private final double rate;
    private final double burst;
    private double tokens;
    private long last;

    RateLimiter(double rate, int burst) {
        this.rate = rate;
        this.burst = burst;
        this.tokens = burst;
        this.last = System.nanoTime();
    }

    boolean tryAcquire() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) / 1e9 * rate);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
