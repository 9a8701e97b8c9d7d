package dev.nano.runtime.blob;

import dev.nano.runtime.Bytes;
import dev.nano.runtime.RuntimeServices;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/** Host half of Blob/File: UTF-8 encoding of string parts and decoding for {@code text()}. */
public final class BlobOps {
    public BlobOps(RuntimeServices services) {
        // stateless
    }

    /** UTF-8 bytes of a string that JS has already made well formed (USVString). */
    @HostAccess.Export
    public ByteBuffer encodeUtf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Encoding §4 "UTF-8 decode": a leading BOM is dropped, malformed sequences become U+FFFD. */
    @HostAccess.Export
    public String decodeUtf8(Value bytes) {
        return Bytes.utf8Decode(Bytes.copy(bytes));
    }
}
