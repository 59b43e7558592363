package cn.tongbei.classroom.sync;

import io.vertx.core.json.JsonObject;

/**
 * A sequenced reliable event: its place in the session's log, who sent it (user, and classroom when sent by
 * one), the client's command id, the server time in epoch milliseconds and the payload.
 */
public record Event(long seq, long actorId, Long classroom, String cmdId, long at, Payload payload) {

    /** The message broadcast to clients: the envelope plus the payload's fields. */
    public JsonObject toJson(long session) {
        JsonObject json = payload.json().put("type", payload.type()).put("session", session).put("seq", seq)
                .put("actor", actorId).put("at", at);
        if (classroom != null) {
            json.put("fromClassroom", classroom);
        }
        if (cmdId != null) {
            json.put("cmdId", cmdId);
        }
        return json;
    }
}
