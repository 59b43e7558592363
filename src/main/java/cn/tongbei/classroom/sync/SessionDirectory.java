package cn.tongbei.classroom.sync;

import cn.tongbei.access.AccessPolicy.ClassSessionRef;
import io.vertx.core.Future;

/** What the realtime hub needs to know about a scheduled session, and how it reports the session's status. */
public interface SessionDirectory {

    /** Who is in the session and how many courseware pages it has. */
    record SessionInfo(ClassSessionRef ref, int pageCount) {}

    /** The session, or a failed future with a 404 {@code ApiException} when it does not exist. */
    Future<SessionInfo> info(long sessionId);

    /** The session and classroom a join code opens ({@code sessionId}, {@code classroom}), or a 404. */
    Future<io.vertx.core.json.JsonObject> byJoinCode(String code);

    /** Records that the session went live or ended. */
    Future<Void> status(long sessionId, String status);
}
