package cn.tongbei.classroom.sync;

import cn.tongbei.access.AccessPolicy;
import cn.tongbei.access.AccessPolicy.ClassSeat;
import cn.tongbei.access.Principal;
import cn.tongbei.identity.Authenticator;
import cn.tongbei.platform.http.ApiException;
import cn.tongbei.platform.http.TextFrames;
import cn.tongbei.platform.http.WebSocketUpgrade;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * One websocket of a live session: waits for the hello, authenticates and seats the user, then checks every
 * message (size, rate, shape) before handing it to the session's hub. A bad message costs only its sender an
 * {@code error} message; a socket that keeps misbehaving is closed.
 */
public final class ClassroomSocket implements Peer {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClassroomSocket.class);
    /** Where the sockets live. */
    public static final String PATH = "/ws/classroom";
    private static final long PING_INTERVAL_MS = SessionHub.PING_INTERVAL_MS;
    private static final long WEAK_RTT_MS = 400;

    private final Vertx vertx;
    private final io.vertx.core.Context context;
    private final ServerWebSocket ws;
    /** The socket's Netty channel for text messages written as pre-encoded frames; null: through Vert.x. */
    private final io.netty.channel.Channel channel;
    private final Authenticator authenticator;
    private final SessionHubs hubs;
    private final Limits limits;
    private final RateLimit reliable;
    private final RateLimit volatileRate;
    private final long helloTimer;
    private Rules.Sender sender;
    private int studentSeat;
    private SessionHub hub;
    private boolean joining;
    private long lastSeqAsked;
    private int errors;
    private long errorWindowStart = System.currentTimeMillis();
    private volatile long rttMs = -1;
    private volatile long lastPong = System.currentTimeMillis();
    private volatile int viewPage = -1;
    private volatile boolean following = true;

    private ClassroomSocket(Vertx vertx, ServerWebSocket ws, Authenticator authenticator, SessionHubs hubs) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.ws = ws;
        this.channel = TextFrames.channelOf(ws);
        this.authenticator = authenticator;
        this.hubs = hubs;
        this.limits = hubs.limits();
        this.reliable = new RateLimit(limits.classroomPerSecond(), limits.classroomPerSecond() * 2);
        this.volatileRate = new RateLimit(limits.volatilePerSecond(), limits.volatilePerSecond());
        this.helloTimer = vertx.setTimer(limits.helloTimeoutMs(), t -> {
            if (sender == null) {
                fail("hello_timeout", "send hello within " + limits.helloTimeoutMs() / 1000 + " s");
                close((short) 1008, "hello_timeout");
            }
        });
    }

    /** The route handler: upgrades the request and serves the socket. */
    public static void handle(RoutingContext ctx, Vertx vertx, Authenticator authenticator, SessionHubs hubs) {
        WebSocketUpgrade.accept(ctx).onSuccess(ws -> new ClassroomSocket(vertx, ws, authenticator, hubs).start())
                .onFailure(e -> {
                    if (!ctx.response().ended()) {
                        ctx.response().setStatusCode(400).end();
                    }
                });
    }

    private void start() {
        hubs.metrics().socketOpened();
        ws.textMessageHandler(this::onText);
        ws.binaryMessageHandler(b -> fail("malformed", "binary messages are not part of the protocol"));
        ws.pongHandler(this::onPong);
        ws.exceptionHandler(e -> ws.close());
        ws.closeHandler(v -> onClose());
    }

    private void onText(String text) {
        try {
            if (text.length() > limits.maxMessageChars()) {
                throw new ProtocolException("message_too_large", "messages are limited to " + limits
                        .maxMessageChars() + " characters");
            }
            ClientMessage m = Wire.parse(text, hub == null ? 0 : hub.id());
            switch (m) {
                case ClientMessage.Hello h -> hello(h);
                case ClientMessage.StudentHello h -> studentHello(h);
                case ClientMessage.Ping p -> send(new JsonObject().put("type", "pong").put("t", p.t()));
                default -> joined(m);
            }
        } catch (ProtocolException e) {
            fail(e.code(), e.getMessage(), cmdIdOf(text));
        } catch (RuntimeException e) {
            LOG.warn("classroom socket: unexpected failure on a message", e);
            fail("internal_error", "the server could not handle this message", cmdIdOf(text));
        }
    }

    private void joined(ClientMessage m) {
        if (hub == null) {
            throw new ProtocolException("hello_first", "send hello first");
        }
        switch (m) {
            case ClientMessage.Reliable r -> {
                if (!reliable.tryTake()) {
                    throw new ProtocolException("rate_limited", "too many messages; retry after "
                            + reliable.retryAfterMs() + " ms");
                }
                if (sender.seat() == ClassSeat.STUDENT) {
                    if (!(r.payload() instanceof Payload.QuizVote v)) {
                        throw new ProtocolException("forbidden", "a student device may only answer the open quiz");
                    }
                    r = new ClientMessage.Reliable(r.cmdId(), new Payload.QuizVote(v.quizId(), studentSeat, v
                            .choice()));
                }
                hub.submit(this, r);
            }
            case ClientMessage.Pointer p -> {
                if (sender.seat() != ClassSeat.MASTER) {
                    throw new ProtocolException("forbidden", "only the master has a pointer");
                }
                if (volatileRate.tryTake()) {
                    hub.pointer(this, p);
                }
            }
            case ClientMessage.View v -> {
                if (sender.seat() == ClassSeat.STUDENT) {
                    throw new ProtocolException("forbidden", "a student device may only answer the open quiz");
                }
                if (volatileRate.tryTake()) {
                    viewPage = v.page();
                    following = v.following();
                }
            }
            case ClientMessage.Signal s -> {
                if (sender.seat() == ClassSeat.STUDENT) {
                    throw new ProtocolException("forbidden", "a student device may only answer the open quiz");
                }
                if (sender.seat() == ClassSeat.OBSERVER) {
                    throw new ProtocolException("read_only", "observers receive media, they do not publish");
                }
                if (!reliable.tryTake()) {
                    throw new ProtocolException("rate_limited", "too many signaling messages");
                }
                hub.signal(this, s);
            }
            case ClientMessage.Hello h -> throw new ProtocolException("already_joined", "this socket already joined");
            case ClientMessage.StudentHello h -> throw new ProtocolException("already_joined",
                    "this socket already joined");
            case ClientMessage.Ping p -> {
            }
        }
    }

    private void hello(ClientMessage.Hello h) {
        if (hub != null || joining) {
            throw new ProtocolException("already_joined", "this socket already joined");
        }
        joining = true;
        authenticator.authenticate(h.token()).compose(p -> hubs.hub(h.session()).compose(hub -> seat(p, h, hub)))
                .onSuccess(this::enter).onFailure(e -> {
                    joining = false;
                    String code = e instanceof ApiException a ? a.code() : "unavailable";
                    fail(code, "cannot join this session", null);
                    close((short) 1008, code);
                });
    }

    /**
     * A student's answer device: no account. The join code names the session and the classroom; the seat number
     * makes the device's identity ({@link #studentActor}). Join-code attempts are rate limited per address.
     */
    private void studentHello(ClientMessage.StudentHello h) {
        if (hub != null || joining) {
            throw new ProtocolException("already_joined", "this socket already joined");
        }
        if (!hubs.studentAttempt(ws.remoteAddress() == null ? null : ws.remoteAddress().hostAddress())) {
            fail("rate_limited", "too many join attempts; wait a few seconds", null);
            close((short) 1008, "rate_limited");
            return;
        }
        joining = true;
        hubs.directory().byJoinCode(h.joinCode()).compose(found -> hubs.hub(found.getLong("sessionId")).map(
                joined -> {
                    long classroom = found.getLong("classroom");
                    sender = new Rules.Sender(studentActor(classroom, h.seat()), ClassSeat.STUDENT, classroom);
                    studentSeat = h.seat();
                    lastSeqAsked = h.lastSeq();
                    return joined;
                })).onSuccess(this::enter).onFailure(e -> {
                    joining = false;
                    String code = e instanceof ApiException a ? a.code() : "unavailable";
                    fail(code, "wrong join code or the session is not available", null);
                    close((short) 1008, code);
                });
    }

    /**
     * The actor id of a student device in the log: negative (never a user id), one per classroom and seat, so the
     * exactly-once key {@code actor:cmdId} and the log's unique index keep devices apart.
     */
    public static long studentActor(long classroom, int seat) {
        return -(classroom * 1000 + seat);
    }

    private Future<SessionHub> seat(Principal p, ClientMessage.Hello h, SessionHub hub) {
        AccessPolicy.ClassSessionRef ref = hub.info().ref();
        ClassSeat seat = switch (h.role()) {
            case "master" -> ClassSeat.MASTER;
            case "classroom" -> ClassSeat.CLASSROOM;
            default -> ClassSeat.OBSERVER;
        };
        AccessPolicy.Decision decision = switch (seat) {
            case MASTER -> AccessPolicy.teachClassSession(p, ref);
            case CLASSROOM -> h.classroom() == null
                    ? AccessPolicy.Decision.FORBID
                    : AccessPolicy.attendClassSession(p, ref, h.classroom());
            case OBSERVER -> AccessPolicy.viewClassSession(p, ref);
            case STUDENT -> AccessPolicy.Decision.FORBID;
        };
        decision.require();
        sender = new Rules.Sender(p.userId(), seat, seat == ClassSeat.CLASSROOM ? h.classroom() : null);
        this.lastSeqAsked = h.lastSeq();
        return Future.succeededFuture(hub);
    }

    private void enter(SessionHub joined) {
        vertx.cancelTimer(helloTimer);
        if (ws.isClosed()) {
            return;
        }
        hub = joined;
        if (sender.seat() == ClassSeat.MASTER) {
            reliable.reset(limits.masterPerSecond(), limits.masterPerSecond() * 2);
        }
        hub.join(this, lastSeqAsked);
    }

    private void onPong(Buffer data) {
        try {
            rttMs = (System.nanoTime() - Long.parseLong(data.toString())) / 1_000_000;
            lastPong = System.currentTimeMillis();
        } catch (NumberFormatException e) {
            // an unsolicited pong carries no timestamp of ours
        }
    }

    private void onClose() {
        hubs.metrics().socketClosed();
        vertx.cancelTimer(helloTimer);
        if (hub != null) {
            hub.leave(this);
        }
    }

    private void fail(String code, String detail) {
        fail(code, detail, null);
    }

    private void fail(String code, String detail, String cmdId) {
        send(SessionHub.error(code, detail, cmdId));
        long now = System.currentTimeMillis();
        if (now - errorWindowStart > 60_000) {
            errorWindowStart = now;
            errors = 0;
        }
        if (++errors > limits.maxErrors()) {
            close((short) 1008, "too_many_errors");
        }
    }

    private static String cmdIdOf(String text) {
        if (text.length() > 32 * 1024) {
            return null;
        }
        try {
            return new JsonObject(text).getValue("cmdId") instanceof String s && s.length() <= 64 ? s : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public Rules.Sender sender() {
        return sender;
    }

    @Override
    public void send(String text) {
        if (io.vertx.core.Vertx.currentContext() == context) {
            write(text);
        } else {
            context.runOnContext(v -> write(text));
        }
    }

    @Override
    public void ping() {
        if (!ws.isClosed()) {
            ws.writePing(Buffer.buffer(Long.toString(System.nanoTime())));
        }
    }

    @Override
    public io.vertx.core.Context context() {
        return context;
    }

    @Override
    public void write(String text) {
        if (channel != null) {
            TextFrames.write(channel, text);
        } else if (!ws.isClosed()) {
            ws.writeTextMessage(text);
        }
    }

    @Override
    public void write(TextFrames.Shared message) {
        if (channel != null) {
            TextFrames.write(channel, message);
        } else if (!ws.isClosed()) {
            ws.writeTextMessage(message.text());
        }
    }

    @Override
    public boolean congested() {
        if (channel != null) {
            return channel.isActive() && !channel.isWritable();
        }
        return !ws.isClosed() && ws.writeQueueFull();
    }

    @Override
    public JsonObject tile() {
        boolean weak = rttMs > WEAK_RTT_MS || System.currentTimeMillis() - lastPong > 3 * PING_INTERVAL_MS
                || congested();
        return new JsonObject().put("rttMs", rttMs).put("weak", weak).put("page", viewPage).put("following",
                following);
    }

    @Override
    public void close(short code, String reason) {
        if (io.vertx.core.Vertx.currentContext() != context) {
            context.runOnContext(v -> close(code, reason));
        } else if (!ws.isClosed()) {
            ws.close(code, reason);
        }
    }
}
