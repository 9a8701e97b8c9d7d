package dev.nano.runtime;

import dev.nano.runtime.encoding.Utf8Decoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.graalvm.polyglot.Value;

/** Bytes across the JS/Java boundary, copied in bulk (never element by element). */
public final class Bytes {
    private Bytes() {
    }

    /** Encoding §4 "UTF-8 decode": a leading BOM is dropped, malformed sequences become U+FFFD. */
    public static String utf8Decode(byte[] bytes) {
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        return utf8DecodeWithoutBom(bytes, start, bytes.length - start);
    }

    /** Encoding §4 "UTF-8 decode without BOM" of all of {@code bytes}. */
    public static String utf8DecodeWithoutBom(byte[] bytes) {
        return utf8DecodeWithoutBom(bytes, 0, bytes.length);
    }

    /**
     * Encoding §4 "UTF-8 decode without BOM": a leading BOM is kept, and malformed bytes become
     * U+FFFD as the Encoding Standard counts them ({@link Utf8Decoder}).
     */
    public static String utf8DecodeWithoutBom(byte[] bytes, int offset, int length) {
        return new Utf8Decoder().decode(bytes, offset, length, true);
    }

    /**
     * Copies the bytes of an ArrayBuffer, typed array or DataView. Loop thread only. Each question
     * put to {@code source} crosses into the guest, so a view costs five crossings: members?, buffer,
     * offset, length and the bulk read.
     */
    public static byte[] copy(Value source) {
        if (source == null || source.isNull()) {
            return new byte[0];
        }
        if (source.isHostObject() && source.asHostObject() instanceof byte[] bytes) {
            return bytes.clone();
        }
        return region(source).copy();
    }

    /** Where the bytes of an ArrayBuffer, typed array or DataView are. Loop thread only. */
    public static Region region(Value source) {
        if (source != null && !source.isNull()) {
            if (source.hasBufferElements()) {
                return new Region(source, 0, source.getBufferSize());
            }
            if (!source.isHostObject() && source.hasMembers()) {
                Value buffer = source.getMember("buffer");
                if (buffer != null && buffer.hasBufferElements()) {
                    return new Region(buffer, source.getMember("byteOffset").asLong(), source.getMember("byteLength").asLong());
                }
            }
        }
        throw JsError.typeError("expected an ArrayBuffer or ArrayBufferView");
    }

    /** {@code length} bytes of the guest buffer {@code buffer} from {@code offset}. */
    public record Region(Value buffer, long offset, long length) {
        /** Copies {@code length} bytes from {@code from} (relative to the region) into {@code out}. Loop thread only. */
        public void read(long from, byte[] out, int outOffset, int count) {
            buffer.readBuffer(offset + from, out, outOffset, count);
        }

        /** A copy of the whole region. Loop thread only. */
        public byte[] copy() {
            return Bytes.read(buffer, offset, length);
        }
    }

    private static byte[] read(Value buffer, long offset, long length) {
        if (length > Integer.MAX_VALUE - 8) {
            throw JsError.rangeError("buffer too large for one copy: " + length + " bytes");
        }
        byte[] out = new byte[(int) length];
        if (length > 0) {
            buffer.readBuffer(offset, out, 0, (int) length);
        }
        return out;
    }

    /** Wraps bytes for JS: {@code new Uint8Array(result)} views them without a copy. */
    public static ByteBuffer toJs(byte[] bytes) {
        return ByteBuffer.wrap(bytes);
    }
}
