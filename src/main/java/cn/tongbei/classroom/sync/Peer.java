package cn.tongbei.classroom.sync;

import io.vertx.core.json.JsonObject;

/** One joined socket as the hub sees it: who, in which seat, and how to reach it. */
public interface Peer {

    Rules.Sender sender();

    /** Sends a message from any thread; messages to one peer keep their order. */
    void send(String text);

    /** The Vert.x context (event loop) the socket lives on; the hub batches broadcasts per context. */
    io.vertx.core.Context context();

    /** Writes a message; only on {@link #context()}. */
    void write(String text);

    /** Writes a message encoded once for many sockets; only on {@link #context()}. */
    default void write(cn.tongbei.platform.http.TextFrames.Shared message) {
        write(message.text());
    }

    default void send(JsonObject message) {
        send(message.encode());
    }

    /** The socket's write queue is full (slow or weak network). */
    boolean congested();

    /** Last measured round trip in ms (-1 unknown) and what the classroom shows, for the master's tiles. */
    JsonObject tile();

    /** Sends a websocket ping frame to measure the round trip; only on {@link #context()}. */
    void ping();

    /** Closes the socket with a reason. */
    void close(short code, String reason);
}
