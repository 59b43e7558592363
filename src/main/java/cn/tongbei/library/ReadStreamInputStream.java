package cn.tongbei.library;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns a Vert.x {@link ReadStream} (an upload arriving on an event loop) into a blocking {@link InputStream}
 * read on a worker thread, with back-pressure: the source is paused while more than {@code highWater} bytes
 * wait, and resumed once the reader has drained them below a quarter of it. Memory stays bounded whatever the
 * upload's size.
 */
final class ReadStreamInputStream extends InputStream {
    private static final Object END = new Object();
    private static final long IDLE_TIMEOUT_SECONDS = 120;

    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queued = new AtomicLong();
    private final ReadStream<Buffer> source;
    private final Context context;
    private final long highWater;
    private volatile boolean paused;
    private Buffer current;
    private int position;
    private boolean ended;

    ReadStreamInputStream(ReadStream<Buffer> source, Context context, long highWater) {
        this.source = source;
        this.context = context;
        this.highWater = highWater;
        source.handler(this::offer);
        source.endHandler(v -> queue.add(END));
        source.exceptionHandler(e -> queue.add(e));
    }

    private void offer(Buffer buffer) {
        queue.add(buffer);
        if (queued.addAndGet(buffer.length()) > highWater && !paused) {
            paused = true;
            source.pause();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, current.length() - position);
        current.getBytes(position, position + n, b, off);
        position += n;
        return n;
    }

    private boolean fill() throws IOException {
        while (current == null || position >= current.length()) {
            if (ended) {
                return false;
            }
            Object next;
            try {
                next = queue.poll(IDLE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("upload interrupted");
            }
            if (next == null) {
                throw new IOException("upload stalled for " + IDLE_TIMEOUT_SECONDS + " s");
            }
            if (next == END) {
                ended = true;
                return false;
            }
            if (next instanceof Throwable t) {
                throw new IOException("upload broken: " + t.getMessage(), t);
            }
            current = (Buffer) next;
            position = 0;
            if (queued.addAndGet(-current.length()) < highWater / 4 && paused) {
                paused = false;
                context.runOnContext(v -> source.resume());
            }
        }
        return true;
    }
}
