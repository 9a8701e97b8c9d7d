package dev.nano.runtime.encoding;

import java.nio.charset.StandardCharsets;

/**
 * The Encoding Standard's UTF-8 decoder (§8.1.1) with replacement: each maximal malformed
 * subsequence becomes one U+FFFD, so an encoded surrogate (ED A0 80) is three, where the JDK's
 * decoder makes one. A leading BOM is not treated specially. State carries over between
 * {@link #decode} calls, so a sequence may be split across chunks.
 *
 * <p>The JDK decodes valid UTF-8 the same way, and much faster: once a sequence begun by the previous
 * chunk is finished, the bytes up to a sequence this chunk cuts short go to the JDK, whose result
 * is kept when it replaced nothing.
 */
public final class Utf8Decoder {
    private int codePoint;
    private int bytesSeen;
    private int bytesNeeded;
    private int lower = 0x80;
    private int upper = 0xBF;

    /**
     * Decodes {@code length} bytes from {@code offset}. With {@code endOfStream}, a sequence still
     * incomplete at the end becomes U+FFFD and the decoder is ready for a new stream.
     */
    public String decode(byte[] bytes, int offset, int length, boolean endOfStream) {
        // A sequence an earlier chunk began is finished byte by byte; the rest may take the fast path.
        StringBuilder carried = null;
        while (bytesNeeded != 0 && length > 0) {
            if (carried == null) {
                carried = new StringBuilder();
            }
            carried.append(decodeEachByte(bytes, offset++, 1, false));
            length--;
        }
        String rest = decodeRest(bytes, offset, length, endOfStream);
        return carried == null ? rest : carried.append(rest).toString();
    }

    private String decodeRest(byte[] bytes, int offset, int length, boolean endOfStream) {
        if (bytesNeeded == 0) {
            int whole = wholeSequencesLength(bytes, offset, length);
            String head = new String(bytes, offset, whole, StandardCharsets.UTF_8);
            if (head.indexOf('\uFFFD') < 0) {
                return whole == length ? head : head + decodeEachByte(bytes, offset + whole, length - whole, endOfStream);
            }
        }
        return decodeEachByte(bytes, offset, length, endOfStream);
    }

    /** How many of the bytes come before a multi-byte sequence that the end of the chunk cuts short. */
    private static int wholeSequencesLength(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int lead = end - 1;
        while (lead >= offset && end - lead <= 3 && (bytes[lead] & 0xC0) == 0x80) {
            lead--;
        }
        if (lead < offset) {
            return length;
        }
        int b = bytes[lead] & 0xff;
        int sequenceLength = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        return end - lead < sequenceLength ? lead - offset : length;
    }

    private String decodeEachByte(byte[] bytes, int offset, int length, boolean endOfStream) {
        StringBuilder out = new StringBuilder(length + 1);
        int end = offset + length;
        for (int i = offset; i < end; ) {
            int b = bytes[i] & 0xff;
            if (bytesNeeded == 0) {
                i++;
                if (b <= 0x7F) {
                    out.append((char) b);
                } else if (b >= 0xC2 && b <= 0xDF) {
                    bytesNeeded = 1;
                    codePoint = b & 0x1F;
                } else if (b >= 0xE0 && b <= 0xEF) {
                    if (b == 0xE0) lower = 0xA0;
                    if (b == 0xED) upper = 0x9F;
                    bytesNeeded = 2;
                    codePoint = b & 0xF;
                } else if (b >= 0xF0 && b <= 0xF4) {
                    if (b == 0xF0) lower = 0x90;
                    if (b == 0xF4) upper = 0x8F;
                    bytesNeeded = 3;
                    codePoint = b & 0x7;
                } else {
                    out.append('\uFFFD');
                }
                continue;
            }
            if (b < lower || b > upper) {
                // The sequence ends before this byte, which is read again as the start of the next.
                reset();
                out.append('\uFFFD');
                continue;
            }
            i++;
            lower = 0x80;
            upper = 0xBF;
            codePoint = (codePoint << 6) | (b & 0x3F);
            if (++bytesSeen == bytesNeeded) {
                out.appendCodePoint(codePoint);
                reset();
            }
        }
        if (endOfStream && bytesNeeded != 0) {
            reset();
            out.append('\uFFFD');
        }
        return out.toString();
    }

    private void reset() {
        codePoint = bytesNeeded = bytesSeen = 0;
        lower = 0x80;
        upper = 0xBF;
    }
}
