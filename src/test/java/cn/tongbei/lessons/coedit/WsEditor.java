package cn.tongbei.lessons.coedit;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A test editor over a real websocket: authenticates, joins, and runs an {@link OtClient}. Optional faults:
 * incoming messages delayed at random (so they arrive reordered), outgoing ones duplicated, and the
 * connection dropped (messages in flight are lost) and re-established. All on one Vert.x context.
 */
public final class WsEditor {
    /** Fault rates; zero means a reliable network. */
    public record Faults(int maxDelayMs, double duplicate, double dropPerEdit) {
        public static final Faults NONE = new Faults(0, 0, 0);
    }

    private final Vertx vertx;
    private final Context context;
    private final WebSocketClient client;
    private int[] ports;
    private int portIndex;
    private boolean reconnectOnClose;
    private Future<Void> connecting;
    private final List<Short> closeCodes = new ArrayList<>();
    private final String token;
    private final long docId;
    private final Random random;
    private Faults faults;
    private final OtClient ot;
    private final List<JsonObject> errors = new ArrayList<>();
    private final List<JsonObject> received = new ArrayList<>();
    private WebSocket ws;
    private int generation;

    public WsEditor(Vertx vertx, Context context, int port, String token, long docId, String clientId, long seed,
            Faults faults) {
        this.vertx = vertx;
        this.context = context;
        this.client = vertx.createWebSocketClient();
        this.ports = new int[]{port};
        this.token = token;
        this.docId = docId;
        this.random = new Random(seed);
        this.faults = faults;
        this.ot = new OtClient(clientId, this::sendWithFaults);
    }

    public OtClient ot() {
        return ot;
    }

    public List<JsonObject> errors() {
        return errors;
    }

    public List<JsonObject> received() {
        return received;
    }

    public void setFaults(Faults f) {
        faults = f;
    }

    /**
     * Acts like a client behind a load balancer: reconnects by itself when the server closes the socket or goes
     * away (any close it did not ask for, e.g. 1012 or a killed node), moving to the next of {@code ports} when
     * the node refuses the connection or closed with 1012.
     */
    public void failover(int... ports) {
        this.ports = ports;
        this.portIndex = 0;
        this.reconnectOnClose = true;
    }

    /** The port of the node this editor connects to now. */
    public int port() {
        return ports[portIndex];
    }

    /** Close codes of the sockets the server closed (null: no close frame, e.g. the node died). */
    public List<Short> closeCodes() {
        return closeCodes;
    }

    private void nextNode() {
        portIndex = (portIndex + 1) % ports.length;
    }

    private void reconnectSoon(int gen) {
        if (reconnectOnClose && gen == generation) {
            vertx.setTimer(20 + random.nextInt(40), id -> context.runOnContext(v -> {
                if (gen == generation && !connected()) {
                    connect();
                }
            }));
        }
    }

    public boolean connected() {
        return ws != null && !ws.isClosed();
    }

    /** Connects, authenticates and joins; completes when joined. */
    public Future<Void> connect() {
        if (connecting != null && !connecting.isComplete()) {
            return connecting;
        }
        int gen = ++generation;
        io.vertx.core.Promise<Void> joined = io.vertx.core.Promise.promise();
        client.connect(port(), "127.0.0.1", CoeditHub.PATH).onSuccess(socket -> {
            ws = socket;
            socket.textMessageHandler(text -> deliver(gen, new JsonObject(text), joined));
            socket.closeHandler(v -> {
                if (!joined.future().isComplete()) {
                    joined.tryFail("closed before joining");
                }
                if (gen == generation) {
                    Short code = socket.closeStatusCode();
                    closeCodes.add(code);
                    if (code != null && code == 1012) {
                        nextNode();
                    }
                    reconnectSoon(gen);
                }
            });
            socket.writeTextMessage(new JsonObject().put("type", "auth").put("token", token).encode());
        }).onFailure(e -> {
            joined.tryFail(e);
            if (gen == generation) {
                nextNode();
                reconnectSoon(gen);
            }
        });
        connecting = joined.future();
        return connecting;
    }

    private void deliver(int gen, JsonObject msg, io.vertx.core.Promise<Void> joined) {
        String type = msg.getString("type");
        if ("ready".equals(type)) {
            send(ot.joinMessage(docId));
            return;
        }
        if ("error".equals(type)) {
            errors.add(msg);
            return;
        }
        received.add(msg);
        if ("joined".equals(type)) {
            ot.receive(msg);
            joined.tryComplete();
            return;
        }
        int delay = faults.maxDelayMs() == 0 ? 0 : random.nextInt(faults.maxDelayMs() + 1);
        if (delay == 0) {
            ot.receive(msg);
        } else {
            vertx.setTimer(delay, id -> context.runOnContext(v -> {
                if (gen == generation) {
                    ot.receive(msg);
                }
            }));
        }
    }

    /** Sends a raw protocol message. */
    public void send(JsonObject msg) {
        if (connected()) {
            ws.writeTextMessage(msg.encode());
        }
    }

    /** Sends raw text (for bad-input tests). */
    public void sendText(String text) {
        ws.writeTextMessage(text);
    }

    private void sendWithFaults(JsonObject msg) {
        send(msg);
        if (faults.duplicate() > 0 && random.nextDouble() < faults.duplicate()) {
            vertx.setTimer(1 + random.nextInt(20), id -> context.runOnContext(v -> send(msg)));
        }
    }

    /** One random edit; with the drop fault, sometimes the connection is lost and re-established after it. */
    public void randomEdit() {
        ot.randomEdit(random);
        if (faults.dropPerEdit() > 0 && random.nextDouble() < faults.dropPerEdit() && connected()) {
            drop();
        }
    }

    /** Loses the connection (and what is in flight) and reconnects a little later. */
    public void drop() {
        generation++;
        WebSocket old = ws;
        ws = null;
        if (old != null) {
            old.close();
        }
        vertx.setTimer(10 + random.nextInt(50), id -> context.runOnContext(v -> connect()));
    }

    public Future<Void> close() {
        generation++;
        reconnectOnClose = false;
        return ws == null ? Future.succeededFuture() : ws.close().compose(v -> client.close());
    }
}
