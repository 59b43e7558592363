package cn.tongbei.library;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Watches an upload as it streams through: counts bytes, refuses more than the limit, computes the SHA-256
 * and keeps the first bytes for content-type detection.
 */
final class UploadCounter extends FilterInputStream {
    static final int HEAD_BYTES = 64 * 1024;

    /** Thrown when the stream passes the size limit. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("upload over the size limit");
        }
    }

    private final long limit;
    private final MessageDigest digest;
    private final byte[] head = new byte[HEAD_BYTES];
    private int headLength;
    private long size;
    private volatile boolean tooLarge;

    UploadCounter(InputStream in, long limit) {
        super(in);
        this.limit = limit;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            size += n;
            if (size > limit) {
                tooLarge = true;
                throw new TooLarge();
            }
            digest.update(b, off, n);
            int keep = Math.min(n, HEAD_BYTES - headLength);
            if (keep > 0) {
                System.arraycopy(b, off, head, headLength, keep);
                headLength += keep;
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skip is not supported while hashing");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    long size() {
        return size;
    }

    boolean tooLarge() {
        return tooLarge;
    }

    String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }

    byte[] head() {
        return Arrays.copyOf(head, headLength);
    }
}
