package cn.tongbei.lessons.coedit;

import java.util.Map;

/**
 * One operation of a {@link Delta}, as in quill-delta: an insert of text or of an embed (an object such as
 * {@code {"image": "…"}}), a retain of a count or of an embed object (length 1), or a delete. Lengths are in
 * UTF-16 code units, like JavaScript strings. Attributes are {@code null} when absent; inside them a
 * {@code null} value means "remove this attribute".
 */
public record Op(Kind kind, String text, Map<String, Object> embed, int count, Map<String, Object> attributes) {

    /** The three kinds of operation. */
    public enum Kind {
        INSERT, RETAIN, DELETE
    }

    /** Inserts text. */
    public static Op insert(String text, Map<String, Object> attributes) {
        return new Op(Kind.INSERT, text, null, text.length(), Attributes.orNull(attributes));
    }

    /** Inserts an embed (length 1). */
    public static Op insertEmbed(Map<String, Object> embed, Map<String, Object> attributes) {
        return new Op(Kind.INSERT, null, embed, 1, Attributes.orNull(attributes));
    }

    /** Keeps {@code count} units, optionally changing their attributes. */
    public static Op retain(int count, Map<String, Object> attributes) {
        return new Op(Kind.RETAIN, null, null, count, Attributes.orNull(attributes));
    }

    /** Keeps one embed while changing its data (quill-delta's retain with an object). */
    public static Op retainEmbed(Map<String, Object> embed, Map<String, Object> attributes) {
        return new Op(Kind.RETAIN, null, embed, 1, Attributes.orNull(attributes));
    }

    /** Removes {@code count} units. */
    public static Op delete(int count) {
        return new Op(Kind.DELETE, null, null, count, null);
    }

    /** Length in UTF-16 code units (embeds and retained objects count 1). */
    public int length() {
        return count;
    }

    public boolean isInsert() {
        return kind == Kind.INSERT;
    }

    public boolean isDelete() {
        return kind == Kind.DELETE;
    }

    public boolean isRetain() {
        return kind == Kind.RETAIN;
    }

    /** A retain of a plain count (JavaScript {@code typeof op.retain === 'number'}). */
    public boolean isCountRetain() {
        return kind == Kind.RETAIN && embed == null;
    }

    /** A retain of an embed object. */
    public boolean isEmbedRetain() {
        return kind == Kind.RETAIN && embed != null;
    }

    public boolean isTextInsert() {
        return kind == Kind.INSERT && text != null;
    }

    /** The same operation with other attributes. */
    Op withAttributes(Map<String, Object> attrs) {
        return new Op(kind, text, embed, count, Attributes.orNull(attrs));
    }
}
