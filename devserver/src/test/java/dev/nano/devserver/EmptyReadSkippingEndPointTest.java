package dev.nano.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reads {@link EmptyReadSkippingEndPoint} skips come right after a response was written; these
 * clients send what the server must read next only after such a write, in pieces and with pauses,
 * over a real socket. Its watch for a client's close runs while a handler awaits: bytes that
 * arrive then are a pipelined request and must stay for Jetty.
 */
class EmptyReadSkippingEndPointTest {
    private static final String ECHO = """
            export default {
              async fetch(request) {
                if (new URL(request.url).pathname === "/slow-get") await new Promise((resolve) => setTimeout(resolve, 300));
                const body = request.method === "POST" ? await request.text() : "";
                return new Response(new URL(request.url).pathname + ":" + body);
              },
            };
            """;

    @TempDir
    Path dir;

    @Test
    void a_request_sent_in_pieces_after_a_response_is_answered() throws Exception {
        try (ServedWorker w = ServedWorker.serve(dir, Map.of("src/index.js", ECHO));
             Socket socket = answeredOnce(w, "/first")) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();

            out.write(ascii("GET /sec"));
            out.flush();
            Thread.sleep(200);
            out.write(ascii("ond HTTP/1.1\r\nHost: x\r\n\r\n"));
            assertThat(RawHttp.readOkBody(in)).isEqualTo("/second:");
        }
    }

    @Test
    void a_body_sent_after_the_server_answered_100_continue_is_read() throws Exception {
        try (ServedWorker w = ServedWorker.serve(dir, Map.of("src/index.js", ECHO));
             Socket socket = answeredOnce(w, "/warm")) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();

            out.write(ascii("POST /upload HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 10\r\n\r\n"));
            assertThat(RawHttp.readHead(in)).startsWith("HTTP/1.1 100");
            out.write(ascii("hello"));
            out.flush();
            Thread.sleep(200);
            out.write(ascii("world"));
            assertThat(RawHttp.readOkBody(in)).isEqualTo("/upload:helloworld");
        }
    }

    @Test
    void a_body_that_trickles_in_after_a_keep_alive_response_is_read_whole() throws Exception {
        try (ServedWorker w = ServedWorker.serve(dir, Map.of("src/index.js", ECHO));
             Socket socket = answeredOnce(w, "/warm")) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();

            out.write(ascii("POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 9\r\n\r\nabc"));
            for (String piece : new String[] {"def", "ghi"}) {
                out.flush();
                Thread.sleep(150);
                out.write(ascii(piece));
            }
            assertThat(RawHttp.readOkBody(in)).isEqualTo("/slow:abcdefghi");
        }
    }

    @Test
    void a_request_pipelined_while_the_handler_awaits_is_answered_after_it() throws Exception {
        try (ServedWorker w = ServedWorker.serve(dir, Map.of("src/index.js", ECHO));
             Socket socket = answeredOnce(w, "/warm")) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();

            out.write(ascii("GET /slow-get HTTP/1.1\r\nHost: x\r\n\r\n"));
            out.flush();
            Thread.sleep(100);
            out.write(ascii("GET /next HTTP/1.1\r\nHost: x\r\n\r\n"));
            assertThat(RawHttp.readOkBody(in)).isEqualTo("/slow-get:");
            assertThat(RawHttp.readOkBody(in)).isEqualTo("/next:");
        }
    }

    @Test
    void a_client_that_closes_while_its_handler_awaits_leaves_the_server_serving() throws Exception {
        try (ServedWorker w = ServedWorker.serve(dir, Map.of("src/index.js", ECHO))) {
            try (Socket gone = answeredOnce(w, "/warm")) {
                gone.getOutputStream().write(ascii("GET /slow-get HTTP/1.1\r\nHost: x\r\n\r\n"));
                gone.getOutputStream().flush();
                Thread.sleep(50);
            }
            Thread.sleep(400); // the handler answers a closed connection
            try (Socket next = answeredOnce(w, "/after")) {
                assertThat(next.isConnected()).isTrue();
            }
        }
    }

    /** A keep-alive connection whose first request, GET {@code path}, was answered: the next read may be skipped. */
    private static Socket answeredOnce(ServedWorker w, String path) throws Exception {
        Socket socket = new Socket("127.0.0.1", w.server.port());
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(ascii("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n"));
        assertThat(RawHttp.readOkBody(socket.getInputStream())).isEqualTo(path + ":");
        return socket;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
