package cn.tongbei.classroom.sync;

import cn.tongbei.platform.config.TongbeiConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Audio/video settings handed to seated participants in the welcome message: the ICE servers for
 * {@code RTCPeerConnection} (TURN credentials only on {@code turn:}/{@code turns:} URLs) and the SFU, if any.
 */
public record Media(List<String> iceServers, String turnUsername, String turnCredential, String sfu, String sfuUrl) {

    /** Peer to peer with no ICE servers (host candidates only: works on one network). */
    public static Media none() {
        return new Media(List.of(), "", "", "none", "");
    }

    public static Media from(TongbeiConfig.Classroom c) {
        return new Media(c.iceServers(), c.turnUsername(), c.turnCredential(), c.sfu(), c.sfuUrl());
    }

    /** {@code {"iceServers":[{"urls":…,"username":…,"credential":…}],"sfu":"none","sfuUrl":""}}. */
    public JsonObject toJson() {
        JsonArray servers = new JsonArray();
        for (String url : iceServers) {
            JsonObject s = new JsonObject().put("urls", url);
            if (url.startsWith("turn") && !turnUsername.isBlank()) {
                s.put("username", turnUsername).put("credential", turnCredential);
            }
            servers.add(s);
        }
        return new JsonObject().put("iceServers", servers).put("sfu", sfu).put("sfuUrl", sfuUrl);
    }
}
