package cn.tongbei.classroom;

import cn.tongbei.classroom.sync.ClassroomState;
import cn.tongbei.classroom.sync.Event;
import cn.tongbei.classroom.sync.Wire;
import cn.tongbei.testing.Eventually;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A test client that behaves like the real one: hello with its last sequence, applies events with the same
 * reducer, keeps unacknowledged commands and resends them (same command id) after reconnecting or when rate
 * limited. Records gaps and duplicates so tests can assert there are none.
 */
final class SyncClient {
    private static final AtomicInteger IDS = new AtomicInteger();

    final String name;
    private final Vertx vertx;
    private final WebSocketClient client;
    private volatile int port;
    /** Where to go after a 1012 close (the node drains): null = stay down; else reconnect there and resume. */
    volatile java.util.function.IntSupplier onRestart;
    volatile int lastCloseCode;
    private final String token;
    private final long session;
    private final String role;
    private final Long classroom;
    private WebSocket ws;
    private volatile boolean welcomed;
    private final Map<String, JsonObject> pending = new LinkedHashMap<>();
    final List<JsonObject> errors = new CopyOnWriteArrayList<>();
    final List<JsonObject> other = new CopyOnWriteArrayList<>();
    final List<String> anomalies = new CopyOnWriteArrayList<>();
    volatile ClassroomState state = ClassroomState.initial();
    volatile JsonObject lastWelcome;
    volatile boolean closed;
    volatile int acks;
    /** A student device: hello with this join code and seat instead of a token. */
    private volatile String joinCode;
    private volatile int seat;

    SyncClient(Vertx vertx, int port, String token, long session, String role, Long classroom, String name) {
        this.vertx = vertx;
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxMessageSize(16 << 20)
                .setMaxFrameSize(1 << 20));
        this.port = port;
        this.token = token;
        this.session = session;
        this.role = role;
        this.classroom = classroom;
        this.name = name;
    }

    /** Connects and sends hello with the last sequence it has; returns once connected (not yet welcomed). */
    SyncClient connect() {
        return connect(state.seq());
    }

    SyncClient connect(long lastSeq) {
        welcomed = false;
        closed = false;
        try {
            ws = client.connect(port, "127.0.0.1", "/ws/classroom").toCompletionStage().toCompletableFuture().get(10,
                    TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(name + " cannot connect", e);
        }
        WebSocket socket = ws;
        ws.textMessageHandler(this::onMessage);
        ws.closeHandler(v -> {
            if (ws != socket) {
                return;
            }
            closed = true;
            welcomed = false;
            Short code = socket.closeStatusCode();
            lastCloseCode = code == null ? 1006 : code;
            java.util.function.IntSupplier next = onRestart;
            if (lastCloseCode == 1012 && next != null) {
                Thread.ofVirtual().start(() -> {
                    port = next.getAsInt();
                    connect();
                });
            }
        });
        JsonObject hello = new JsonObject().put("type", "hello").put("session", session).put("token", token)
                .put("role", role).put("lastSeq", lastSeq);
        if (joinCode != null) {
            hello = new JsonObject().put("type", "hello").put("role", "student").put("joinCode", joinCode).put("seat",
                    seat).put("lastSeq", lastSeq);
        } else if (classroom != null) {
            hello.put("classroom", classroom);
        }
        ws.writeTextMessage(hello.encode());
        return this;
    }

    SyncClient joined() {
        await(() -> welcomed, name + " welcomed");
        return this;
    }

    /** Makes this client a student device (call before {@link #connect()}). */
    SyncClient asStudent(String code, int seatNumber) {
        this.joinCode = code;
        this.seat = seatNumber;
        return this;
    }

    boolean isClosed() {
        return closed;
    }

    /** Sends a reliable command and keeps it until acknowledged. */
    String send(JsonObject payload) {
        String cmdId = name + "-" + IDS.incrementAndGet();
        JsonObject message = payload.copy().put("session", session).put("cmdId", cmdId);
        synchronized (pending) {
            pending.put(cmdId, message);
        }
        if (welcomed && !closed) {
            ws.writeTextMessage(message.encode());
        }
        return cmdId;
    }

    /** The next {@link #connect()} goes to another node. */
    SyncClient moveTo(int otherPort) {
        this.port = otherPort;
        return this;
    }

    int port() {
        return port;
    }

    void raw(String text) {
        ws.writeTextMessage(text);
    }

    /** Drops the connection without a goodbye, like a weak network would. */
    void kill() {
        welcomed = false;
        ws.close();
    }

    int pendingCount() {
        synchronized (pending) {
            return pending.size();
        }
    }

    private synchronized void onMessage(String text) {
        JsonObject m = new JsonObject(text);
        String type = m.getString("type");
        switch (type) {
            case "welcome" -> welcome(m);
            case "ack" -> {
                acks++;
                synchronized (pending) {
                    pending.remove(m.getString("cmdId"));
                }
            }
            case "error" -> error(m);
            case "pointer", "tiles", "pong", "signal" -> other.add(m);
            default -> apply(m);
        }
    }

    private void welcome(JsonObject m) {
        lastWelcome = m;
        if (m.containsKey("snapshot")) {
            state = ClassroomState.fromJson(m.getJsonObject("snapshot"));
        } else {
            m.getJsonArray("events").forEach(o -> apply((JsonObject) o));
        }
        welcomed = true;
        List<JsonObject> resend;
        synchronized (pending) {
            resend = new ArrayList<>(pending.values());
        }
        resend.forEach(c -> ws.writeTextMessage(c.encode()));
    }

    private void error(JsonObject m) {
        errors.add(m);
        String cmdId = m.getString("cmdId");
        if (cmdId == null) {
            return;
        }
        if ("rate_limited".equals(m.getString("code"))) {
            vertx.setTimer(150, t -> {
                JsonObject again;
                synchronized (pending) {
                    again = pending.get(cmdId);
                }
                if (again != null && welcomed && !closed) {
                    ws.writeTextMessage(again.encode());
                }
            });
        } else {
            synchronized (pending) {
                pending.remove(cmdId);
            }
        }
    }

    private void apply(JsonObject m) {
        long seq = m.getLong("seq");
        if (seq <= state.seq()) {
            anomalies.add("duplicate " + seq);
            return;
        }
        if (seq != state.seq() + 1) {
            anomalies.add("gap: had " + state.seq() + ", got " + seq);
        }
        state = state.apply(toEvent(m));
    }

    static Event toEvent(JsonObject m) {
        JsonObject body = m.copy();
        return new Event(m.getLong("seq"), m.getLong("actor"), m.getLong("fromClassroom"), m.getString("cmdId"),
                m.getLong("at"), Wire.stored(m.getString("type"), body));
    }

    void close() {
        if (ws != null && !ws.isClosed()) {
            ws.close();
        }
        client.close();
    }

    static void await(BooleanSupplier condition, String what) {
        await(condition, what, Duration.ofSeconds(20));
    }

    static void await(BooleanSupplier condition, String what, Duration timeout) {
        Eventually.until(condition, what, timeout);
    }
}
