package dev.nano.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reading HTTP/1.1 responses byte by byte from a plain socket, for tests that write requests by hand. */
final class RawHttp {
    private RawHttp() {
    }

    /** The status line and header fields of the next response, up to and including the blank line. */
    static String readHead(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IllegalStateException("connection closed after: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** The body of the next response, which must be a 200 with a Content-Length. */
    static String readOkBody(InputStream in) throws Exception {
        String head = readHead(in);
        assertThat(head).startsWith("HTTP/1.1 200");
        int length = -1;
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
