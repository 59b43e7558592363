package cn.tongbei.lessons.coedit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Quill Delta: a document (inserts only) or a change (inserts, retains, deletes). An exact port of
 * quill-delta 5.1 (the version Quill 2 uses): {@link #compose}, {@link #transform(Delta, boolean)},
 * {@link #transformPosition}, {@link #invert} and {@link #diff}, with the same canonical form (adjacent
 * operations with equal attributes merged, inserts before deletes, no trailing plain retain) and lengths in
 * UTF-16 code units. Golden vectors produced by the reference library keep it honest
 * ({@code src/test/resources/delta-golden}). Instances are immutable once built; the builder methods
 * ({@link #insert}, {@link #retain}, {@link #delete}, {@link #push}) return a new list only on a fresh
 * {@code Delta}, so build with {@code new Delta()} and chain.
 */
public final class Delta {
    private final List<Op> ops;

    /** An empty delta to build on. */
    public Delta() {
        this.ops = new ArrayList<>();
    }

    /** A delta over these operations, taken as given (use {@link #of} to canonicalize). */
    public Delta(List<Op> ops) {
        this.ops = new ArrayList<>(ops);
    }

    /** The canonical delta of these operations (pushed one by one, as quill-delta's builders do). */
    public static Delta of(List<Op> ops) {
        Delta d = new Delta();
        ops.forEach(d::push);
        return d;
    }

    public List<Op> ops() {
        return Collections.unmodifiableList(ops);
    }

    /** Appends a text insert (empty text is ignored). */
    public Delta insert(String text, Map<String, Object> attributes) {
        if (text.isEmpty()) {
            return this;
        }
        return push(Op.insert(text, attributes));
    }

    public Delta insert(String text) {
        return insert(text, null);
    }

    /** Appends an embed insert. */
    public Delta insert(Map<String, Object> embed, Map<String, Object> attributes) {
        return push(Op.insertEmbed(embed, attributes));
    }

    /** Appends a delete (non-positive lengths are ignored). */
    public Delta delete(int length) {
        if (length <= 0) {
            return this;
        }
        return push(Op.delete(length));
    }

    /** Appends a retain (non-positive lengths are ignored). */
    public Delta retain(int length, Map<String, Object> attributes) {
        if (length <= 0) {
            return this;
        }
        return push(Op.retain(length, attributes));
    }

    public Delta retain(int length) {
        return retain(length, null);
    }

    /** Appends a retain of an embed object. */
    public Delta retain(Map<String, Object> embed, Map<String, Object> attributes) {
        return push(Op.retainEmbed(embed, attributes));
    }

    /** Appends an operation, merging it with the last one where quill-delta does. */
    public Delta push(Op newOp) {
        int index = ops.size();
        Op lastOp = index > 0 ? ops.get(index - 1) : null;
        if (lastOp != null) {
            if (newOp.isDelete() && lastOp.isDelete()) {
                ops.set(index - 1, Op.delete(lastOp.length() + newOp.length()));
                return this;
            }
            if (lastOp.isDelete() && newOp.isInsert()) {
                index -= 1;
                lastOp = index > 0 ? ops.get(index - 1) : null;
                if (lastOp == null) {
                    ops.add(0, newOp);
                    return this;
                }
            }
            if (Objects.equals(newOp.attributes(), lastOp.attributes())) {
                if (newOp.isTextInsert() && lastOp.isTextInsert()) {
                    ops.set(index - 1, Op.insert(lastOp.text() + newOp.text(), newOp.attributes()));
                    return this;
                } else if (newOp.isCountRetain() && lastOp.isCountRetain()) {
                    ops.set(index - 1, Op.retain(lastOp.length() + newOp.length(), newOp.attributes()));
                    return this;
                }
            }
        }
        if (index == ops.size()) {
            ops.add(newOp);
        } else {
            ops.add(index, newOp);
        }
        return this;
    }

    /** Drops a trailing retain without attributes. */
    public Delta chop() {
        if (!ops.isEmpty()) {
            Op last = ops.get(ops.size() - 1);
            if (last.isCountRetain() && last.attributes() == null) {
                ops.remove(ops.size() - 1);
            }
        }
        return this;
    }

    /** Total length of all operations. */
    public int length() {
        int n = 0;
        for (Op op : ops) {
            n += op.length();
        }
        return n;
    }

    /** How much this change alters a document's length. */
    public int changeLength() {
        int n = 0;
        for (Op op : ops) {
            if (op.isInsert()) {
                n += op.length();
            } else if (op.isDelete()) {
                n -= op.length();
            }
        }
        return n;
    }

    /** The length of the document this change applies to (retains + deletes). */
    public int baseLength() {
        int n = 0;
        for (Op op : ops) {
            if (!op.isInsert()) {
                n += op.length();
            }
        }
        return n;
    }

    /** True when this delta contains only inserts (a document). */
    public boolean isDocument() {
        return ops.stream().allMatch(Op::isInsert);
    }

    /** The part between {@code start} and {@code end}. */
    public Delta slice(int start, int end) {
        List<Op> out = new ArrayList<>();
        OpIterator iter = new OpIterator(ops);
        int index = 0;
        while (index < end && iter.hasNext()) {
            Op nextOp;
            if (index < start) {
                nextOp = iter.next(start - index);
            } else {
                nextOp = iter.next(end - index);
                out.add(nextOp);
            }
            index += nextOp.length();
        }
        return new Delta(out);
    }

    /** This delta followed by {@code other}. */
    public Delta compose(Delta other) {
        OpIterator thisIter = new OpIterator(ops);
        OpIterator otherIter = new OpIterator(other.ops);
        List<Op> start = new ArrayList<>();
        Op firstOther = otherIter.peek();
        if (firstOther != null && firstOther.isCountRetain() && firstOther.attributes() == null) {
            int firstLeft = firstOther.length();
            while (thisIter.peekType() == Op.Kind.INSERT && thisIter.peekLength() <= firstLeft) {
                firstLeft -= thisIter.peekLength();
                start.add(thisIter.next());
            }
            if (firstOther.length() - firstLeft > 0) {
                otherIter.next(firstOther.length() - firstLeft);
            }
        }
        Delta delta = new Delta(start);
        while (thisIter.hasNext() || otherIter.hasNext()) {
            if (otherIter.peekType() == Op.Kind.INSERT) {
                delta.push(otherIter.next());
            } else if (thisIter.peekType() == Op.Kind.DELETE) {
                delta.push(thisIter.next());
            } else {
                int length = Math.min(thisIter.peekLength(), otherIter.peekLength());
                Op thisOp = thisIter.next(length);
                Op otherOp = otherIter.next(length);
                if (otherOp.isRetain()) {
                    Op newOp;
                    Map<String, Object> attributes = Attributes.compose(thisOp.attributes(), otherOp.attributes(),
                            thisOp.isCountRetain());
                    if (thisOp.isCountRetain()) {
                        newOp = otherOp.isCountRetain()
                                ? Op.retain(length, attributes)
                                : Op.retainEmbed(otherOp.embed(), attributes);
                    } else if (otherOp.isCountRetain()) {
                        newOp = thisOp.isInsert()
                                ? thisOp.withAttributes(attributes)
                                : Op.retainEmbed(thisOp.embed(), attributes);
                    } else {
                        newOp = composeEmbeds(thisOp, otherOp, attributes);
                    }
                    delta.push(newOp);
                    if (!otherIter.hasNext() && delta.ops.get(delta.ops.size() - 1).equals(newOp)) {
                        Delta rest = new Delta(thisIter.rest());
                        return delta.concat(rest).chop();
                    }
                } else if (otherOp.isDelete() && thisOp.isRetain()) {
                    delta.push(otherOp);
                }
            }
        }
        return delta.chop();
    }

    private static Op composeEmbeds(Op thisOp, Op otherOp, Map<String, Object> attributes) {
        String type = embedType(thisOp.embed(), otherOp.embed());
        EmbedHandler handler = EmbedHandler.get(type);
        Object data = handler.compose(thisOp.embed().get(type), otherOp.embed().get(type), thisOp.isRetain());
        Map<String, Object> embed = Map.of(type, data);
        return thisOp.isRetain() ? Op.retainEmbed(embed, attributes) : Op.insertEmbed(embed, attributes);
    }

    private static String embedType(Map<String, Object> a, Map<String, Object> b) {
        if (a == null || b == null) {
            throw new DeltaException("cannot retain a non-object");
        }
        String type = a.isEmpty() ? null : a.keySet().iterator().next();
        String otherType = b.isEmpty() ? null : b.keySet().iterator().next();
        if (type == null || !type.equals(otherType)) {
            throw new DeltaException("embed types not matched: " + type + " != " + otherType);
        }
        return type;
    }

    /** This delta followed by all operations of {@code other}, merging at the seam. */
    public Delta concat(Delta other) {
        Delta delta = new Delta(ops);
        if (!other.ops.isEmpty()) {
            delta.push(other.ops.get(0));
            delta.ops.addAll(other.ops.subList(1, other.ops.size()));
        }
        return delta;
    }

    /**
     * {@code other} transformed against this delta, which happened first; with {@code priority} this delta's
     * inserts win ties (go first).
     */
    public Delta transform(Delta other, boolean priority) {
        OpIterator thisIter = new OpIterator(ops);
        OpIterator otherIter = new OpIterator(other.ops);
        Delta delta = new Delta();
        while (thisIter.hasNext() || otherIter.hasNext()) {
            if (thisIter.peekType() == Op.Kind.INSERT && (priority || otherIter.peekType() != Op.Kind.INSERT)) {
                delta.retain(thisIter.next().length());
            } else if (otherIter.peekType() == Op.Kind.INSERT) {
                delta.push(otherIter.next());
            } else {
                int length = Math.min(thisIter.peekLength(), otherIter.peekLength());
                Op thisOp = thisIter.next(length);
                Op otherOp = otherIter.next(length);
                if (thisOp.isDelete()) {
                    continue;
                } else if (otherOp.isDelete()) {
                    delta.push(otherOp);
                } else {
                    Map<String, Object> attrs = Attributes.transform(thisOp.attributes(), otherOp.attributes(),
                            priority);
                    if (otherOp.isEmbedRetain()) {
                        Map<String, Object> data = otherOp.embed();
                        if (thisOp.isEmbedRetain()) {
                            String type = first(thisOp.embed());
                            if (type != null && type.equals(first(otherOp.embed()))) {
                                EmbedHandler handler = EmbedHandler.get(type);
                                data = Map.of(type, handler.transform(thisOp.embed().get(type),
                                        otherOp.embed().get(type), priority));
                            }
                        }
                        delta.retain(data, attrs);
                    } else {
                        delta.retain(length, attrs);
                    }
                }
            }
        }
        return delta.chop();
    }

    private static String first(Map<String, Object> m) {
        return m.isEmpty() ? null : m.keySet().iterator().next();
    }

    /** Where a cursor at {@code index} moves after this change; with priority it stays before inserts there. */
    public int transformPosition(int index, boolean priority) {
        OpIterator thisIter = new OpIterator(ops);
        int offset = 0;
        while (thisIter.hasNext() && offset <= index) {
            int length = thisIter.peekLength();
            Op.Kind nextType = thisIter.peekType();
            thisIter.next();
            if (nextType == Op.Kind.DELETE) {
                index -= Math.min(length, index - offset);
                continue;
            } else if (nextType == Op.Kind.INSERT && (offset < index || !priority)) {
                index += length;
            }
            offset += length;
        }
        return index;
    }

    /** The change that undoes this one when applied after it to {@code base}. */
    public Delta invert(Delta base) {
        Delta inverted = new Delta();
        int baseIndex = 0;
        for (Op op : ops) {
            if (op.isInsert()) {
                inverted.delete(op.length());
            } else if (op.isCountRetain() && op.attributes() == null) {
                inverted.retain(op.length());
                baseIndex += op.length();
            } else if (op.isDelete() || op.isCountRetain()) {
                int length = op.length();
                for (Op baseOp : base.slice(baseIndex, baseIndex + length).ops) {
                    if (op.isDelete()) {
                        inverted.push(baseOp);
                    } else {
                        inverted.retain(baseOp.length(), Attributes.invert(op.attributes(), baseOp.attributes()));
                    }
                }
                baseIndex += length;
            } else {
                Op baseOp = new OpIterator(base.slice(baseIndex, baseIndex + 1).ops).next();
                String type = embedType(op.embed(), baseOp.embed());
                EmbedHandler handler = EmbedHandler.get(type);
                inverted.retain(Map.of(type, handler.invert(op.embed().get(type), baseOp.embed().get(type))),
                        Attributes.invert(op.attributes(), baseOp.attributes()));
                baseIndex += 1;
            }
        }
        return inverted.chop();
    }

    /** The change turning this document into {@code other} (both must be documents), exactly as quill-delta. */
    public Delta diff(Delta other) {
        return diff(other, -1);
    }

    /**
     * As quill-delta's {@code diff(other, cursor)}: with {@code cursor} ≥ 0 (the caret index in this document),
     * an insertion or deletion right before or after the caret is preferred where several diffs are minimal.
     */
    public Delta diff(Delta other, int cursor) {
        if (!isDocument()) {
            throw new DeltaException("diff() called with non-document");
        }
        if (!other.isDocument()) {
            throw new DeltaException("diff() called on non-document");
        }
        String a = flatten(this);
        String b = flatten(other);
        Delta ret = new Delta();
        OpIterator thisIter = new OpIterator(ops);
        OpIterator otherIter = new OpIterator(other.ops);
        for (TextDiff.Edit edit : TextDiff.diff(a, b, cursor)) {
            int length = edit.length();
            while (length > 0) {
                int opLength;
                switch (edit.kind()) {
                    case INSERT -> {
                        opLength = Math.min(otherIter.peekLength(), length);
                        ret.push(otherIter.next(opLength));
                    }
                    case DELETE -> {
                        opLength = Math.min(length, thisIter.peekLength());
                        thisIter.next(opLength);
                        ret.delete(opLength);
                    }
                    default -> {
                        opLength = Math.min(Math.min(thisIter.peekLength(), otherIter.peekLength()), length);
                        Op thisOp = thisIter.next(opLength);
                        Op otherOp = otherIter.next(opLength);
                        if (Objects.equals(thisOp.text(), otherOp.text())
                                && Objects.equals(thisOp.embed(), otherOp.embed())) {
                            ret.retain(opLength, Attributes.diff(thisOp.attributes(), otherOp.attributes()));
                        } else {
                            ret.push(otherOp).delete(opLength);
                        }
                    }
                }
                length -= opLength;
            }
        }
        return ret.chop();
    }

    private static String flatten(Delta d) {
        StringBuilder sb = new StringBuilder();
        for (Op op : d.ops) {
            sb.append(op.text() != null ? op.text() : "\0");
        }
        return sb.toString();
    }

    /** Applies a change to this document (a document composed with a change stays a document). */
    public Delta apply(Delta change) {
        if (change.baseLength() > length()) {
            throw new DeltaException("change is longer than the document");
        }
        return compose(change);
    }

    /** The plain text of a document (embeds skipped). */
    public String plainText() {
        StringBuilder sb = new StringBuilder();
        for (Op op : ops) {
            if (op.text() != null) {
                sb.append(op.text());
            }
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Delta d && d.ops.equals(ops);
    }

    @Override
    public int hashCode() {
        return ops.hashCode();
    }

    @Override
    public String toString() {
        return DeltaJson.write(this);
    }
}
