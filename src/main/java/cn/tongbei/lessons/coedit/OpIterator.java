package cn.tongbei.lessons.coedit;

import java.util.ArrayList;
import java.util.List;

/** quill-delta's {@code OpIterator}: walks a list of operations, splitting them at arbitrary lengths. */
final class OpIterator {
    static final int INFINITY = Integer.MAX_VALUE;

    private final List<Op> ops;
    private int index;
    private int offset;

    OpIterator(List<Op> ops) {
        this.ops = ops;
    }

    boolean hasNext() {
        return peekLength() < INFINITY;
    }

    /** The next operation, at most {@code length} long (0 or {@link #INFINITY}: the whole rest of it). */
    Op next(int length) {
        if (length <= 0) {
            length = INFINITY;
        }
        if (index >= ops.size()) {
            return Op.retain(INFINITY, null);
        }
        Op nextOp = ops.get(index);
        int start = offset;
        int opLength = nextOp.length();
        if (length >= opLength - start) {
            length = opLength - start;
            index += 1;
            offset = 0;
        } else {
            offset += length;
        }
        return switch (nextOp.kind()) {
            case DELETE -> Op.delete(length);
            case RETAIN -> nextOp.embed() != null
                    ? new Op(Op.Kind.RETAIN, null, nextOp.embed(), 1, nextOp.attributes())
                    : new Op(Op.Kind.RETAIN, null, null, length, nextOp.attributes());
            case INSERT -> nextOp.text() != null
                    ? new Op(Op.Kind.INSERT, nextOp.text().substring(start, start + length), null, length,
                            nextOp.attributes())
                    : nextOp;
        };
    }

    Op next() {
        return next(INFINITY);
    }

    Op peek() {
        return index < ops.size() ? ops.get(index) : null;
    }

    int peekLength() {
        return index < ops.size() ? ops.get(index).length() - offset : INFINITY;
    }

    Op.Kind peekType() {
        return index < ops.size() ? ops.get(index).kind() : Op.Kind.RETAIN;
    }

    List<Op> rest() {
        if (!hasNext()) {
            return List.of();
        }
        if (offset == 0) {
            return new ArrayList<>(ops.subList(index, ops.size()));
        }
        int savedOffset = offset;
        int savedIndex = index;
        Op first = next();
        List<Op> rest = new ArrayList<>();
        rest.add(first);
        rest.addAll(ops.subList(index, ops.size()));
        offset = savedOffset;
        index = savedIndex;
        return rest;
    }
}
