package dev.nano.devserver;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Random;

/** {@code size} pseudo-random bytes (the same for every instance), hashed as they are read. */
final class RandomBytes extends InputStream {
    private final Random random = new Random(42);
    private final MessageDigest digest;
    private long left;

    RandomBytes(long size, MessageDigest digest) {
        this.left = size;
        this.digest = digest;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (left == 0) {
            return -1;
        }
        int n = (int) Math.min(len, left);
        byte[] chunk = new byte[n];
        random.nextBytes(chunk);
        System.arraycopy(chunk, 0, b, off, n);
        digest.update(chunk);
        left -= n;
        return n;
    }
}
