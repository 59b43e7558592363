package cn.tongbei.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.Channel;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Text messages encoded once and written straight to the sockets' channels arrive at ordinary websocket clients
 * exactly as sent: short, 16-bit-length and fragmented messages, multi-byte characters across frame boundaries,
 * one shared message to several sockets, in order with messages written through Vert.x.
 */
class TextFramesTest {
    private static Vertx vertx;
    private static int port;
    private static final LinkedBlockingQueue<Channel> CHANNELS = new LinkedBlockingQueue<>();
    private static final LinkedBlockingQueue<io.vertx.core.http.ServerWebSocket> SOCKETS = new LinkedBlockingQueue<>();

    private static WebSocketClient plain;
    private static WebSocketClient deflating;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        plain = vertx.createWebSocketClient(new WebSocketClientOptions());
        deflating = vertx.createWebSocketClient(new WebSocketClientOptions().setTryUsePerMessageCompression(true));
        Router router = Router.router(vertx);
        router.get("/ws").handler(ctx -> WebSocketUpgrade.accept(ctx).onSuccess(ws -> {
            SOCKETS.add(ws);
            Channel channel = TextFrames.channelOf(ws);
            if (channel != null) {
                CHANNELS.add(channel);
            }
        }));
        CompletableFuture<Integer> started = new CompletableFuture<>();
        vertx.deployVerticle(new VerticleBase() {
            @Override
            public Future<?> start() {
                return vertx.createHttpServer(new HttpServerOptions().setStrictThreadMode(true))
                        .requestHandler(router).listen(0, "127.0.0.1")
                        .onSuccess(s -> started.complete(s.actualPort()));
            }
        });
        port = started.get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A client socket (default options: 64 KiB frames, no compression unless asked) and what it receives. */
    private record Client(WebSocket ws, LinkedBlockingQueue<String> received, Channel channel) {}

    private static Client connect(boolean compression) throws Exception {
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket ws = (compression ? deflating : plain)
                .connect(new WebSocketConnectOptions().setPort(port).setHost("127.0.0.1").setURI(
                        "/ws"))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        ws.textMessageHandler(received::add);
        Channel channel = CHANNELS.poll(10, TimeUnit.SECONDS);
        assertNotNull(channel, "the server socket's channel is reachable: broadcasts take the direct path");
        return new Client(ws, received, channel);
    }

    private static String text(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            // ASCII, two-byte and three-byte characters, so frame boundaries fall inside characters
            b.append(i % 3 == 0 ? 'a' : i % 3 == 1 ? 'é' : '课');
        }
        return b.toString();
    }

    @Test
    @DisplayName("short, 16-bit-length and fragmented messages arrive whole and in order")
    void sizes() throws Exception {
        Client c = connect(false);
        List<String> sent = List.of("", "{\"type\":\"ping\"}", text(125), text(126), text(40_000), text(100_000));
        for (String s : sent) {
            c.channel().eventLoop().execute(() -> TextFrames.write(c.channel(), s));
        }
        for (String s : sent) {
            // (under Vert.x's default 256 KiB message limit: 100,000 characters are 200,000 bytes in 4 frames)
            String got = c.received().poll(10, TimeUnit.SECONDS);
            assertTrue(s.equals(got), "a message of " + s.length() + " characters arrives whole, got " + (got == null
                    ? "nothing"
                    : got.length() + " characters"));
        }
    }

    @Test
    @DisplayName("one shared message reaches several sockets, and Vert.x writes on the same socket keep their order")
    void shared() throws Exception {
        List<Client> clients = new ArrayList<>();
        List<io.vertx.core.http.ServerWebSocket> sockets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            // one of them negotiates permessage-deflate, as browsers do: uncompressed frames stay valid
            clients.add(connect(i == 1));
            sockets.add(SOCKETS.poll(10, TimeUnit.SECONDS));
        }
        String message = text(300);
        TextFrames.Shared shared = TextFrames.share(message, clients.size());
        for (int i = 0; i < clients.size(); i++) {
            Client c = clients.get(i);
            io.vertx.core.http.ServerWebSocket ws = sockets.get(i);
            c.channel().eventLoop().execute(() -> {
                ws.writeTextMessage("before");
                TextFrames.write(c.channel(), shared);
                ws.writeTextMessage("after");
                shared.release();
            });
        }
        for (Client c : clients) {
            assertEquals("before", c.received().poll(10, TimeUnit.SECONDS));
            assertTrue(message.equals(c.received().poll(10, TimeUnit.SECONDS)), "the shared message arrives");
            assertEquals("after", c.received().poll(10, TimeUnit.SECONDS));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (shared.refCnt() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, shared.refCnt(), "the shared buffer is freed once every socket has written it");
    }

    @Test
    @DisplayName("frames are encoded as RFC 6455 says: FIN, opcode, 7- or 16-bit length, continuations above 64 KiB")
    void encoding() {
        ByteBuf small = TextFrames.encode(UnpooledByteBufAllocator.DEFAULT, "hi");
        assertEquals(0x81, small.getUnsignedByte(0));
        assertEquals(2, small.getUnsignedByte(1));
        assertEquals(4, small.readableBytes());
        ByteBuf mid = TextFrames.encode(UnpooledByteBufAllocator.DEFAULT, "x".repeat(300));
        assertEquals(126, mid.getUnsignedByte(1));
        assertEquals(300, mid.getUnsignedShort(2));
        int big = TextFrames.MAX_FRAME_PAYLOAD + 10;
        ByteBuf two = TextFrames.encode(UnpooledByteBufAllocator.DEFAULT, "x".repeat(big));
        assertEquals(0x01, two.getUnsignedByte(0), "first frame: text, not final");
        assertEquals(TextFrames.MAX_FRAME_PAYLOAD, two.getUnsignedShort(2));
        int second = 4 + TextFrames.MAX_FRAME_PAYLOAD;
        assertEquals(0x80, two.getUnsignedByte(second), "second frame: continuation, final");
        assertEquals(10, two.getUnsignedByte(second + 1));
        assertEquals(second + 2 + 10, two.readableBytes());
    }
}
