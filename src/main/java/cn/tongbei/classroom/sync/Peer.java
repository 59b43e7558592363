package cn.tongbei.classroom.sync;

import io.vertx.core.json.JsonObject;

/** One joined socket as the hub sees it: who, in which seat, and how to reach it. */
public interface Peer {

    Rules.Sender sender();

    /** Sends a message; volatile messages are skipped by the caller when {@link #congested()}. */
    void send(String text);

    default void send(JsonObject message) {
        send(message.encode());
    }

    /** The socket's write queue is full (slow or weak network). */
    boolean congested();

    /** Last measured round trip in ms (-1 unknown) and what the classroom shows, for the master's tiles. */
    JsonObject tile();

    /** Closes the socket with a reason. */
    void close(short code, String reason);
}
