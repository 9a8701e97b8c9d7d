package dev.nano.runtime.crypto;

import dev.nano.runtime.Bytes;
import dev.nano.runtime.EventLoop;
import dev.nano.runtime.JsError;

/**
 * The copy of a large input that a worker consumes while the loop is still making it.
 *
 * <p>WebCrypto copies its inputs at call time ("get a copy of the bytes held by the data
 * parameter"), so a script may reuse its buffer as soon as the call returns.
 */
final class SlicedCopy {
    static final int SLICE = 64 * 1024;

    /** Takes the bytes of one slice. */
    interface SliceConsumer {
        void accept(byte[] bytes, int offset, int length) throws Exception;
    }

    /**
     * One fresh array made ahead, on the loop while it is idle, for the next large input.
     * Measured for a 1 MiB digest on two cores: allocating the array cost the loop ~55 µs (the JVM
     * zeroes it, in memory no longer in cache), more than the 30 µs copy into it, before the worker
     * could start. Reusing arrays was worse: the copy took 450 µs, as the worker's core held every
     * cache line the loop then wrote.
     */
    static final class Copies {
        static final int MAX_SPARE_BYTES = 4 * 1024 * 1024;
        private final EventLoop loop;
        private byte[] spare;
        private boolean refilling;

        Copies(EventLoop loop) {
            this.loop = loop;
        }

        /** A copy of {@code size} bytes to fill, in the spare array when it fits. Loop thread only. */
        SlicedCopy take(long size) {
            if (size > Integer.MAX_VALUE - 8) {
                throw JsError.rangeError("input too large for one copy: " + size + " bytes");
            }
            int length = (int) size;
            byte[] bytes = spare;
            if (bytes != null && bytes.length >= length && bytes.length / 2 <= length) {
                spare = null;
            } else {
                bytes = new byte[length];
            }
            if (length <= MAX_SPARE_BYTES && !refilling) {
                refilling = true;
                loop.post(() -> {
                    refilling = false;
                    if (spare == null || spare.length < length) {
                        spare = new byte[length];
                    }
                });
            }
            return new SlicedCopy(bytes, length);
        }
    }

    /** The copy is {@code bytes[0, length)}; a spare array may be longer. */
    private final byte[] bytes;
    private final int length;
    /** Bytes copied so far; written by the loop, read by the worker. -1 when the copy failed. */
    private volatile int copied;

    private SlicedCopy(byte[] bytes, int length) {
        this.bytes = bytes;
        this.length = length;
    }

    /**
     * Copies {@code source} slice by slice, publishing each. Loop thread only. A failed read (the
     * guest refused it) fails the consumer, which rejects the operation's promise.
     */
    void copyFrom(Bytes.Region source) {
        try {
            for (int done = 0; done < length;) {
                int n = Math.min(SLICE, length - done);
                source.read(done, bytes, done, n);
                done += n;
                copied = done;
            }
        } catch (RuntimeException e) {
            copied = -1;
        }
    }

    /**
     * Hands every slice to {@code consumer} as soon as it is copied, and runs {@code nearlyDone}
     * once before the last slice. Worker thread; it waits (spinning, as the copy runs on another
     * core and takes microseconds) when it catches up with the copy.
     */
    void consume(SliceConsumer consumer, Runnable nearlyDone) throws Exception {
        int done = 0;
        boolean warned = false;
        while (done < length) {
            int available = awaitBeyond(done);
            if (!warned && length - done <= SLICE) {
                nearlyDone.run();
                warned = true;
            }
            int n = Math.min(SLICE, available - done);
            consumer.accept(bytes, done, n);
            done += n;
        }
        if (!warned) {
            nearlyDone.run();
        }
    }

    private int awaitBeyond(int done) {
        int available;
        for (int spins = 0; (available = copied) <= done; spins++) {
            if (available < 0) {
                throw new JsError("OperationError", "the input could not be copied");
            }
            if (spins < 1000) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        return available;
    }
}
