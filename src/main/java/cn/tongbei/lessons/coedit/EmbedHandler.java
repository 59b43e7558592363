package cn.tongbei.lessons.coedit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * quill-delta's embed handlers: how to compose, transform and invert changes to an embed's data (a retain
 * with an object). Quill 2 registers none by default, and neither does Tongbei; as in quill-delta, an
 * operation that needs a handler for an unregistered type fails with {@link DeltaException}.
 */
public interface EmbedHandler {
    Object compose(Object a, Object b, boolean keepNull);

    Object transform(Object a, Object b, boolean priority);

    Object invert(Object a, Object b);

    /** Registered handlers by embed type. */
    Map<String, EmbedHandler> HANDLERS = new ConcurrentHashMap<>();

    /** The handler for {@code type}, or a {@link DeltaException} as quill-delta throws. */
    static EmbedHandler get(String type) {
        EmbedHandler h = HANDLERS.get(type);
        if (h == null) {
            throw new DeltaException("no handlers for embed type \"" + type + "\"");
        }
        return h;
    }
}
