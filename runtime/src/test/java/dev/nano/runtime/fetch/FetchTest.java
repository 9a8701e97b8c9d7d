package dev.nano.runtime.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nano.runtime.JsTesting;
import dev.nano.runtime.NanoRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** fetch() against a real Jetty server on 127.0.0.1. */
class FetchTest {
    private static TestServer server;
    private JsTesting js;

    @BeforeAll
    static void startServer() throws Exception {
        server = new TestServer();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @AfterEach
    void close() {
        if (js != null) {
            js.close();
        }
    }

    private JsTesting js() {
        if (js == null) {
            js = JsTesting.start(NanoRuntime.builder().setting("fetch.caFile", server.caFile().toString()));
        }
        return js;
    }

    private String run(String body) {
        return js().run(body.replace("$BASE", server.url("")).replace("$TLS", server.httpsUrl("")).replace("$H2", server.h2Url("")));
    }

    private boolean hasGlobal(String name) {
        return run("return typeof globalThis." + name + " === 'function'").equals("true");
    }

    @Test
    void resolves_with_status_headers_and_text() {
        assertThat(run("""
                const r = await fetch("$BASE/hello");
                return [r.status, r.ok, r.statusText, r.headers.get("content-type"), r.type, r.redirected, r.url === "$BASE/hello", await r.text(), r.bodyUsed].join("|");
                """)).isEqualTo("200|true|OK|text/plain;charset=utf-8|basic|false|true|hello|true");
    }

    @Test
    void sends_method_headers_and_body() {
        assertThat(run("""
                const r = await fetch("$BASE/echo?q=1", { method: "put", headers: { "X-One": "1", "content-type": "text/x-test" }, body: "payload" });
                return await r.text();
                """)).isEqualTo("PUT /echo?q=1\nx-one: 1\ncontent-type: text/x-test\n\npayload");
    }

    @Test
    void keeps_set_cookie_values_apart() {
        assertThat(run("""
                const r = await fetch("$BASE/cookies");
                return JSON.stringify(r.headers.getSetCookie()) + " " + r.headers.get("set-cookie");
                """)).isEqualTo("[\"a=1\",\"b=2\"] a=1, b=2");
    }

    @Test
    void completes_concurrent_slow_fetches_together_while_an_interval_ticks() {
        assertThat(run("""
                let ticks = 0;
                const interval = setInterval(() => { ticks++; }, 10);
                const bodies = await Promise.all(Array.from({ length: 100 }, () => fetch("$BASE/slow?ms=200").then((r) => r.text())));
                clearInterval(interval);
                return bodies.filter((b) => b === "slow").length + " " + (ticks > 0);
                """)).isEqualTo("100 true");
    }

    @Test
    void follows_a_redirect_chain() {
        assertThat(run("""
                const r = await fetch("$BASE/redirect?n=5");
                return [r.status, r.redirected, r.url.endsWith("/echo"), (await r.text()).split("\\n")[0]].join("|");
                """)).isEqualTo("200|true|true|GET /echo");
    }

    @Test
    void rejects_more_than_twenty_redirects() {
        assertThat(run("try { await fetch('$BASE/redirect?n=21'); return 'resolved'; } catch (e) { return e.name + ': ' + e.message; }"))
                .isEqualTo("TypeError: fetch failed: more than 20 redirects");
        assertThat(run("return (await fetch('$BASE/redirect?n=20')).status")).isEqualTo("200");
    }

    @Test
    void rewrites_post_to_get_on_303_and_keeps_it_on_307() {
        assertThat(run("""
                const see = await (await fetch("$BASE/redirect?n=1&status=303", { method: "POST", body: "x" })).text();
                const temp = await (await fetch("$BASE/redirect?n=1&status=307", { method: "POST", body: "kept" })).text();
                return see.split("\\n")[0] + "|" + temp.split("\\n")[0] + "|" + temp.split("\\n\\n")[1];
                """)).isEqualTo("GET /echo|POST /echo|kept");
    }

    @Test
    void manual_redirect_returns_the_redirect_and_error_mode_rejects() {
        assertThat(run("""
                const r = await fetch("$BASE/redirect?n=1", { redirect: "manual" });
                let error;
                try { await fetch("$BASE/redirect?n=1", { redirect: "error" }); } catch (e) { error = e.name; }
                return r.status + " " + r.headers.get("location") + " " + error;
                """)).isEqualTo("302 /echo TypeError");
    }

    @Test
    void decodes_gzip_bodies() {
        assertThat(run("return (await (await fetch('$BASE/gzip')).text()).length")).isEqualTo(String.valueOf("decoded text ".length() * 100));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "deflate", "deflate-raw"})
    void decodes_content_encodings_as_they_stream_in(String encoding) {
        // The server sends the end of the body only after the first decoded chunk reached the script.
        assertThat(run("""
                const r = await fetch("$BASE/encoded?hold&as=%s");
                const reader = r.body.getReader();
                let text = "";
                const decoder = new TextDecoder();
                const first = await reader.read();
                text += decoder.decode(first.value, { stream: true });
                await (await fetch("$BASE/release")).text();
                for (let c; !(c = await reader.read()).done; ) text += decoder.decode(c.value, { stream: true });
                return [text.startsWith("first part "), text.slice(110000).startsWith("second part "), text.length].join(" ");
                """.formatted(encoding))).isEqualTo("true true 230000");
    }

    @Test
    void decodes_brotli_bodies() {
        // org.brotli:dec hands out decoded bytes only when its window fills or the stream ends
        // (see ContentDecoders.BrotliSource), so this body is not held back half-way.
        assertThat(run("""
                const text = await (await fetch("$BASE/encoded?as=br")).text();
                return [text.startsWith("first part "), text.slice(110000).startsWith("second part "), text.length].join(" ");
                """)).isEqualTo("true true 230000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"deflate", "br"})
    void rejects_a_body_that_does_not_decode(String encoding) {
        assertThat(run("""
                const r = await fetch("$BASE/mislabelled?as=%s");
                try { await r.text(); return "resolved"; } catch (e) { return e.name + ": " + e.message; }
                """.formatted(encoding))).startsWith("TypeError: fetch failed: invalid " + encoding + "-encoded body");
    }

    @Test
    void fetches_https_trusting_the_configured_ca() {
        assertThat(run("return await (await fetch('$TLS/hello')).text()")).isEqualTo("hello");
    }

    @Test
    void speaks_http2_when_the_server_offers_h2_by_alpn() {
        assertThat(run("""
                const [a, b] = await Promise.all([fetch("$H2/protocol"), fetch("$H2/echo", { method: "POST", body: "over h2" })]);
                return (await a.text()) + " " + JSON.stringify(await b.text());
                """)).isEqualTo("HTTP/2.0 \"POST /echo\\ncontent-type: text/plain;charset=UTF-8\\n\\nover h2\"");
    }

    @Test
    void decodes_text_as_utf8_dropping_one_bom_and_replacing_malformed_bytes() {
        assertThat(run("""
                const text = async (hex) => (await fetch("$BASE/bytes?hex=" + hex)).text();
                const codes = (s) => [...s].map((c) => c.codePointAt(0).toString(16)).join(" ");
                return [await text("efbbbf68c3a9ff21"), await text("efbbbfefbbbf41"), await text("f09f9880e282"), await text("")].map(codes).join("|");
                """)).isEqualTo("68 e9 fffd 21|feff 41|1f600 fffd|");
    }

    @Test
    void text_marks_a_network_body_used_and_a_second_read_rejects() {
        assertThat(run("""
                const r = await fetch("$BASE/hello");
                const first = await r.text();
                let second;
                try { await r.text(); second = "resolved"; } catch (e) { second = e.name; }
                return [first, r.bodyUsed, second].join(" ");
                """)).isEqualTo("hello true TypeError");
    }

    @Test
    void gives_the_same_url_for_a_url_fetched_again_and_rejects_an_invalid_one_every_time() {
        assertThat(run("""
                const urls = [];
                for (let i = 0; i < 3; i++) urls.push((await fetch("$BASE/echo?q=a b")).url);
                const errors = [];
                for (let i = 0; i < 2; i++) try { await fetch("http://[oops/"); } catch (e) { errors.push(e.name); }
                return [new Set(urls).size, urls[0].endsWith("/echo?q=a%20b"), errors.join(",")].join(" ");
                """)).isEqualTo("1 true TypeError,TypeError");
    }

    @Test
    void a_redirect_does_not_change_the_headers_of_the_request_it_came_from() {
        assertThat(run("""
                const request = new Request("$BASE/redirect?n=1&status=303", { method: "POST", body: "x", headers: { "content-type": "text/x-test", "x-kept": "1" } });
                const text = await (await fetch(request)).text();
                return [text.split("\\n").slice(0, 3).join(";"), [...request.headers].join(";")].join(" | ");
                """)).isEqualTo("GET /echo;x-kept: 1; | content-type,text/x-test;x-kept,1");
    }

    @Test
    void reuses_one_keep_alive_connection_for_sequential_fetches() {
        run("await (await fetch('$BASE/hello')).text()");
        int before = server.plainConnections();
        // text() resolves straight from the host: often enough to catch a body whose end reaches JS
        // before Jetty has put the connection back in the pool.
        run("for (let i = 0; i < 60; i++) await (await fetch('$BASE/hello')).text()");
        assertThat(server.plainConnections()).isEqualTo(before);
    }

    @Test
    void returns_the_connection_to_the_pool_before_a_small_body_is_read() {
        run("await (await fetch('$BASE/hello')).text()");
        int before = server.plainConnections();
        assertThat(run("""
                const unread = await fetch('$BASE/hello');
                await new Promise((resolve) => setTimeout(resolve, 200));
                const next = await fetch('$BASE/hello');
                return (await next.text()) + " " + (await unread.text());
                """)).isEqualTo("hello hello");
        assertThat(server.plainConnections()).isEqualTo(before);
    }

    @Test
    void rejects_an_untrusted_certificate_with_a_tls_type_error() {
        js = JsTesting.start();
        assertThat(run("try { await fetch('$TLS/hello'); return 'resolved'; } catch (e) { return e.name + ': ' + e.message; }"))
                .startsWith("TypeError: fetch failed: TLS handshake with localhost:");
    }

    @Test
    void rejects_with_type_errors_that_say_what_happened() {
        assertThat(run("""
                const messages = [];
                for (const url of ["http://127.0.0.1:1/", "http://no-such-host.invalid/", "file:///etc/passwd", "not a url"]) {
                  try { await fetch(url); messages.push("resolved"); } catch (e) { messages.push(e.name + ": " + e.message); }
                }
                return messages.join("\\n");
                """)).contains("TypeError: fetch failed: connection refused by 127.0.0.1:1")
                .contains("TypeError: fetch failed: unknown host no-such-host.invalid")
                .contains("TypeError: fetch failed: unsupported URL scheme \"file:\"")
                .contains("TypeError: Invalid URL");
    }

    @Test
    void errors_the_body_stream_when_the_connection_resets_mid_body() {
        assertThat(run("""
                const r = await fetch("$BASE/reset");
                const reader = r.body.getReader();
                let received = 0;
                try {
                  for (;;) { const { done, value } = await reader.read(); if (done) return "ended after " + received; received += value.length; }
                } catch (e) { return e.name + " " + e.message; }
                """)).isEqualTo("TypeError fetch failed: the connection to 127.0.0.1:" + server.url("").split(":")[2] + " was closed before the response body completed");
    }

    @Test
    void streams_a_large_response_body_in_chunks() {
        assertThat(run("""
                const r = await fetch("$BASE/big?bytes=" + (16 * 1024 * 1024));
                const reader = r.body.getReader();
                let total = 0, chunks = 0, maxChunk = 0, intact = true;
                for (;;) {
                  const { done, value } = await reader.read();
                  if (done) break;
                  if (value[0] !== (total & 0xff)) intact = false;
                  total += value.length; chunks++; maxChunk = Math.max(maxChunk, value.length);
                }
                return [total, chunks > 100, maxChunk <= 1048576, intact].join(" ");
                """)).isEqualTo("16777216 true true true");
    }

    @Test
    void uploads_a_streamed_request_body() {
        assertThat(run("""
                const chunk = new Uint8Array(65536).fill(7);
                let sent = 0;
                const body = new ReadableStream({ pull(c) { if (sent++ < 160) c.enqueue(chunk.slice()); else c.close(); } });
                const r = await fetch("$BASE/upload", { method: "POST", body, duplex: "half" });
                return await r.text();
                """)).startsWith((160 * 65536) + " ").endsWith("chunked");
    }

    @Test
    void reads_a_response_body_as_a_byte_stream_and_as_bytes() {
        assertThat(run("""
                const streamed = await new Response((await fetch("$BASE/hello")).body).text();
                const bytes = await (await fetch("$BASE/hello")).bytes();
                const cloned = await fetch("$BASE/hello");
                const copy = cloned.clone();
                return [streamed, bytes.constructor.name, bytes.length, await cloned.text(), await copy.text()].join(" ");
                """)).isEqualTo("hello Uint8Array 5 hello hello");
    }

    @Test
    void aborts_before_while_waiting_and_while_reading() {
        assumeTrue(hasGlobal("AbortController"), "AbortController not in this runtime yet");
        assertThat(run("""
                const results = [];
                const before = new AbortController(); before.abort();
                try { await fetch("$BASE/hello", { signal: before.signal }); } catch (e) { results.push(e.name); }
                const waiting = new AbortController();
                setTimeout(() => waiting.abort(), 50);
                try { await fetch("$BASE/slow?ms=5000", { signal: waiting.signal }); } catch (e) { results.push(e.name); }
                const reading = new AbortController();
                const r = await fetch("$BASE/big?bytes=" + (50 * 1024 * 1024), { signal: reading.signal });
                const reader = r.body.getReader();
                await reader.read();
                reading.abort();
                try { for (;;) { if ((await reader.read()).done) break; } results.push("completed"); } catch (e) { results.push(e.name); }
                try { await fetch("$BASE/slow?ms=5000", { signal: AbortSignal.timeout(50) }); } catch (e) { results.push(e.name); }
                return results.join(" ");
                """)).isEqualTo("AbortError AbortError AbortError TimeoutError");
    }

    @Test
    void body_methods_of_an_aborted_response_reject_with_the_reason_before_the_next_microtask() {
        assertThat(run("""
                const out = [];
                for (const method of ["arrayBuffer", "bytes", "text", "json", "blob", "formData"]) {
                  const controller = new AbortController();
                  const response = await fetch("$BASE/hello", { signal: controller.signal });
                  controller.abort();
                  const log = [];
                  const body = response[method]();
                  await Promise.all([body.catch((e) => log.push(e.name)), Promise.resolve().then(() => log.push("next"))]);
                  // a second read rejects with the abort reason too, not as an already-read body
                  const again = await response[method]().catch((e) => e.name);
                  out.push(log.join(">") + "," + again + "," + response.bodyUsed);
                }
                return out.join(" ");
                """)).isEqualTo(String.join(" ", java.util.Collections.nCopies(6, "AbortError>next,AbortError,false")));
    }

    @Test
    void rejects_with_the_signal_reason_itself_before_while_waiting_and_while_reading() {
        assumeTrue(hasGlobal("AbortController"), "AbortController not in this runtime yet");
        assertThat(run("""
                const results = [];
                const reasons = [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }];
                const before = new AbortController(); before.abort(reasons[0]);
                try { await fetch("$BASE/hello", { signal: before.signal }); } catch (e) { results.push(e === reasons[0]); }
                const waiting = new AbortController();
                setTimeout(() => waiting.abort(reasons[1]), 50);
                try { await fetch("$BASE/slow?ms=5000", { signal: waiting.signal }); } catch (e) { results.push(e === reasons[1]); }
                const streaming = new AbortController();
                const reader = (await fetch("$BASE/big?bytes=" + (50 * 1024 * 1024), { signal: streaming.signal })).body.getReader();
                await reader.read();
                streaming.abort(reasons[2]);
                try { for (;;) { if ((await reader.read()).done) break; } results.push("completed"); } catch (e) { results.push(e === reasons[2]); }
                const whole = new AbortController();
                const r = await fetch("$BASE/encoded?as=gzip&hold", { signal: whole.signal });
                const text = r.text();
                whole.abort(reasons[3]);
                try { await text; results.push("completed"); } catch (e) { results.push(e === reasons[3]); }
                await (await fetch("$BASE/release")).text();
                const plain = new AbortController(); plain.abort();
                try { await fetch("$BASE/hello", { signal: plain.signal }); } catch (e) { results.push(e instanceof DOMException && e.name === "AbortError"); }
                return results.join(" ");
                """)).isEqualTo("true true true true true");
    }

    @Test
    void applies_the_configured_default_timeout() {
        js = JsTesting.start(NanoRuntime.builder().setting("fetch.timeout", "100"));
        assertThat(run("try { await fetch('$BASE/slow?ms=5000'); return 'resolved'; } catch (e) { return e.name; }")).isEqualTo("TimeoutError");
    }
}
