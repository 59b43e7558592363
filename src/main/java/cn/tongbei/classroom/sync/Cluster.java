package cn.tongbei.classroom.sync;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions across nodes. Each node keeps its own hub per live session; PostgreSQL's primary key
 * {@code (session_id, seq)} and unique {@code (session_id, actor_id, cmd_id)} decide who wins an append race
 * (the loser re-reads the log and sequences its commands again), and the Vert.x event bus (Hazelcast) carries
 * committed events to the other nodes' hubs, which apply them in order and fill any gap from the log. Volatile
 * messages (pointer, WebRTC signals) travel over the bus too. Off (single node) it does nothing.
 */
final class Cluster {
    private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);
    private static final String PREFIX = "tongbei.classroom.session.";

    private final Vertx vertx;
    private final boolean enabled;
    private final String node = UUID.randomUUID().toString();
    private final ClassroomMetrics metrics;
    private final Map<Long, MessageConsumer<String>> consumers = new ConcurrentHashMap<>();

    Cluster(Vertx vertx, boolean enabled, ClassroomMetrics metrics) {
        this.vertx = vertx;
        this.enabled = enabled;
        this.metrics = metrics;
    }

    boolean enabled() {
        return enabled;
    }

    ClassroomMetrics metrics() {
        return metrics;
    }

    /** Starts listening for the session's events from other nodes. */
    void join(SessionHub hub) {
        if (!enabled) {
            return;
        }
        MessageConsumer<String> consumer = vertx.eventBus().consumer(PREFIX + hub.id(), m -> receive(hub, m.body()));
        MessageConsumer<String> previous = consumers.put(hub.id(), consumer);
        if (previous != null) {
            previous.unregister();
        }
    }

    void leave(SessionHub hub) {
        if (!enabled) {
            return;
        }
        MessageConsumer<String> consumer = consumers.remove(hub.id());
        if (consumer != null) {
            consumer.unregister();
        }
    }

    /** Tells the other nodes about events this node committed (already encoded for the sockets). */
    void published(SessionHub hub, List<String> messages) {
        if (!enabled) {
            return;
        }
        StringBuilder b = new StringBuilder(64 + messages.size() * 256).append("{\"node\":\"").append(node)
                .append("\",\"events\":[");
        for (int i = 0; i < messages.size(); i++) {
            b.append(i == 0 ? "" : ",").append(messages.get(i));
        }
        vertx.eventBus().publish(PREFIX + hub.id(), b.append("]}").toString());
    }

    /** A volatile message for the other nodes' sockets: everyone ({@code toUser} 0) or one user's sockets. */
    void volatileMessage(SessionHub hub, String message, long toUser, boolean fromMaster) {
        vertx.eventBus().publish(PREFIX + hub.id(), new JsonObject().put("node", node).put("message", message)
                .put("to", toUser).put("fromMaster", fromMaster).encode());
    }

    private void receive(SessionHub hub, String body) {
        try {
            JsonObject m = new JsonObject(body);
            if (node.equals(m.getString("node"))) {
                return;
            }
            JsonArray events = m.getJsonArray("events");
            if (events != null) {
                List<Event> list = new ArrayList<>(events.size());
                for (Object o : events) {
                    list.add(toEvent((JsonObject) o));
                }
                hub.onOtherNode(list);
            } else {
                hub.volatileFromOtherNode(m.getString("message"), m.getLong("to"), m.getBoolean("fromMaster"));
            }
        } catch (RuntimeException e) {
            LOG.warn("classroom: unreadable message from another node: {}", e.getMessage());
        }
    }

    static Event toEvent(JsonObject m) {
        return new Event(m.getLong("seq"), m.getLong("actor"), m.getLong("fromClassroom"), m.getString("cmdId"),
                m.getLong("at"), Wire.stored(m.getString("type"), m));
    }
}
