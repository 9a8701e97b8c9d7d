package dev.nano.runtime.encoding;

import dev.nano.runtime.Bytes;
import dev.nano.runtime.RuntimeServices;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * Host half of the Encoding Standard and of {@code atob}/{@code btoa}: UTF-8 in bulk, and every
 * other encoding through a Java charset kept per {@code TextDecoder} for streaming.
 */
public final class EncodingOps {
    private int lastRead;

    public EncodingOps(RuntimeServices services) {
    }

    /** UTF-8 encode of a well-formed string (JS replaces lone surrogates first). */
    @HostAccess.Export
    public ByteBuffer encodeUtf8(String input) {
        return Bytes.toJs(input.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * encodeInto: encodes as much of {@code input} as fits in {@code capacity} bytes, never splitting
     * a code point. The result holds the bytes; {@link #lastRead} tells how many UTF-16 units were read.
     */
    @HostAccess.Export
    public ByteBuffer encodeUtf8Into(String input, int capacity) {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer in = CharBuffer.wrap(input);
        ByteBuffer out = ByteBuffer.allocate(Math.max(0, capacity));
        encoder.encode(in, out, true);
        lastRead = in.position();
        out.flip();
        return out;
    }

    /** UTF-16 units consumed by the last {@link #encodeUtf8Into} call. */
    @HostAccess.Export
    public int lastRead() {
        return lastRead;
    }

    /**
     * One-shot UTF-8 decode of a whole BufferSource: the fast path of TextDecoder.decode().
     * Returns null when {@code fatal} and the bytes are not valid UTF-8 (JS throws the TypeError).
     */
    @HostAccess.Export
    public String decodeUtf8(Value input, boolean fatal) {
        byte[] bytes = Bytes.copy(input);
        if (!fatal) {
            return Bytes.utf8DecodeWithoutBom(bytes);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** A streaming decoder for the Java charset {@code charsetName} (chosen by the JS label table). */
    @HostAccess.Export
    public Decoder decoder(String charsetName, boolean fatal) {
        return new Decoder(Charset.forName(charsetName), fatal);
    }

    /** HTML btoa: the string's code units are bytes (JS checked they are all below 256). */
    @HostAccess.Export
    public String base64Encode(String latin1) {
        return Base64.getEncoder().encodeToString(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * HTML atob after JS applied the forgiving-base64 checks: the decoded bytes as a byte string,
     * or null when the input is not base64 (JS throws the InvalidCharacterError).
     */
    @HostAccess.Export
    public String base64Decode(String canonical) {
        try {
            return new String(Base64.getDecoder().decode(canonical), StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Decoder state that survives between {@code decode(chunk, {stream: true})} calls. */
    public static final class Decoder {
        private final java.nio.charset.CharsetDecoder decoder;
        /** Non-fatal UTF-8 decodes with the standard's replacement counting instead of the JDK's. */
        private final Utf8Decoder utf8;
        private byte[] pending = new byte[0];

        Decoder(Charset charset, boolean fatal) {
            CodingErrorAction action = fatal ? CodingErrorAction.REPORT : CodingErrorAction.REPLACE;
            this.decoder = charset.newDecoder().onMalformedInput(action).onUnmappableCharacter(action);
            this.utf8 = !fatal && charset.equals(StandardCharsets.UTF_8) ? new Utf8Decoder() : null;
        }

        /**
         * Decodes the pending bytes plus {@code input}; unless {@code stream}, ends the stream.
         * Returns null (and resets) when a fatal decoder meets invalid input.
         */
        @HostAccess.Export
        public String decode(Value input, boolean stream) {
            byte[] chunk = Bytes.copy(input);
            if (utf8 != null) {
                return utf8.decode(chunk, 0, chunk.length, !stream);
            }
            ByteBuffer in;
            if (pending.length == 0) {
                in = ByteBuffer.wrap(chunk);
            } else {
                in = ByteBuffer.allocate(pending.length + chunk.length).put(pending).put(chunk).flip();
            }
            CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, (long) in.remaining() * 2 + 8));
            if (decoder.decode(in, out, !stream).isError() || (!stream && decoder.flush(out).isError())) {
                reset();
                return null;
            }
            if (stream) {
                pending = new byte[in.remaining()];
                in.get(pending);
            } else {
                reset();
            }
            return out.flip().toString();
        }

        private void reset() {
            decoder.reset();
            pending = new byte[0];
        }
    }
}
