package dev.nano.devserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticAssetsTest {
    private static final String SECRET = "top secret outside the assets directory";

    @TempDir
    Path dir;
    Path publicDir;
    StaticAssets assets;
    Server server;
    ServerConnector connector;
    HttpClient client;

    @BeforeEach
    void start() throws Exception {
        publicDir = dir.resolve("public");
        Files.createDirectories(publicDir);
        Files.writeString(dir.resolve("secret.txt"), SECRET);
        assets = new StaticAssets(publicDir);
        server = new Server();
        // Jetty's default URI compliance answers most traversal attempts with 400 itself; UNSAFE lets
        // them through, so that StaticAssets' own path rules are what the tests check.
        HttpConfiguration http = new HttpConfiguration();
        http.setUriCompliance(UriCompliance.UNSAFE);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        // Non-blocking like WorkerHandler, so Jetty may call it on a selector thread, as it will be.
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                if (assets.handle(request, response, callback)) {
                    return true;
                }
                // Reads the request body first: answering before it would make Jetty close the
                // connection, which the client may be about to reuse.
                Content.Source.consumeAll(request, Callback.from(
                        () -> response.write(true, ByteBuffer.wrap("worker".getBytes(StandardCharsets.UTF_8)), callback),
                        callback::failed));
                return true;
            }
        });
        server.start();
        client = HttpClient.newHttpClient();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.stop();
    }

    private void write(Map<String, String> files) throws Exception {
        for (var file : files.entrySet()) {
            Path path = publicDir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + path);
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The whole response to one request written by hand on its own connection. */
    private String raw(String requestLine) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", connector.getLocalPort())) {
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void content_types_come_from_the_extension_with_utf8_for_text() throws Exception {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("a.html", "text/html; charset=utf-8"),
                Map.entry("a.css", "text/css; charset=utf-8"),
                Map.entry("a.js", "text/javascript; charset=utf-8"),
                Map.entry("a.mjs", "text/javascript; charset=utf-8"),
                Map.entry("a.json", "application/json; charset=utf-8"),
                Map.entry("a.js.map", "application/json; charset=utf-8"),
                Map.entry("a.svg", "image/svg+xml; charset=utf-8"),
                Map.entry("a.txt", "text/plain; charset=utf-8"),
                Map.entry("a.xml", "application/xml; charset=utf-8"),
                Map.entry("a.png", "image/png"),
                Map.entry("A.JPG", "image/jpeg"),
                Map.entry("a.jpeg", "image/jpeg"),
                Map.entry("a.gif", "image/gif"),
                Map.entry("a.webp", "image/webp"),
                Map.entry("a.avif", "image/avif"),
                Map.entry("favicon.ico", "image/x-icon"),
                Map.entry("a.wasm", "application/wasm"),
                Map.entry("a.woff", "font/woff"),
                Map.entry("a.woff2", "font/woff2"),
                Map.entry("a.ttf", "font/ttf"),
                Map.entry("a.pdf", "application/pdf"),
                Map.entry("a.mp4", "video/mp4"),
                Map.entry("a.webm", "video/webm"),
                Map.entry("a.mp3", "audio/mpeg"),
                Map.entry("a.unknown", "application/octet-stream"),
                Map.entry("LICENSE", "application/octet-stream"));
        for (String name : expected.keySet()) {
            write(Map.of(name, "content of " + name));
        }
        for (var e : expected.entrySet()) {
            HttpResponse<String> r = get("/" + e.getKey());
            assertThat(r.statusCode()).as(e.getKey()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("content of " + e.getKey());
            assertThat(r.headers().firstValue("content-type")).as(e.getKey()).hasValue(e.getValue());
        }
    }

    @Test
    void root_and_directory_paths_serve_their_index_html() throws Exception {
        write(Map.of("index.html", "home", "docs/index.html", "docs home", "docs/intro.html", "intro"));
        assertThat(get("/").body()).isEqualTo("home");
        assertThat(get("/docs/").body()).isEqualTo("docs home");
        assertThat(get("/docs/").headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(get("/?q=1").body()).isEqualTo("home");
    }

    @Test
    void a_path_without_extension_serves_its_html_file_then_its_directory_index() throws Exception {
        write(Map.of("about.html", "about page", "blog/index.html", "blog index", "both.html", "the html file",
                "both/index.html", "the index", "plain", "no extension"));
        assertThat(get("/about").body()).isEqualTo("about page");
        assertThat(get("/about.html").body()).isEqualTo("about page");
        assertThat(get("/blog").body()).isEqualTo("blog index");
        assertThat(get("/both").body()).isEqualTo("the html file");
        assertThat(get("/plain").body()).isEqualTo("no extension");
        assertThat(get("/about").headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
    }

    @Test
    void percent_encoded_names_are_decoded() throws Exception {
        write(Map.of("hello world.txt", "spaced", "café.txt", "accented"));
        assertThat(get("/hello%20world.txt").body()).isEqualTo("spaced");
        assertThat(get("/caf%C3%A9.txt").body()).isEqualTo("accented");
    }

    @Test
    void missing_files_and_directories_without_index_go_to_the_worker() throws Exception {
        write(Map.of("index.html", "home", "empty/readme.txt", "x"));
        assertThat(get("/nope.txt").body()).isEqualTo("worker");
        assertThat(get("/empty/").body()).isEqualTo("worker");
        assertThat(get("/empty").body()).isEqualTo("worker");
        assertThat(get("/index.html/").body()).isEqualTo("worker");
    }

    @Test
    void only_get_and_head_are_served_other_methods_go_to_the_worker() throws Exception {
        write(Map.of("form.html", "the form"));
        for (String method : new String[] {"POST", "PUT", "DELETE", "OPTIONS"}) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/form.html"))
                    .method(method, HttpRequest.BodyPublishers.ofString("x=1")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.body()).as(method).isEqualTo("worker");
        }
        assertThat(get("/form.html").body()).isEqualTo("the form");
    }

    @Test
    void traversal_attempts_over_the_wire_never_reach_files_outside() throws Exception {
        write(Map.of("index.html", "home", "sub/x.txt", "x"));
        String[] paths = {"/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/..%2fsecret.txt",
                "/%2e%2e%2fsecret.txt", "/sub/../../secret.txt", "/sub/%2e%2e/%2e%2e/secret.txt", "/.%2e/secret.txt",
                "/..\\secret.txt", "/%5c..%5csecret.txt", "//secret.txt", "/%2F" + dir.resolve("secret.txt").toString().substring(1), "/sub/..%2f..%2fsecret.txt", "/secret.txt%00"};
        for (String path : paths) {
            String response = raw("GET " + path + " HTTP/1.1");
            assertThat(response).as(path).doesNotContain(SECRET);
            // Jetty refuses some of these itself (400); the others reach us and go to the worker.
            assertThat(response).as(path).satisfiesAnyOf(
                    s -> assertThat(s).startsWith("HTTP/1.1 400"),
                    s -> assertThat(s).startsWith("HTTP/1.1 200").endsWith("worker"));
        }
    }

    @Test
    void resolve_refuses_every_path_leading_out_of_the_directory() throws Exception {
        write(Map.of("index.html", "home", "sub/x.txt", "x"));
        String absolute = dir.resolve("secret.txt").toString();
        String[] paths = {"/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/..%2fsecret.txt",
                "/sub/../../secret.txt", "/sub/../x.txt", "/./index.html", "/%2e/index.html", "/..\\secret.txt",
                "/%5c..%5csecret.txt", "//secret.txt", absolute, "/%2F" + absolute.substring(1), "/" + absolute,
                "/index.html%00.txt", "/%", "/%zz", "/%C3", "secret.txt", "", "../secret.txt"};
        for (String path : paths) {
            assertThat(assets.resolve(path)).as(path).isNull();
        }
        assertThat(assets.resolve("/sub/x.txt")).isEqualTo(publicDir.resolve("sub/x.txt").toRealPath());
        assertThat(assets.resolve("/sub/x.txt?a=../../secret.txt")).isEqualTo(publicDir.resolve("sub/x.txt").toRealPath());
    }

    @Test
    void symlinks_are_followed_only_inside_the_directory() throws Exception {
        write(Map.of("real.txt", "inside"));
        Files.createSymbolicLink(publicDir.resolve("out.txt"), dir.resolve("secret.txt"));
        Files.createSymbolicLink(publicDir.resolve("outdir"), dir);
        Files.createSymbolicLink(publicDir.resolve("in.txt"), publicDir.resolve("real.txt"));
        assertThat(get("/out.txt").body()).isEqualTo("worker");
        assertThat(get("/outdir/secret.txt").body()).isEqualTo("worker");
        assertThat(get("/in.txt").body()).isEqualTo("inside");
    }

    @Test
    void dotfiles_and_files_under_dot_directories_are_not_served() throws Exception {
        write(Map.of(".env", "SECRET=1", ".dev.vars", "SECRET=2", ".git/config", "[core]", ".well-known/x.txt", "x",
                ".hidden.html", "hidden", "ok.txt", "ok"));
        Files.createSymbolicLink(publicDir.resolve("env.txt"), publicDir.resolve(".env"));
        for (String path : new String[] {"/.env", "/.dev.vars", "/.git/config", "/.well-known/x.txt", "/.hidden",
                "/.hidden.html", "/%2eenv", "/env.txt"}) {
            assertThat(get(path).body()).as(path).isEqualTo("worker");
        }
        assertThat(get("/ok.txt").body()).isEqualTo("ok");
    }

    @Test
    void responses_carry_etag_last_modified_and_wranglers_cache_control() throws Exception {
        write(Map.of("a.txt", "aaa", "b.txt", "bbb"));
        HttpResponse<String> a = get("/a.txt");
        assertThat(a.headers().firstValue("cache-control")).hasValue("public, max-age=0, must-revalidate");
        assertThat(a.headers().firstValue("accept-ranges")).hasValue("bytes");
        assertThat(a.headers().firstValue("last-modified")).hasValueSatisfying(v -> assertThat(v).endsWith(" GMT"));
        String etag = a.headers().firstValue("etag").orElseThrow();
        assertThat(etag).startsWith("\"").endsWith("\"");
        assertThat(get("/a.txt").headers().firstValue("etag")).hasValue(etag);
        assertThat(get("/b.txt").headers().firstValue("etag").orElseThrow()).isNotEqualTo(etag);
        Files.writeString(publicDir.resolve("a.txt"), "changed, longer");
        assertThat(get("/a.txt").headers().firstValue("etag").orElseThrow()).isNotEqualTo(etag);
    }

    @Test
    void if_none_match_answers_304_for_the_etag_in_a_list_weak_or_star() throws Exception {
        write(Map.of("a.txt", "aaa"));
        String etag = get("/a.txt").headers().firstValue("etag").orElseThrow();
        for (String ifNoneMatch : new String[] {etag, "W/" + etag, "\"other\", " + etag, "\"x,y\"," + etag, "*"}) {
            HttpResponse<String> r = get("/a.txt", "If-None-Match", ifNoneMatch);
            assertThat(r.statusCode()).as(ifNoneMatch).isEqualTo(304);
            assertThat(r.body()).isEmpty();
            assertThat(r.headers().firstValue("etag")).hasValue(etag);
            assertThat(r.headers().firstValue("cache-control")).hasValue("public, max-age=0, must-revalidate");
        }
        for (String ifNoneMatch : new String[] {"\"other\"", "W/\"other\", \"x\"", etag.substring(0, etag.length() - 1)}) {
            HttpResponse<String> r = get("/a.txt", "If-None-Match", ifNoneMatch);
            assertThat(r.statusCode()).as(ifNoneMatch).isEqualTo(200);
            assertThat(r.body()).isEqualTo("aaa");
        }
    }

    @Test
    void if_modified_since_answers_304_only_without_if_none_match() throws Exception {
        write(Map.of("a.txt", "aaa"));
        String lastModified = get("/a.txt").headers().firstValue("last-modified").orElseThrow();
        assertThat(get("/a.txt", "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
        assertThat(get("/a.txt", "If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT").statusCode()).isEqualTo(200);
        assertThat(get("/a.txt", "If-Modified-Since", lastModified, "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
    }

    @Test
    void single_byte_ranges_answer_206_with_content_range() throws Exception {
        write(Map.of("digits.txt", "0123456789"));
        Object[][] cases = {
                {"bytes=2-5", "2345", "bytes 2-5/10"},
                {"bytes=7-", "789", "bytes 7-9/10"},
                {"bytes=-3", "789", "bytes 7-9/10"},
                {"bytes=8-100", "89", "bytes 8-9/10"},
                {"bytes=-20", "0123456789", "bytes 0-9/10"},
                {"BYTES=0-0", "0", "bytes 0-0/10"},
        };
        for (Object[] c : cases) {
            HttpResponse<String> r = get("/digits.txt", "Range", (String) c[0]);
            assertThat(r.statusCode()).as((String) c[0]).isEqualTo(206);
            assertThat(r.body()).as((String) c[0]).isEqualTo(c[1]);
            assertThat(r.headers().firstValue("content-range")).as((String) c[0]).hasValue((String) c[2]);
            assertThat(r.headers().firstValue("content-length")).hasValue(String.valueOf(((String) c[1]).length()));
        }
    }

    @Test
    void unsatisfiable_ranges_answer_416_with_the_size() throws Exception {
        write(Map.of("digits.txt", "0123456789"));
        for (String range : new String[] {"bytes=10-", "bytes=10-20", "bytes=-0", "bytes=99999999999999999999999-"}) {
            HttpResponse<String> r = get("/digits.txt", "Range", range);
            assertThat(r.statusCode()).as(range).isEqualTo(416);
            assertThat(r.headers().firstValue("content-range")).as(range).hasValue("bytes */10");
            assertThat(r.body()).isEmpty();
        }
    }

    @Test
    void several_invalid_or_stale_ranges_answer_the_whole_file() throws Exception {
        write(Map.of("digits.txt", "0123456789"));
        String etag = get("/digits.txt").headers().firstValue("etag").orElseThrow();
        String[][] cases = {
                {"Range", "bytes=0-1,4-5"},
                {"Range", "bytes=5-2"},
                {"Range", "items=0-1"},
                {"Range", "bytes=a-b"},
                {"Range", "bytes = 0-1"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = get("/digits.txt", c);
            assertThat(r.statusCode()).as(c[1]).isEqualTo(200);
            assertThat(r.body()).isEqualTo("0123456789");
            assertThat(r.headers().firstValue("content-range")).isEmpty();
        }
        assertThat(get("/digits.txt", "Range", "bytes=0-1", "If-Range", "\"stale\"").body()).isEqualTo("0123456789");
        HttpResponse<String> current = get("/digits.txt", "Range", "bytes=0-1", "If-Range", etag);
        assertThat(current.statusCode()).isEqualTo(206);
        assertThat(current.body()).isEqualTo("01");
    }

    @Test
    void head_has_the_headers_of_get_and_no_body() throws Exception {
        write(Map.of("page.html", "<p>hello</p>"));
        try (Socket socket = new Socket("127.0.0.1", connector.getLocalPort())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            // HEAD then GET on one connection: the GET's status line must follow the HEAD's blank line.
            out.write("HEAD /page.html HTTP/1.1\r\nHost: x\r\n\r\nGET /page.html HTTP/1.1\r\nHost: x\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = RawHttp.readHead(in).toLowerCase();
            assertThat(head).startsWith("http/1.1 200");
            assertThat(head).contains("content-length: 12\r\n", "content-type: text/html; charset=utf-8\r\n", "etag: \"",
                    "last-modified: ", "accept-ranges: bytes\r\n");
            assertThat(RawHttp.readOkBody(in)).isEqualTo("<p>hello</p>");
        }
    }

    @Test
    void a_one_mib_file_arrives_intact_whole_and_in_a_range() throws Exception {
        byte[] content = new byte[1024 * 1024 + 7];
        new Random(7).nextBytes(content);
        Files.write(publicDir.resolve("big.bin"), content);
        HttpResponse<byte[]> whole = client.send(HttpRequest.newBuilder(uri("/big.bin")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("content-length")).hasValue(String.valueOf(content.length));
        assertThat(Arrays.equals(whole.body(), content)).isTrue();
        HttpResponse<byte[]> part = client.send(HttpRequest.newBuilder(uri("/big.bin")).header("Range", "bytes=100000-900000").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(Arrays.equals(part.body(), Arrays.copyOfRange(content, 100000, 900001))).isTrue();
    }

    @Test
    void the_directory_must_exist() {
        assertThatThrownBy(() -> new StaticAssets(dir.resolve("missing"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StaticAssets(dir.resolve("secret.txt"))).isInstanceOf(IllegalArgumentException.class);
    }
}
