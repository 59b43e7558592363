package cn.tongbei.platform.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-to-client websocket text messages encoded once and written straight to each socket's Netty channel.
 * <p>
 * A broadcast sends the same bytes to hundreds or thousands of sockets. Through {@link ServerWebSocket#writeTextMessage}
 * every socket re-encodes the string to UTF-8, builds a frame object, and the frame encoder allocates and copies
 * the frame again; here the message is encoded to one direct buffer holding its complete frames (server frames are
 * never masked, so the bytes are the same for every socket) and every socket writes a retained slice of it.
 * Profiles and figures: docs/benchmarks-classroom.md, "Session 5".
 * <p>
 * Messages longer than {@link #MAX_FRAME_PAYLOAD} bytes are split into a text frame and continuation frames,
 * as Vert.x would (its clients refuse frames above 64 KiB by default). A frame written here without RSV1 is a
 * valid uncompressed message even when permessage-deflate was negotiated (RFC 7692, section 6).
 * <p>
 * The channel is reached through Vert.x's {@link WebSocketInternal#channelHandlerContext()}; vertx-web hands out a
 * wrapper around that socket, whose delegate is read once by reflection. When either is missing (another Vert.x
 * version) every socket falls back to {@code writeTextMessage}, with a warning at start; {@code TextFramesTest}
 * checks that the direct path is the one in use.
 */
public final class TextFrames {
    private static final Logger LOG = LoggerFactory.getLogger(TextFrames.class);
    /** Largest payload of one frame: the 16-bit length form, within Vert.x's default {@code maxFrameSize} (64 KiB). */
    static final int MAX_FRAME_PAYLOAD = 65_535;
    private static final Field WRAPPED = wrappedField();

    private TextFrames() {}

    /** A message encoded once for many sockets; {@link #release()} once it has been handed to all of them. */
    public static final class Shared {
        private final String text;
        private final ByteBuf frames;
        private final AtomicInteger holders;

        private Shared(String text, ByteBuf frames, int holders) {
            this.text = text;
            this.frames = frames;
            this.holders = new AtomicInteger(holders);
        }

        public String text() {
            return text;
        }

        /** References to the encoded frames still held (0 once every write finished and every holder let go). */
        int refCnt() {
            return frames.refCnt();
        }

        /** One holder is done with it; the last one frees the buffer. */
        public void release() {
            if (holders.decrementAndGet() == 0) {
                frames.release();
            }
        }
    }

    /**
     * Encodes a message for {@code holders} tasks that each write it to some sockets and then call {@link
     * Shared#release()}.
     */
    public static Shared share(String text, int holders) {
        if (holders <= 0) {
            throw new IllegalArgumentException("holders must be positive");
        }
        return new Shared(text, encode(PooledByteBufAllocator.DEFAULT, text), holders);
    }

    /** The socket's channel, for direct writes; null when only the Vert.x path is available. */
    public static Channel channelOf(ServerWebSocket ws) {
        if (WRAPPED == null) {
            return null;
        }
        try {
            Object socket = ws;
            if (!(socket instanceof WebSocketInternal) && WRAPPED.getDeclaringClass().isInstance(socket)) {
                socket = WRAPPED.get(socket);
            }
            if (socket instanceof WebSocketInternal internal) {
                ChannelHandlerContext chctx = internal.channelHandlerContext();
                return chctx == null ? null : chctx.channel();
            }
        } catch (IllegalAccessException | RuntimeException e) {
            LOG.warn("websocket frames: no direct channel access ({}); writing through Vert.x", e.toString());
        }
        return null;
    }

    /**
     * Writes a shared message to a socket: a retained slice of the encoded frames, so the buffer outlives the
     * write. Must run on the channel's event loop, like every write of the socket, so that messages keep their
     * order.
     */
    public static void write(Channel channel, Shared message) {
        if (channel.isActive()) {
            channel.writeAndFlush(message.frames.retainedDuplicate(), channel.voidPromise());
        }
    }

    /** Writes one message to one socket. */
    public static void write(Channel channel, String text) {
        if (channel.isActive()) {
            channel.writeAndFlush(encode(channel.alloc(), text), channel.voidPromise());
        }
    }

    /** The complete frames of a text message: one frame, or a text frame and continuations above 64 KiB. */
    static ByteBuf encode(ByteBufAllocator alloc, String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        int frames = Math.max(1, (payload.length + MAX_FRAME_PAYLOAD - 1) / MAX_FRAME_PAYLOAD);
        ByteBuf out = alloc.directBuffer(payload.length + frames * 4);
        for (int i = 0; i < frames; i++) {
            int from = i * MAX_FRAME_PAYLOAD;
            int length = Math.min(MAX_FRAME_PAYLOAD, payload.length - from);
            boolean fin = i == frames - 1;
            int opcode = i == 0 ? 0x1 : 0x0;
            out.writeByte((fin ? 0x80 : 0) | opcode);
            if (length < 126) {
                out.writeByte(length);
            } else {
                // MAX_FRAME_PAYLOAD fits the 16-bit length form
                out.writeByte(126);
                out.writeShort(length);
            }
            out.writeBytes(payload, from, length);
        }
        return out;
    }

    private static Field wrappedField() {
        try {
            Field f = Class.forName("io.vertx.ext.web.impl.ServerWebSocketWrapper").getDeclaredField("delegate");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("websocket frames: vertx-web's socket wrapper has no 'delegate' ({}); writing through Vert.x",
                    e.toString());
            return null;
        }
    }
}
