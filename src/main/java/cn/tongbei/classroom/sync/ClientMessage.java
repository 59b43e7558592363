package cn.tongbei.classroom.sync;

/** A message a client sends, after parsing and validation by {@link Wire}. */
public sealed interface ClientMessage {

    /**
     * The first message on a socket: who (token), where (session), as what ({@code role}, and the classroom for a
     * classroom seat) and the last sequence the client already has (0 for none).
     */
    record Hello(long session, String token, String role, Long classroom, long lastSeq) implements ClientMessage {}

    /**
     * The first message of a student's answer device: no account, the classroom's join code and the student's
     * seat number instead of a token.
     */
    record StudentHello(String joinCode, int seat, long lastSeq) implements ClientMessage {}

    /** A reliable command; {@code cmdId} makes retries idempotent. */
    record Reliable(String cmdId, Payload payload) implements ClientMessage {}

    /** The master's laser pointer, volatile: coalesced and droppable. {@code page < 0} hides it. */
    record Pointer(int page, int x, int y) implements ClientMessage {}

    /** A classroom reports what it shows (volatile, for the master's tiles). */
    record View(int page, boolean following) implements ClientMessage {}

    /** Keep-alive and round-trip measure; answered with {@code pong}. */
    record Ping(long t) implements ClientMessage {}

    /** A WebRTC signaling message (offer, answer, ice) relayed to one user's sockets. */
    record Signal(long to, String kind, io.vertx.core.json.JsonObject data) implements ClientMessage {}
}
