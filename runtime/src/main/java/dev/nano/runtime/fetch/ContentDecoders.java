package dev.nano.runtime.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.brotli.dec.BrotliInputStream;
import org.eclipse.jetty.client.ContentDecoder;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.content.AsyncContent;
import org.eclipse.jetty.io.content.ContentSourceTransformer;
import org.eclipse.jetty.util.Callback;

/**
 * Response {@code Content-Encoding} decoders that Jetty's client lacks: {@code deflate} and
 * {@code br} ({@code gzip} comes from jetty-compression-gzip). Both decode chunk by chunk as the
 * body is read: nothing is buffered beyond one decoded chunk.
 */
final class ContentDecoders {
    /** Bytes of decoded output per chunk handed on. */
    private static final int CHUNK = 32 * 1024;

    private ContentDecoders() {}

    /** The body does not decode: a script sees this message in its TypeError. */
    static final class InvalidEncoding extends IOException {
        InvalidEncoding(String message) {
            super(message);
        }
    }

    /** {@code deflate}: the zlib format by RFC 9110, and raw deflate too, as browsers accept both. */
    static final class Deflate extends ContentDecoder.Factory {
        Deflate() {
            super("deflate");
        }

        @Override
        public Content.Source newDecoderContentSource(Content.Source encoded) {
            return new InflatingSource(encoded);
        }
    }

    private static final class InflatingSource extends ContentSourceTransformer {
        private Inflater inflater;
        private boolean finished;

        InflatingSource(Content.Source encoded) {
            super(encoded);
        }

        @Override
        protected Content.Chunk transform(Content.Chunk input) {
            if (finished) {
                return skip(input);
            }
            if (input != null) {
                ByteBuffer bytes = input.getByteBuffer();
                if (inflater == null) {
                    if (!bytes.hasRemaining()) {
                        // an empty body stays empty
                        return input.isLast() ? Content.Chunk.EOF : null;
                    }
                    inflater = new Inflater(!startsWithZlibHeader(bytes));
                }
                if (inflater.needsInput() && bytes.hasRemaining()) {
                    inflater.setInput(bytes);
                }
            }
            if (inflater == null) {
                return null;
            }
            byte[] out = new byte[CHUNK];
            int n;
            try {
                n = inflater.inflate(out);
            } catch (DataFormatException e) {
                return Content.Chunk.from(new InvalidEncoding("invalid deflate-encoded body: " + e.getMessage()), true);
            }
            if (inflater.finished()) {
                finished = true;
                skip(input);
                return Content.Chunk.from(ByteBuffer.wrap(out, 0, n), true);
            }
            if (n > 0) {
                return Content.Chunk.from(ByteBuffer.wrap(out, 0, n), false);
            }
            if (inflater.needsDictionary()) {
                return Content.Chunk.from(new InvalidEncoding("invalid deflate-encoded body: it needs a preset dictionary"), true);
            }
            if (input != null && input.isLast() && inflater.needsInput()) {
                return Content.Chunk.from(new InvalidEncoding("truncated deflate-encoded body"), true);
            }
            return null;
        }

        /** Input after the end of the deflate stream is ignored. */
        private static Content.Chunk skip(Content.Chunk input) {
            if (input == null) {
                return null;
            }
            ByteBuffer bytes = input.getByteBuffer();
            bytes.position(bytes.limit());
            return input.isLast() ? Content.Chunk.EOF : null;
        }

        /** RFC 1950 header: compression method 8 and a check sum over the first two bytes. */
        private static boolean startsWithZlibHeader(ByteBuffer bytes) {
            int p = bytes.position();
            int cmf = bytes.get(p) & 0xff;
            if ((cmf & 0x0f) != 8 || (cmf >> 4) > 7) {
                return false;
            }
            return bytes.remaining() < 2 || ((cmf << 8) | (bytes.get(p + 1) & 0xff)) % 31 == 0;
        }

        @Override
        protected void release() {
            if (inflater != null) {
                inflater.end();
            }
        }
    }

    /** {@code br}, with the pure-Java decoder org.brotli:dec. */
    static final class Brotli extends ContentDecoder.Factory {
        Brotli() {
            super("br");
        }

        @Override
        public Content.Source newDecoderContentSource(Content.Source encoded) {
            return new BrotliSource(encoded);
        }
    }

    /**
     * org.brotli:dec only decodes from a blocking {@link InputStream}, so one virtual thread per
     * body runs it over the encoded source and hands each decoded chunk to {@link AsyncContent},
     * waiting until the reader took it: the reader's pace drives decoding, and no carrier thread
     * blocks. Memory stays bounded (the brotli window, at most 16 MB, plus one chunk), but
     * org.brotli:dec 0.1.2 (the only pure-Java brotli decoder on Maven Central) reads its input in
     * 4 KB blocks and writes output only when its window-sized ring buffer fills or the stream
     * ends: decoded bytes come in window-sized bursts, not at the encoder's flush points.
     */
    private static final class BrotliSource implements Content.Source {
        private final Content.Source encoded;
        private final AsyncContent decoded = new AsyncContent();
        private final AtomicBoolean started = new AtomicBoolean();

        BrotliSource(Content.Source encoded) {
            this.encoded = encoded;
        }

        @Override
        public Content.Chunk read() {
            start();
            return decoded.read();
        }

        @Override
        public void demand(Runnable demandCallback) {
            start();
            decoded.demand(demandCallback);
        }

        @Override
        public void fail(Throwable failure) {
            decoded.fail(failure);
            encoded.fail(failure);
        }

        private void start() {
            if (started.compareAndSet(false, true)) {
                Thread.ofVirtual().name("nano-fetch-brotli").start(this::decode);
            }
        }

        private void decode() {
            ReadFailureTracking input = new ReadFailureTracking(Content.Source.asInputStream(encoded));
            try (InputStream in = new BrotliInputStream(input)) {
                byte[] buffer = new byte[CHUNK];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    if (n > 0) {
                        Callback.Completable taken = new Callback.Completable();
                        decoded.write(false, ByteBuffer.wrap(Arrays.copyOf(buffer, n)), taken);
                        taken.get();
                    }
                }
                decoded.close();
            } catch (InterruptedException e) {
                decoded.fail(e);
            } catch (ExecutionException e) {
                // the reader failed the body: nothing more to hand on
                encoded.fail(e.getCause());
            } catch (IOException | RuntimeException e) {
                // org.brotli:dec wraps failures of its input too: tell them apart from bad data
                decoded.fail(input.failure != null ? input.failure : new InvalidEncoding("invalid br-encoded body: " + e.getMessage()));
            }
        }
    }

    /** Remembers the first failure of the network input, which the decoder wraps as its own. */
    private static final class ReadFailureTracking extends java.io.FilterInputStream {
        private volatile IOException failure;

        ReadFailureTracking(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }
    }
}
