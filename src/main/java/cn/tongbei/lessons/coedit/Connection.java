package cn.tongbei.lessons.coedit;

import cn.tongbei.access.Principal;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One editor's websocket: authentication (first message), join with resync, submissions, presence, limits.
 * Every message is handled on the hub context; see {@code docs/protocols/coedit.md} for the protocol.
 */
final class Connection {
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final long AUTH_TIMEOUT_MS = 10_000;
    private static final long SLOW_CONSUMER_NANOS = 5_000_000_000L;
    private static final String[] COLORS = {"#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#008080",
            "#f032e6", "#9a6324", "#800000", "#000075"};

    private final CoeditHub hub;
    private final ServerWebSocket ws;
    private final RateLimiter limiter;
    private Principal principal;
    private long docId;
    private String clientId;
    private DocAccess.Level level = DocAccess.Level.NONE;
    private boolean joined;
    private boolean joining;
    private boolean closed;
    private int strikes;
    private long lastRateError;
    private long fullSince;
    private long presenceVersion = -1;
    private JsonObject lastPresence;

    Connection(CoeditHub hub, ServerWebSocket ws) {
        this.hub = hub;
        this.ws = ws;
        this.limiter = new RateLimiter(hub.settings().messagesPerSecond(), hub.settings().burst());
        ws.textMessageHandler(text -> hub.context().runOnContext(v -> onText(text)));
        ws.binaryMessageHandler(b -> hub.context().runOnContext(v -> strike("binary_not_supported", null)));
        ws.closeHandler(v -> hub.context().runOnContext(x -> onClose()));
        ws.exceptionHandler(e -> ws.close());
        hub.context().runOnContext(v -> hub.opened(this));
        hub.vertx().setTimer(AUTH_TIMEOUT_MS, id -> hub.context().runOnContext(v -> {
            if (principal == null && !closed) {
                error("auth_timeout", "authenticate within 10 seconds", null);
                close((short) 1008, "auth timeout");
            }
        }));
    }

    long docId() {
        return docId;
    }

    String clientId() {
        return clientId;
    }

    JsonObject lastPresence() {
        return lastPresence;
    }

    void send(String message) {
        if (closed || ws.isClosed()) {
            return;
        }
        if (ws.writeQueueFull()) {
            long now = System.nanoTime();
            if (fullSince == 0) {
                fullSince = now;
            } else if (now - fullSince > SLOW_CONSUMER_NANOS) {
                close((short) 1013, "too slow; rejoin to resync");
                return;
            }
        } else {
            fullSince = 0;
        }
        ws.writeTextMessage(message);
    }

    private void onText(String text) {
        if (closed) {
            return;
        }
        if (text.length() > hub.settings().maxMessageChars()) {
            strike("message_too_large", null);
            return;
        }
        if (!limiter.tryAcquire()) {
            rateLimited();
            return;
        }
        JsonObject msg;
        try {
            msg = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            strike("bad_json", null);
            return;
        }
        String type = msg.getValue("type") instanceof String s ? s : "";
        switch (type) {
            case "auth" -> auth(msg);
            case "join" -> join(msg);
            case "submit" -> submit(msg);
            case "presence" -> presence(msg);
            case "ping" -> send(new JsonObject().put("type", "pong").encode());
            default -> strike("unknown_type", null);
        }
    }

    private void auth(JsonObject msg) {
        if (principal != null) {
            strike("already_authenticated", null);
            return;
        }
        String token = msg.getValue("token") instanceof String s ? s : "";
        hub.authenticator().authenticate(token).onComplete(ar -> hub.context().runOnContext(v -> {
            if (ar.failed()) {
                error("unauthorized", "invalid or expired token", null);
                close((short) 1008, "unauthorized");
                return;
            }
            principal = ar.result();
            send(new JsonObject().put("type", "ready").put("user", new JsonObject().put("id", principal.userId())
                    .put("name", principal.displayName()).put("color", color(principal.userId()))).encode());
        }));
    }

    private void join(JsonObject msg) {
        if (principal == null) {
            strike("unauthorized", "authenticate first");
            return;
        }
        if (joined || joining) {
            strike("already_joined", "one document per connection");
            return;
        }
        Long doc = msg.getValue("docId") instanceof Number n ? n.longValue() : null;
        String cid = msg.getValue("clientId") instanceof String s ? s : "";
        Object rev = msg.getValue("revision");
        if (doc == null || doc <= 0 || !CLIENT_ID.matcher(cid).matches()
                || rev != null && !(rev instanceof Number)) {
            strike("bad_request", "join needs docId, clientId ([A-Za-z0-9_-]{8,64}) and revision (number or null)");
            return;
        }
        joining = true;
        Integer known = rev == null ? null : ((Number) rev).intValue();
        hub.access().level(principal, doc).onComplete(ar -> hub.context().runOnContext(v -> {
            if (ar.failed() || ar.result() == DocAccess.Level.NONE) {
                error("not_found", "no such document", null);
                close((short) 1008, "not found");
                return;
            }
            level = ar.result();
            docId = doc;
            clientId = cid;
            hub.sequencer(doc).compose(seq -> known == null
                    ? Future.succeededFuture(seq)
                    : seq.caughtUpTo(known).map(seq)).compose(seq -> resync(seq, known)).onComplete(r -> {
                        if (r.failed()) {
                            error("unavailable", "the document cannot be opened now", null);
                            close((short) 1011, "unavailable");
                            return;
                        }
                        if (closed) {
                            return;
                        }
                        send(r.result().encode());
                        joined = true;
                        hub.join(this);
                    });
        }));
    }

    /** The joined message: missing changes since the client's revision, or the whole content. */
    private Future<JsonObject> resync(Sequencer seq, Integer known) {
        JsonObject base = new JsonObject().put("type", "joined").put("docId", docId)
                .put("access", level.name().toLowerCase(java.util.Locale.ROOT)).put("presences", hub.presences(this))
                .put("lastSeq", seq.lastSeq(clientId));
        int head = seq.revision();
        if (known == null || known < 0 || known > head || head - known > hub.settings().resyncMaxChanges()) {
            return Future.succeededFuture(base.put("mode", "snapshot").put("revision", head)
                    .put("content", PlainJson.json(seq.content())));
        }
        List<Change> inMemory = seq.changesSince(known);
        if (inMemory != null) {
            return Future.succeededFuture(changes(base, head, inMemory));
        }
        return hub.store().changes(docId, known, head).compose(old -> hub.onHub(() -> {
            List<Change> all = new java.util.ArrayList<>(old);
            List<Change> newer = seq.changesSince(head);
            all.addAll(newer == null ? List.of() : newer);
            return Future.succeededFuture(changes(base, seq.revision(), all));
        }));
    }

    private static JsonObject changes(JsonObject base, int head, List<Change> list) {
        JsonArray arr = new JsonArray();
        list.forEach(c -> arr.add(changeMessage(c)));
        return base.put("mode", "changes").put("revision", head).put("changes", arr);
    }

    static JsonObject changeMessage(Change c) {
        return new JsonObject().put("type", "change").put("revision", c.revision()).put("clientId", c.clientId())
                .put("seq", c.seq()).put("authorId", c.authorId()).put("delta", PlainJson.json(c.delta()));
    }

    private void submit(JsonObject msg) {
        if (!joined) {
            strike("not_joined", "join a document first");
            return;
        }
        Long seqNo = msg.getValue("seq") instanceof Number n ? n.longValue() : null;
        if (level != DocAccess.Level.EDIT) {
            error("read_only", "you may read this document but not edit it", seqNo);
            return;
        }
        Object base = msg.getValue("baseRevision");
        if (seqNo == null || seqNo < 0 || !(base instanceof Number b) || b.doubleValue() < 0
                || b.doubleValue() > Integer.MAX_VALUE) {
            strike("bad_request", "submit needs seq and baseRevision");
            return;
        }
        Delta delta;
        try {
            delta = PlainJson.delta(msg.getValue("delta"));
        } catch (DeltaException | ClassCastException e) {
            strike("invalid_change", e.getMessage(), seqNo);
            return;
        }
        Sequencer.Submission s = new Sequencer.Submission(clientId, seqNo, ((Number) base).intValue(), delta,
                principal.userId());
        hub.sequencer(docId).compose(seq -> seq.submit(s)).onComplete(ar -> {
            if (ar.failed()) {
                error("unavailable", "not saved; resend after reconnecting", seqNo);
                return;
            }
            switch (ar.result()) {
                case Sequencer.Accepted a -> send(new JsonObject().put("type", "ack").put("seq", seqNo)
                        .put("revision", a.change().revision()).put("duplicate", a.duplicate()).encode());
                case Sequencer.Rejected r -> {
                    if (r.code().equals("invalid_change")) {
                        strike(r.code(), r.detail(), seqNo);
                    } else {
                        error(r.code(), r.detail(), seqNo);
                    }
                }
            }
        });
    }

    private void presence(JsonObject msg) {
        if (!joined) {
            strike("not_joined", "join a document first");
            return;
        }
        long v = msg.getValue("v") instanceof Number n ? n.longValue() : -1;
        Object rev = msg.getValue("revision");
        if (v <= presenceVersion || !(rev instanceof Number revision)) {
            return;
        }
        presenceVersion = v;
        JsonObject range = msg.getValue("range") instanceof JsonObject r ? r : null;
        hub.sequencer(docId).onSuccess(seq -> {
            JsonObject moved = range == null ? null : movedRange(seq, revision.intValue(), range);
            lastPresence = new JsonObject().put("type", "presence").put("clientId", clientId)
                    .put("userId", principal.userId()).put("name", principal.displayName())
                    .put("color", color(principal.userId())).put("v", v).put("revision", seq.revision())
                    .put("range", moved);
            hub.relay(this, lastPresence.encode());
        });
    }

    /** A selection moved from the revision it was made at to the head; null when that history is gone. */
    private static JsonObject movedRange(Sequencer seq, int revision, JsonObject range) {
        if (!(range.getValue("index") instanceof Number i) || !(range.getValue("length") instanceof Number l)
                || revision > seq.revision()) {
            return null;
        }
        List<Change> since = seq.changesSince(revision);
        if (since == null) {
            return null;
        }
        int start = Math.max(0, i.intValue());
        int end = start + Math.max(0, l.intValue());
        for (Change c : since) {
            start = c.delta().transformPosition(start, false);
            end = c.delta().transformPosition(end, false);
        }
        return new JsonObject().put("index", start).put("length", Math.max(0, end - start));
    }

    /** Counts a strike; tells the sender at most once a second, so a flood is not answered by a flood. */
    private void rateLimited() {
        strikes++;
        long now = System.nanoTime();
        if (now - lastRateError > 1_000_000_000L) {
            lastRateError = now;
            error("rate_limited", "too many messages; slow down", null);
        }
        if (strikes >= hub.settings().maxStrikes()) {
            error("too_many_errors", "disconnected after repeated invalid or excessive messages", null);
            close((short) 1008, "too many errors");
        }
    }

    private void strike(String code, String detail) {
        strike(code, detail, null);
    }

    private void strike(String code, String detail, Long seq) {
        strikes++;
        error(code, detail == null ? code.replace('_', ' ') : detail, seq);
        if (strikes >= hub.settings().maxStrikes()) {
            error("too_many_errors", "disconnected after repeated invalid or excessive messages", null);
            close((short) 1008, "too many errors");
        }
    }

    private void error(String code, String message, Long seq) {
        JsonObject e = new JsonObject().put("type", "error").put("code", code).put("message", message);
        if (seq != null) {
            e.put("seq", seq);
        }
        send(e.encode());
    }

    void closeForAccessChange() {
        error("access_changed", "the plan's state changed; rejoin", null);
        close((short) 4001, "access changed");
    }

    /** The node is shutting down: 1012, reconnect (to another node) and resync. */
    Future<Void> closeForDrain() {
        Future<Void> sent = closed || ws.isClosed()
                ? Future.succeededFuture()
                : ws.close(cn.tongbei.platform.ops.Lifecycle.CLOSE_RECONNECT_ELSEWHERE,
                        "node shutting down; reconnect");
        onClose();
        return sent;
    }

    private void close(short status, String reason) {
        if (!closed) {
            ws.close(status, reason);
        }
        onClose();
    }

    private void onClose() {
        if (closed) {
            return;
        }
        closed = true;
        hub.closed(this);
        if (joined) {
            hub.leave(this);
        }
    }

    static String color(long userId) {
        return COLORS[(int) Math.floorMod(userId * 2654435761L, COLORS.length)];
    }
}
