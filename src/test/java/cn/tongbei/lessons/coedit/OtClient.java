package cn.tongbei.lessons.coedit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The client side of the coedit protocol, as the browser runs it (webroot/js/pages/prep/coedit-client.js),
 * in Java for tests and the load generator. Server events are applied strictly in revision order (so
 * delayed, reordered or duplicated messages are harmless); one change is in flight at a time, later local
 * edits are buffered; on rejoin the missing changes (or a snapshot) bring it up to date and unacknowledged
 * work is resent. Invariant: {@code doc = serverDoc ∘ pending ∘ buffer}. Not thread-safe.
 */
public final class OtClient {
    private final String clientId;
    private final Consumer<JsonObject> out;
    private final Map<Integer, JsonObject> early = new HashMap<>();
    private Delta serverDoc = new Delta();
    private Delta doc = new Delta();
    private Delta pending;
    private long pendingSeq;
    private Delta buffer;
    private long nextSeq = 1;
    private int revision = -1;
    private boolean joined;

    public OtClient(String clientId, Consumer<JsonObject> out) {
        this.clientId = clientId;
        this.out = out;
    }

    public String clientId() {
        return clientId;
    }

    public Delta doc() {
        return doc;
    }

    public int revision() {
        return revision;
    }

    public boolean joined() {
        return joined;
    }

    /** Nothing unacknowledged. */
    public boolean settled() {
        return pending == null && buffer == null;
    }

    /** The join message for (re)connecting to a document. */
    public JsonObject joinMessage(long docId) {
        joined = false;
        return new JsonObject().put("type", "join").put("docId", docId).put("clientId", clientId)
                .put("revision", revision < 0 ? null : revision);
    }

    /** A local edit (already applied by the editor, here applied to {@link #doc}). */
    public void edit(Delta change) {
        doc = doc.compose(change);
        if (pending == null) {
            pending = change;
            pendingSeq = nextSeq++;
            if (joined) {
                sendPending();
            }
        } else {
            buffer = buffer == null ? change : buffer.compose(change);
        }
    }

    private void sendPending() {
        out.accept(new JsonObject().put("type", "submit").put("seq", pendingSeq).put("baseRevision", revision)
                .put("delta", PlainJson.json(pending)));
    }

    /** Handles a server message. */
    public void receive(JsonObject msg) {
        switch (msg.getString("type", "")) {
            case "joined" -> joined(msg);
            case "change" -> {
                int rev = msg.getInteger("revision");
                if (rev > revision) {
                    early.put(rev, msg);
                    drainEvents();
                }
            }
            case "changes" -> {
                JsonArray list = msg.getJsonArray("changes");
                for (int i = 0; i < list.size(); i++) {
                    JsonObject c = list.getJsonObject(i);
                    if (c.getInteger("revision") > revision) {
                        early.put(c.getInteger("revision"), c);
                    }
                }
                drainEvents();
            }
            case "ack" -> {
                if (pending != null && msg.getLong("seq") == pendingSeq && msg.getInteger("revision") > revision) {
                    early.put(msg.getInteger("revision"), new JsonObject().put("type", "ack").put("seq", pendingSeq));
                    drainEvents();
                }
            }
            default -> {
            }
        }
    }

    private void joined(JsonObject msg) {
        early.clear();
        long lastSeq = msg.getLong("lastSeq", -1L);
        if ("snapshot".equals(msg.getString("mode"))) {
            Delta fresh = PlainJson.delta(msg.getJsonObject("content"));
            Delta local = new Delta();
            if (pending != null && pendingSeq > lastSeq) {
                local = pending;
            }
            if (buffer != null) {
                local = local.compose(buffer);
            }
            Delta known = pending != null && pendingSeq <= lastSeq ? serverDoc.compose(pending) : serverDoc;
            Delta missed = revision < 0 ? null : known.diff(fresh);
            Delta rebased = missed == null ? new Delta() : missed.transform(local, true);
            serverDoc = fresh;
            revision = msg.getInteger("revision");
            doc = fresh.compose(rebased);
            pending = null;
            buffer = null;
            joined = true;
            if (!rebased.ops().isEmpty()) {
                pending = rebased;
                pendingSeq = nextSeq++;
                sendPending();
            }
            return;
        }
        JsonArray changes = msg.getJsonArray("changes");
        for (int i = 0; i < changes.size(); i++) {
            JsonObject c = changes.getJsonObject(i);
            if (c.getInteger("revision") > revision) {
                early.put(c.getInteger("revision"), c);
            }
        }
        joined = true;
        drainEvents();
        if (pending != null && early.isEmpty()) {
            sendPending();
        }
    }

    private void drainEvents() {
        JsonObject e;
        while ((e = early.remove(revision + 1)) != null) {
            boolean own = "ack".equals(e.getString("type"))
                    || clientId.equals(e.getString("clientId")) && pending != null && e.getLong("seq") == pendingSeq;
            if (own) {
                serverDoc = serverDoc.compose(pending);
                revision++;
                pending = null;
                if (buffer != null) {
                    pending = buffer;
                    pendingSeq = nextSeq++;
                    buffer = null;
                    if (joined) {
                        sendPending();
                    }
                }
            } else if (clientId.equals(e.getString("clientId"))) {
                revision++;
                serverDoc = serverDoc.compose(PlainJson.delta(e.getJsonObject("delta")));
            } else {
                applyRemote(PlainJson.delta(e.getJsonObject("delta")));
            }
        }
        early.keySet().removeIf(r -> r <= revision);
    }

    private void applyRemote(Delta c) {
        serverDoc = serverDoc.compose(c);
        revision++;
        Delta remote = c;
        if (pending != null) {
            Delta p2 = remote.transform(pending, true);
            remote = pending.transform(remote, false);
            pending = p2;
        }
        if (buffer != null) {
            Delta b2 = remote.transform(buffer, true);
            remote = buffer.transform(remote, false);
            buffer = b2;
        }
        doc = doc.compose(remote);
    }

    private static int safeEnd(CharSequence flat, int at, int n) {
        int end = at + n;
        if (end < flat.length() && Character.isLowSurrogate(flat.charAt(end))) {
            end = end + 1 < flat.length() ? end + 1 : end - 1;
        }
        return Math.max(0, end - at);
    }

    /** A bounded random edit of the current document, applied locally and sent (or buffered). */
    public Delta randomEdit(java.util.Random random) {
        int len = doc.length();
        StringBuilder flat = new StringBuilder();
        doc.ops().forEach(o -> flat.append(o.text() != null ? o.text() : "\u0000"));
        int at = len <= 1 ? 0 : random.nextInt(len - 1);
        if (at > 0 && Character.isLowSurrogate(flat.charAt(at))) {
            at--;
        }
        Delta d = new Delta().retain(at);
        int r = random.nextInt(10);
        String[] words = {"教学", "目标", "😀", "a", "重点", "。", "\n"};
        if (r < 6 || len <= 2) {
            d.insert(words[random.nextInt(words.length)], random.nextInt(4) == 0 ? Map.of("bold", true) : null);
        } else if (r < 9) {
            d.delete(safeEnd(flat, at, Math.min(1 + random.nextInt(3), len - 1 - at)));
        } else {
            d.retain(safeEnd(flat, at, Math.min(1 + random.nextInt(4), len - 1 - at)), Map.of("italic", true));
        }
        d.chop();
        if (d.ops().isEmpty()) {
            d = new Delta().insert("x");
        }
        edit(d);
        return d;
    }
}
