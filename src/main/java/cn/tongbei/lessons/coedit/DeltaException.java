package cn.tongbei.lessons.coedit;

/** A delta that is malformed or does not fit the document it is applied to. */
public final class DeltaException extends RuntimeException {
    public DeltaException(String message) {
        super(message);
    }
}
