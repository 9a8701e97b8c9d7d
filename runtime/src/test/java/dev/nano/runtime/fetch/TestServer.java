package dev.nano.runtime.fetch;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A Jetty server on 127.0.0.1 for fetch tests (and the fetch benchmark's upstream): one plain and
 * one TLS connector (self-signed certificate for localhost/127.0.0.1, its PEM in {@link #caFile()}).
 * Public for the worker tests (fetcher bindings send to it).
 */
public final class TestServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector plain;
    private final ServerConnector tls;
    private final ServerConnector h2;
    private final java.util.concurrent.atomic.AtomicInteger plainConnections = new java.util.concurrent.atomic.AtomicInteger();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final Path caFile;
    private final java.util.concurrent.Semaphore release = new java.util.concurrent.Semaphore(0);

    public TestServer() throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(256, 8);
        threads.setDaemon(true);
        server = new Server(threads);
        plain = new ServerConnector(server);
        plain.setHost("127.0.0.1");
        server.addConnector(plain);

        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        X509Certificate cert = selfSigned(keys);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", keys.getPrivate(), "secret".toCharArray(), new X509Certificate[] {cert});
        SslContextFactory.Server tlsContext = new SslContextFactory.Server();
        tlsContext.setKeyStore(store);
        tlsContext.setKeyStorePassword("secret");
        HttpConfiguration https = new HttpConfiguration();
        SecureRequestCustomizer customizer = new SecureRequestCustomizer();
        customizer.setSniHostCheck(false);
        https.addCustomizer(customizer);
        tls = new ServerConnector(server, new SslConnectionFactory(tlsContext, "http/1.1"), new HttpConnectionFactory(https));
        tls.setHost("127.0.0.1");
        server.addConnector(tls);
        // TLS offering h2 then http/1.1 by ALPN
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
        alpn.setDefaultProtocol("http/1.1");
        h2 = new ServerConnector(server, new SslConnectionFactory(tlsContext, alpn.getProtocol()), alpn,
                new HTTP2ServerConnectionFactory(https), new HttpConnectionFactory(https));
        h2.setHost("127.0.0.1");
        server.addConnector(h2);
        plain.addBean(new Connection.Listener() {
            @Override
            public void onOpened(Connection connection) {
                plainConnections.incrementAndGet();
            }
        });
        caFile = Files.createTempFile("nano-test-ca", ".pem");
        Files.writeString(caFile, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n");

        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                return TestServer.this.handle(request, response, callback);
            }
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + plain.getLocalPort() + path;
    }

    String httpsUrl(String path) {
        return "https://localhost:" + tls.getLocalPort() + path;
    }

    /** An https URL whose connector offers HTTP/2 (h2) by ALPN. */
    String h2Url(String path) {
        return "https://localhost:" + h2.getLocalPort() + path;
    }

    /** How many connections the plain connector has accepted so far. */
    int plainConnections() {
        return plainConnections.get();
    }

    Path caFile() {
        return caFile;
    }

    private static X509Certificate selfSigned(KeyPair keys) throws Exception {
        X500Name name = new X500Name("CN=localhost");
        long now = System.currentTimeMillis();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now), new Date(now - 60_000),
                new Date(now + 86_400_000L), name, keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    }

    private boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        Fields query = Request.extractQueryParameters(request);
        switch (path) {
            case "/hello" -> text(response, callback, 200, "hello");
            case "/slow" -> timers.schedule(() -> text(response, callback, 200, "slow"),
                    Long.parseLong(query.getValue("ms")), TimeUnit.MILLISECONDS);
            case "/redirect" -> {
                int n = Integer.parseInt(query.getValue("n"));
                int status = query.getValue("status") == null ? 302 : Integer.parseInt(query.getValue("status"));
                response.setStatus(status);
                String next = n <= 1 ? "/echo" : "/redirect?n=" + (n - 1) + "&status=" + status;
                response.getHeaders().put(HttpHeader.LOCATION, next);
                callback.succeeded();
            }
            case "/echo" -> {
                byte[] body = Content.Source.asInputStream(request).readAllBytes();
                StringBuilder out = new StringBuilder(request.getMethod()).append(' ').append(request.getHttpURI().getPathQuery()).append('\n');
                request.getHeaders().forEach(f -> {
                    if (f.getName().toLowerCase().startsWith("x-") || f.getName().equalsIgnoreCase("content-type")) {
                        out.append(f.getName().toLowerCase()).append(": ").append(f.getValue()).append('\n');
                    }
                });
                out.append('\n').append(new String(body, StandardCharsets.UTF_8));
                text(response, callback, 200, out.toString());
            }
            case "/bytes" -> response.write(true, java.nio.ByteBuffer.wrap(HexFormat.of().parseHex(query.getValue("hex"))), callback);
            case "/protocol" -> text(response, callback, 200, request.getConnectionMetaData().getProtocol());
            case "/cookies" -> {
                response.getHeaders().add(HttpHeader.SET_COOKIE, "a=1");
                response.getHeaders().add(HttpHeader.SET_COOKIE, "b=2");
                text(response, callback, 200, "ok");
            }
            case "/gzip" -> {
                ByteArrayOutputStream zipped = new ByteArrayOutputStream();
                try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
                    gz.write("decoded text ".repeat(100).getBytes(StandardCharsets.UTF_8));
                }
                response.getHeaders().put(HttpHeader.CONTENT_ENCODING, "gzip");
                response.write(true, java.nio.ByteBuffer.wrap(zipped.toByteArray()), callback);
            }
            case "/encoded" -> {
                // "first part " + pseudo-random letters (110000 bytes), then "second part " + more
                // (120000), encoded as ?as= says; with ?hold all but the first 8 KB of the encoded
                // second half waits until /release is fetched.
                String encoding = query.getValue("as");
                byte[][] halves = encodedHalves(encoding);
                response.getHeaders().put(HttpHeader.CONTENT_ENCODING, encoding.equals("deflate-raw") ? "deflate" : encoding);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
                boolean hold = query.getValue("hold") != null;
                OutputStream out = Content.Sink.asOutputStream(response);
                int split = hold ? Math.min(8192, halves[1].length) : halves[1].length;
                out.write(halves[0]);
                out.write(halves[1], 0, split);
                out.flush();
                if (hold) {
                    release.acquire();
                }
                out.write(halves[1], split, halves[1].length - split);
                out.close();
                callback.succeeded();
            }
            case "/mislabelled" -> {
                response.getHeaders().put(HttpHeader.CONTENT_ENCODING, query.getValue("as"));
                text(response, callback, 200, "this text is not encoded at all, whatever the header says");
            }
            case "/release" -> {
                release.release();
                text(response, callback, 200, "released");
            }
            case "/big" -> {
                long total = Long.parseLong(query.getValue("bytes"));
                byte[] block = new byte[64 * 1024];
                for (int i = 0; i < block.length; i++) {
                    block[i] = (byte) i;
                }
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, total);
                try (OutputStream out = Content.Sink.asOutputStream(response)) {
                    for (long sent = 0; sent < total; sent += block.length) {
                        out.write(block, 0, (int) Math.min(block.length, total - sent));
                    }
                }
                callback.succeeded();
            }
            case "/reset" -> {
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 1_000_000);
                OutputStream out = Content.Sink.asOutputStream(response);
                out.write(new byte[10_000]);
                out.flush();
                request.getConnectionMetaData().getConnection().getEndPoint().close();
                callback.failed(new java.io.IOException("reset on purpose"));
            }
            case "/upload" -> {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                long count = 0;
                try (InputStream in = Content.Source.asInputStream(request)) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int n; (n = in.read(buffer)) > 0; count += n) {
                        sha.update(buffer, 0, n);
                    }
                }
                text(response, callback, 200, count + " " + HexFormat.of().formatHex(sha.digest()) + " "
                        + request.getHeaders().get(HttpHeader.TRANSFER_ENCODING));
            }
            default -> text(response, callback, 404, "not found");
        }
        return true;
    }

    /** Two halves of one encoded body: the first ends with a flush point, so it decodes alone. */
    private static byte[][] encodedHalves(String encoding) throws Exception {
        byte[] first = pseudoRandomText("first part ", 110_000, 1);
        byte[] second = pseudoRandomText("second part ", 120_000, 2);
        if (encoding.equals("br")) {
            // The same text, by Node's zlib.createBrotliCompress() with a BROTLI_OPERATION_FLUSH between
            // the halves (64 KB and 70 KB encoded): org.brotli:dec decodes only once it has 4 KB more.
            return new byte[][] {resource("part1.br"), resource("part2.br")};
        }
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        DeflaterOutputStream encoder = switch (encoding) {
            case "gzip" -> new GZIPOutputStream(sink, true);
            case "deflate" -> new DeflaterOutputStream(sink, new Deflater(Deflater.DEFAULT_COMPRESSION, false), true);
            case "deflate-raw" -> new DeflaterOutputStream(sink, new Deflater(Deflater.DEFAULT_COMPRESSION, true), true);
            default -> throw new IllegalArgumentException(encoding);
        };
        encoder.write(first);
        encoder.flush();
        byte[] head = sink.toByteArray();
        sink.reset();
        encoder.write(second);
        encoder.close();
        return new byte[][] {head, sink.toByteArray()};
    }

    private static byte[] pseudoRandomText(String head, int length, int seed) {
        StringBuilder text = new StringBuilder(head);
        for (int x = seed; text.length() < length; ) {
            x = x * 1103515245 + 12345;
            text.append((char) ('a' + (x >>> 16) % 26));
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = TestServer.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private static void text(Response response, Callback callback, int status, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
        Content.Sink.write(response, true, body, callback);
    }

    @Override
    public void close() throws Exception {
        timers.shutdownNow();
        server.stop();
        Files.deleteIfExists(caFile);
    }
}
