package cn.tongbei.lessons.coedit;

/** A committed change: the revision it created, who sent it (client id + sequence number) and the delta. */
public record Change(long docId, int revision, String clientId, long seq, long authorId, Delta delta) {}
