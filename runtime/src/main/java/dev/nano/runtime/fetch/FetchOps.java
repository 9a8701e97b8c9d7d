package dev.nano.runtime.fetch;

import dev.nano.runtime.Bytes;
import dev.nano.runtime.JsError;
import dev.nano.runtime.RuntimeServices;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.transport.HttpClientConnectionFactory;
import org.eclipse.jetty.client.transport.HttpClientTransportDynamic;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.ClientConnectionFactoryOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * Host half of {@code fetch}: one asynchronous Jetty {@link HttpClient} per runtime, created on the
 * first fetch. Each {@link #send} starts one HTTP exchange (one redirect hop; redirects are followed
 * in JS per the Fetch Standard) and returns its {@link FetchCall} at once; no call here blocks the loop.
 *
 * <p>Settings: {@code fetch.timeout} (milliseconds for a whole exchange, 0 = none, the default) and
 * {@code fetch.caFile} (a PEM file of extra certificate authorities to trust besides the JDK's).
 */
public final class FetchOps implements AutoCloseable {
    private final RuntimeServices services;
    private final long defaultTimeoutMillis;
    private HttpClient client;

    public FetchOps(RuntimeServices services) {
        this.services = services;
        this.defaultTimeoutMillis = parseTimeout(services.setting("fetch.timeout", "0"));
    }

    private static long parseTimeout(String text) {
        try {
            return Math.max(0, Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Starts one exchange. {@code headers} is "name\nvalue\n..." (validated by JS: no CR/LF);
     * {@code body} is the whole body as bytes, or null; {@code streamedBody} means JS will pipe the
     * body into {@link FetchCall#requestSink()}.
     */
    @HostAccess.Export
    public FetchCall send(String method, String url, String headers, Value body, boolean streamedBody) {
        URI uri;
        try {
            uri = parseHttpUri(url);
        } catch (JsError invalid) {
            return FetchCall.failed(services, invalid);
        }
        Request request = client().newRequest(uri).method(method).followRedirects(false);
        if (defaultTimeoutMillis > 0) {
            request.timeout(defaultTimeoutMillis, TimeUnit.MILLISECONDS);
        }
        request.headers(fields -> {
            fields.remove("User-Agent");
            fields.remove("Accept-Encoding");
            boolean acceptEncoding = false;
            String[] parts = headers.isEmpty() ? new String[0] : headers.split("\n", -1);
            for (int i = 0; i + 1 < parts.length; i += 2) {
                acceptEncoding |= parts[i].equalsIgnoreCase("accept-encoding");
                fields.add(parts[i], parts[i + 1]);
            }
            if (!acceptEncoding) {
                // What the client decodes (gzip by jetty-compression-gzip, the others by ContentDecoders).
                fields.add("Accept-Encoding", "gzip, deflate, br");
            }
        });
        FetchCall call = new FetchCall(services, request);
        if (streamedBody) {
            call.streamBody();
        } else if (body != null && !body.isNull()) {
            call.fixedBody(Bytes.copy(body));
        }
        call.start();
        return call;
    }

    /** Resolves {@code url} against {@code base} (may be null), for when no URL global exists; null when invalid. */
    @HostAccess.Export
    public String resolveUrl(String url, String base) {
        try {
            URI target = new URI(url.trim());
            if (base != null) {
                target = new URI(base).resolve(target);
            }
            if (!target.isAbsolute()) {
                return null;
            }
            if (target.getPath() != null && target.getPath().isEmpty() && target.getHost() != null) {
                target = new URI(target.getScheme(), target.getRawAuthority(), "/", target.getRawQuery(), target.getRawFragment());
            }
            return target.toString();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    @HostAccess.Export
    public ByteBuffer utf8Encode(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    @HostAccess.Export
    public String utf8Decode(Value bytes) {
        return Bytes.utf8DecodeWithoutBom(Bytes.copy(bytes));
    }

    private static URI parseHttpUri(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw JsError.typeError("fetch failed: invalid URL " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw JsError.typeError("fetch failed: unsupported URL scheme \"" + scheme + ":\"");
        }
        if (uri.getHost() == null) {
            throw JsError.typeError("fetch failed: invalid URL " + url + " (no host)");
        }
        return uri;
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = newClient();
        }
        return client;
    }

    private HttpClient newClient() {
        SslContextFactory.Client tls = new SslContextFactory.Client();
        String caFile = services.setting("fetch.caFile", "");
        if (!caFile.isBlank()) {
            tls.setTrustStore(trustStoreWith(Path.of(caFile)));
        }
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(tls);
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("nano-fetch");
        threads.setDaemon(true);
        connector.setExecutor(threads);
        HTTP2Client http2 = new HTTP2Client(connector);
        HttpClientTransportDynamic transport = new HttpClientTransportDynamic(connector,
                HttpClientConnectionFactory.HTTP11, new ClientConnectionFactoryOverHTTP2.HTTP2(http2));
        // FetchCall's listeners never block (they copy bytes and post to the loop), so the selector
        // thread may run them itself instead of handing each response to a pool thread.
        transport.setInvocationType(Invocable.InvocationType.NON_BLOCKING);
        HttpClient http = new HttpClient(transport);
        http.setExecutor(threads);
        http.setFollowRedirects(false);
        http.setUserAgentField(null);
        http.setMaxConnectionsPerDestination(256);
        http.setMaxRequestsQueuedPerDestination(65536);
        try {
            http.start();
            // after start: HttpClient adds the ServiceLoader's decoders (gzip) only to an empty list
            http.getContentDecoderFactories().put(new ContentDecoders.Deflate());
            http.getContentDecoderFactories().put(new ContentDecoders.Brotli());
        } catch (Exception e) {
            throw new JsError("TypeError", "fetch failed: the HTTP client could not start: " + e.getMessage());
        }
        return http;
    }

    /** The JDK's default trust anchors plus every certificate in a PEM file. */
    private static KeyStore trustStoreWith(Path pemFile) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            jdk.init((KeyStore) null);
            int n = 0;
            for (var manager : jdk.getTrustManagers()) {
                if (manager instanceof javax.net.ssl.X509TrustManager x509) {
                    for (var cert : x509.getAcceptedIssuers()) {
                        store.setCertificateEntry("jdk-" + n++, cert);
                    }
                }
            }
            try (InputStream in = Files.newInputStream(pemFile)) {
                Collection<? extends Certificate> extra = CertificateFactory.getInstance("X.509").generateCertificates(in);
                for (Certificate cert : extra) {
                    store.setCertificateEntry("extra-" + n++, cert);
                }
            }
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw JsError.typeError("fetch failed: cannot read the CA file " + pemFile + ": " + e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            try {
                client.stop();
            } catch (Exception ignored) {
                // stopping is best effort at shutdown
            }
            client = null;
        }
    }
}
