package dev.nano.runtime.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nano.runtime.JsTesting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Headers, Request, Response, FormData and the Body mixin, without a network. */
class FetchClassesTest {
    private final JsTesting js = JsTesting.start();

    @AfterEach
    void close() {
        js.close();
    }

    @Test
    void resolves_relative_urls_against_location_only_when_a_script_set_one() {
        assertThat(js.run("""
                let before;
                try { new Request("data.json"); } catch (e) { before = e.name; }
                globalThis.location = { href: "http://example.com/dir/page.html" };
                const url = new Request("../data.json").url;
                delete globalThis.location;
                return before + " " + url;
                """)).isEqualTo("TypeError http://example.com/data.json");
    }

    @Test
    void headers_iterate_sorted_and_combined_with_set_cookie_apart() {
        assertThat(js.run("""
                const h = new Headers([["B", "2"], ["a", " 1 "], ["Set-Cookie", "x=1"]]);
                h.append("set-cookie", "y=2");
                h.append("A", "3");
                return JSON.stringify([...h]) + " " + h.get("a") + " " + JSON.stringify(h.getSetCookie());
                """)).isEqualTo("[[\"a\",\"1, 3\"],[\"b\",\"2\"],[\"set-cookie\",\"x=1\"],[\"set-cookie\",\"y=2\"]] 1, 3 [\"x=1\",\"y=2\"]");
    }

    @Test
    void headers_from_a_record_read_it_as_webidl_does_and_a_headers_iterator_is_honoured() {
        assertThat(js.run("""
                const log = [];
                const handler = {};
                for (const trap of ["get", "has", "ownKeys", "getOwnPropertyDescriptor"]) {
                  handler[trap] = (...args) => { log.push(trap + (trap === "ownKeys" ? "" : ":" + String(args[1]))); return Reflect[trap](...args); };
                }
                const fromRecord = new Headers(new Proxy({ a: "b" }, handler));
                const custom = new Headers({ x: "1" });
                custom[Symbol.iterator] = function* () { yield ["test", "test"]; };
                const fromCustom = new Headers(custom);
                const copy = new Headers(new Headers({ y: "2" }));
                return [log.join(" "), fromRecord.get("a"), fromCustom.get("test"), fromCustom.get("x"), copy.get("y")].join("|");
                """)).isEqualTo("get:Symbol(Symbol.iterator) ownKeys getOwnPropertyDescriptor:a get:a|b|test||2");
    }

    @Test
    void headers_reject_invalid_names_and_values() {
        assertThat(js.errorOf("new Headers({ 'bad name': 'x' })")).isEqualTo("TypeError: Invalid header name: \"bad name\"");
        assertThat(js.errorOf("new Headers().set('x', 'a\\nb')")).startsWith("TypeError: Invalid header value");
        assertThat(js.errorOf("new Headers().set('x', '\\u0100')")).isEqualTo("TypeError: Header value is not a valid ByteString");
        assertThat(js.errorOf("Response.error().headers.set('x', '1')")).isEqualTo("TypeError: Headers are immutable");
        assertThat(js.errorOf("new Headers().set('', '1')")).isEqualTo("TypeError: Invalid header name: \"\"");
        assertThat(js.errorOf("new Headers().set('n\u00e9', '1')")).isEqualTo("TypeError: Invalid header name: \"n\u00e9\"");
        assertThat(js.errorOf("new Headers().set('x', ' a\u0000 ')")).startsWith("TypeError: Invalid header value");
    }

    @Test
    void header_names_are_lowercased_and_values_lose_surrounding_whitespace_only() {
        String result = js.run("""
                const h = new Headers({ "X-Mixed-Case": " \\t padded \\t ", "x-plain": "a  b", "x-latin1": "caf\u00e9" });
                return [...h].map(([k, v]) => `${k}=[${v}]`).join(" ");
                """);

        assertThat(result).isEqualTo("x-latin1=[caf\u00e9] x-mixed-case=[padded] x-plain=[a  b]");
    }

    @Test
    void response_validates_status_and_status_text() {
        assertThat(js.errorOf("new Response('x', { status: 199 })")).startsWith("RangeError");
        assertThat(js.errorOf("new Response('x', { status: 204 })")).startsWith("TypeError: Response with status 204 cannot have a body");
        assertThat(js.errorOf("new Response('x', { statusText: 'a\\nb' })")).startsWith("TypeError");
        assertThat(js.errorOf("Response.redirect('http://x.test/', 200)")).startsWith("RangeError");
    }

    @Test
    void response_statics_build_json_redirect_and_error_responses() {
        assertThat(js.run("""
                const j = Response.json({ a: 1 }, { status: 201 });
                const r = Response.redirect("http://x.test/next", 307);
                const e = Response.error();
                return [j.status, j.headers.get("content-type"), await j.text(), r.status, r.headers.get("location"), e.type, e.status].join("|");
                """)).isEqualTo("201|application/json|{\"a\":1}|307|http://x.test/next|error|0");
    }

    @Test
    void body_can_be_read_once_and_clones_read_independently() {
        assertThat(js.run("""
                const r = new Response("hello");
                const c = r.clone();
                const first = await r.text();
                let second;
                try { await r.text(); } catch (e) { second = e.name; }
                return [first, second, r.bodyUsed, await c.arrayBuffer().then((b) => b.byteLength)].join("|");
                """)).isEqualTo("hello|TypeError|true|5");
    }

    @Test
    void string_bodies_read_as_byte_streams() {
        assertThat(js.run("""
                const s = new Response("xyz");
                const reader = s.body.getReader();
                const { value } = await reader.read();
                return [value.constructor.name, value.length, s.bodyUsed].join("|");
                """)).isEqualTo("Uint8Array|3|true");
    }

    @Test
    void request_takes_init_members_and_rejects_bodies_on_get() {
        assertThat(js.run("""
                const r = new Request("http://x.test/p", { method: "post", headers: { "x-a": "1" }, body: "b", redirect: "manual", duplex: "half" });
                const copy = new Request(r, { headers: { "x-b": "2" } });
                return [r.method, r.url, r.redirect, r.headers.get("content-type"), copy.method, copy.headers.get("x-b"), copy.headers.get("x-a"), await copy.text(), r.bodyUsed].join("|");
                """)).isEqualTo("POST|http://x.test/p|manual|text/plain;charset=UTF-8|POST|2||b|true");
        assertThat(js.errorOf("new Request('http://x.test/', { body: 'x' })")).isEqualTo("TypeError: Request with GET/HEAD method cannot have body");
        assertThat(js.errorOf("new Request('http://x.test/', { method: 'TRACE' })")).startsWith("TypeError");
        assertThat(js.errorOf("new Request('http://x.test/', { method: 'POST', body: new ReadableStream() })")).contains("duplex");
    }

    @Test
    void response_clone_gives_the_clone_a_structured_clone_of_each_chunk_and_cancelling_one_spares_the_other() {
        assertThat(js.run("""
                const out = [];
                for (const chunk of [new Int16Array([1, 2]), new ArrayBuffer(4), new DataView(new ArrayBuffer(3), 1)]) {
                  const response = new Response(new ReadableStream({ start(c) { c.enqueue(chunk); c.close(); } }));
                  const clone = response.clone();
                  const a = (await response.body.getReader().read()).value;
                  const b = (await clone.body.getReader().read()).value;
                  out.push([a === chunk, b !== chunk, Object.getPrototypeOf(b) === Object.getPrototypeOf(chunk), b.byteLength].join());
                }
                const original = new Response("hello");
                const copy = original.clone();
                await original.body.cancel();
                out.push(await copy.text());
                return out.join(" ");
                """)).isEqualTo("true,true,true,4 true,true,true,4 true,true,true,2 hello");
    }

    @Test
    void request_priority_takes_high_low_and_auto_and_rejects_other_values() {
        assertThat(js.run("""
                return ["high", "low", "auto"].map((priority) => new Request("http://x.test/", { priority }).url).length;
                """)).isEqualTo("3");
        assertThat(js.errorOf("new Request('http://x.test/', { priority: 'urgent' })")).startsWith("TypeError");
    }

    @Test
    void form_data_round_trips_through_multipart_and_urlencoded_bodies() {
        assertThat(js.run("""
                const fd = new FormData();
                fd.append("a", "1");
                fd.append("b", "two\\nlines");
                const r = new Response(fd);
                const type = r.headers.get("content-type");
                const back = await r.formData();
                const url = await new Response("x=1&y=a+b%21&x=2", { headers: { "content-type": "application/x-www-form-urlencoded" } }).formData();
                return [type.startsWith("multipart/form-data; boundary="), back.get("a"), JSON.stringify(back.get("b")), url.getAll("x").join(","), url.get("y")].join("|");
                """)).isEqualTo("true|1|\"two\\r\\nlines\"|1,2|a b!");
    }

    @Test
    void urlencoded_bodies_are_decoded_byte_by_byte_as_url_section_5_1_says() {
        // A raw lead byte completed by percent-encoded continuation bytes is one character; a
        // leading BOM is kept (UTF-8 decode without BOM); a stray byte becomes U+FFFD.
        String result = js.run("""
                const form = (bytes) => new Response(new Uint8Array(bytes), { headers: { "content-type": "application/x-www-form-urlencoded" } }).formData();
                const mixed = await form([0xE2, 0x25, 0x38, 0x32, 0x25, 0x41, 0x43, 0x3D, 0x31]);
                const bom = await form([0xEF, 0xBB, 0xBF, 0x74, 0x3D, 0xFF]);
                return JSON.stringify([...mixed, ...bom]);
                """);

        assertThat(result).isEqualTo("[[\"\u20ac\",\"1\"],[\"\ufefft\",\"\ufffd\"]]");
    }

    /** internals.inspect(expression): what console.log and the REPL print. */
    private String shown(String expression) {
        return js.runWithInternals("return internals.inspect(" + expression + ")");
    }

    @Test
    void inspects_a_response_as_node_does() {
        assertThat(shown("new Response('hi')")).isEqualTo("""
                Response {
                  status: 200,
                  statusText: '',
                  headers: Headers { 'content-type': 'text/plain;charset=UTF-8' },
                  body: ReadableStream { locked: false, state: 'readable', supportsBYOB: true },
                  bodyUsed: false,
                  ok: true,
                  redirected: false,
                  type: 'default',
                  url: ''
                }""");
        assertThat(shown("new Response(null, { status: 404, statusText: 'Not Found', headers: { a: '1' } })")).isEqualTo("""
                Response {
                  status: 404,
                  statusText: 'Not Found',
                  headers: Headers { a: '1' },
                  body: null,
                  bodyUsed: false,
                  ok: false,
                  redirected: false,
                  type: 'default',
                  url: ''
                }""");
    }

    @Test
    void inspecting_a_response_shows_whether_its_body_was_used_without_making_its_stream() {
        assertThat(js.runWithInternals("""
                const r = new Response('hi');
                const before = internals.inspect(r);
                const kind = r[internals.fetch.kBody].kind;
                await r.text();
                const after = internals.inspect(r).split('\\n').filter((l) => /body/.test(l)).join('|');
                return kind + '|' + before.includes('bodyUsed: false') + '|' + after;
                """)).isEqualTo("bytes|true|  body: ReadableStream { locked: true, state: 'closed', supportsBYOB: true },|  bodyUsed: true,");
    }

    @Test
    void inspects_a_request_as_node_does() {
        assertThat(shown("new Request('https://example.com/x?y=1', { method: 'POST', body: 'b', headers: { 'x-a': '1' } })")).isEqualTo("""
                Request {
                  method: 'POST',
                  url: 'https://example.com/x?y=1',
                  headers: Headers { 'x-a': '1', 'content-type': 'text/plain;charset=UTF-8' },
                  destination: '',
                  referrer: 'about:client',
                  referrerPolicy: '',
                  mode: 'cors',
                  credentials: 'same-origin',
                  cache: 'default',
                  redirect: 'follow',
                  integrity: '',
                  keepalive: false,
                  isReloadNavigation: false,
                  isHistoryNavigation: false,
                  signal: AbortSignal { aborted: false }
                }""");
    }

    @Test
    void inspects_headers_in_insertion_order_and_form_data_with_repeated_names_as_lists() {
        assertThat(shown("[new Headers({ a: '1', 'X-B': 'two' }), new Headers()]")).isEqualTo("[ Headers { a: '1', 'x-b': 'two' }, Headers {} ]");
        assertThat(js.runWithInternals("return internals.inspect(new Headers({ a: '1' }), { colors: true })").replace('\u001b', '~'))
                .isEqualTo("Headers { a: ~[32m'1'~[39m }");
        assertThat(shown("(() => { const f = new FormData(); f.append('a', '1'); f.append('a', '2'); "
                + "f.append('f', new Blob(['x']), 'n.txt'); return f; })()").replaceAll("lastModified: \\d+", "lastModified: T"))
                .isEqualTo("""
                        FormData {
                          a: [ '1', '2' ],
                          f: File { size: 1, type: '', name: 'n.txt', lastModified: T }
                        }""");
    }

    @Test
    void inspection_reads_internal_state_and_never_a_subclass_getter() {
        assertThat(shown("new (class extends Response { get status() { throw new Error('user getter ran'); } })('x')"))
                .contains("status: 200,");
        assertThat(shown("Response.prototype")).startsWith("Object [Response] {");
        assertThat(shown("({ a: { b: { c: new Headers({ a: '1' }) } } })")).isEqualTo("{ a: { b: { c: [Headers] } } }");
    }
}
