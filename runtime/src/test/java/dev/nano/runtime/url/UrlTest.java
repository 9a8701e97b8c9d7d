package dev.nano.runtime.url;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nano.runtime.JsTesting;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class UrlTest {
    @AutoClose
    private static final JsTesting js = JsTesting.start();

    @Test
    void parses_the_parts_of_a_special_url() {
        String result = js.run("""
                const u = new URL("HTTPS://user:pa%20ss@EXAMPLE.com:443/a/./b/../c?x=1&y=%20#frag");
                return [u.href, u.protocol, u.username, u.password, u.host, u.port, u.pathname, u.search, u.hash, u.origin].join("|");
                """);

        assertThat(result).isEqualTo("https://user:pa%20ss@example.com/a/c?x=1&y=%20#frag|https:|user|pa%20ss|example.com||/a/c|?x=1&y=%20|#frag|https://example.com");
    }

    @Test
    void urls_made_from_the_same_string_do_not_share_state() {
        assertThat(js.run("""
                const input = "http://127.0.0.1:8787/a/b?x=1#f";
                const first = new URL(input);
                first.pathname = "/changed"; first.search = "?y=2"; first.hostname = "10.0.0.2";
                const second = new URL(input), third = new URL(input);
                second.pathname += "/more";
                return [first.href, second.href, third.href].join(" ");"""))
                .isEqualTo("http://10.0.0.2:8787/changed?y=2#f http://127.0.0.1:8787/a/b/more?x=1#f http://127.0.0.1:8787/a/b?x=1#f");
    }

    @Test
    void ipv4_hosts_are_serialized_as_four_decimal_bytes() {
        assertThat(js.run("""
                return ["http://0.0.0.0/", "http://255.255.255.255:1/", "http://10.200.3.4/", "http://0x7f.1/", "http://4294967295/"]
                  .map((s) => { const u = new URL(s); return u.hostname + "=" + u.host + "=" + u.href; }).join(" ");"""))
                .isEqualTo("0.0.0.0=0.0.0.0=http://0.0.0.0/ 255.255.255.255=255.255.255.255:1=http://255.255.255.255:1/ "
                        + "10.200.3.4=10.200.3.4=http://10.200.3.4/ 127.0.0.1=127.0.0.1=http://127.0.0.1/ "
                        + "255.255.255.255=255.255.255.255=http://255.255.255.255/");
    }

    @Test
    void resolves_relative_references_against_a_base() {
        assertThat(js.run("return new URL('../d?q#h', 'http://h/a/b/c').href")).isEqualTo("http://h/a/d?q#h");
        assertThat(js.run("return new URL('//other/x', 'https://h/').href")).isEqualTo("https://other/x");
    }

    @Test
    void throws_a_type_error_for_an_invalid_url() {
        assertThat(js.errorOf("new URL('not a url')")).startsWith("TypeError:");
        assertThat(js.errorOf("new URL('/path', 'also not a url')")).startsWith("TypeError:");
    }

    @Test
    void static_parse_returns_null_and_can_parse_returns_false_for_invalid_input() {
        assertThat(js.run("return [URL.parse('nope'), URL.parse('/x', 'http://h').href, URL.canParse('nope'), URL.canParse('http://h')].join(',')"))
                .isEqualTo(",http://h/x,false,true");
    }

    @Test
    void converts_international_hosts_to_punycode() {
        assertThat(js.run("return new URL('http://Bücher.example/').host")).isEqualTo("xn--bcher-kva.example");
        assertThat(js.errorOf("new URL('http://xn--a.xn--/')")).startsWith("TypeError:");
    }

    @Test
    void normalizes_ipv4_and_ipv6_hosts() {
        assertThat(js.run("return [new URL('http://0x7f.1/').host, new URL('http://[0:0:0:0:0:0:0:1]:8080/').host, new URL('http://[::ffff:192.168.0.1]/').hostname].join(' ')"))
                .isEqualTo("127.0.0.1 [::1]:8080 [::ffff:c0a8:1]");
        assertThat(js.errorOf("new URL('http://1.2.3.256/')")).startsWith("TypeError:");
    }

    @Test
    void percent_encodes_each_component_with_its_own_set() {
        assertThat(js.run("return new URL('http://h/a b<>?c d\\'e#f `g').href")).isEqualTo("http://h/a%20b%3C%3E?c%20d%27e#f%20%60g");
        assertThat(js.run("return new URL('foo://h/a b?c d\\'e').href")).isEqualTo("foo://h/a%20b?c%20d'e");
    }

    @Test
    void keeps_non_special_and_opaque_urls_as_written() {
        assertThat(js.run("const u = new URL('mailto:Someone@Example.com'); return [u.protocol, u.pathname, u.origin].join(' ')"))
                .isEqualTo("mailto: Someone@Example.com null");
        assertThat(js.run("return new URL('blob:https://example.com/uuid').origin")).isEqualTo("https://example.com");
        assertThat(js.run("return new URL('file:///C:/x/../y').href")).isEqualTo("file:///C:/y");
    }

    @Test
    void search_params_are_live_in_both_directions() {
        String result = js.run("""
                const u = new URL("https://h/p?a=1&b=2&a=3");
                const params = u.searchParams;
                const before = params.getAll("a").join("+");
                params.append("c", "x y");
                params.delete("b");
                const afterEdit = u.href;
                u.search = "?z=9";
                return [before, afterEdit, params.get("z"), params.has("a")].join("|");
                """);

        assertThat(result).isEqualTo("1+3|https://h/p?a=1&a=3&c=x+y|9|false");
    }

    @Test
    void search_params_parse_from_strings_records_and_pairs_and_sort_stably() {
        String result = js.run("""
                const fromString = new URLSearchParams("?q=%F0%9F%98%80+x&e=");
                const fromRecord = new URLSearchParams({ b: "2", a: "1" });
                const fromPairs = new URLSearchParams([["z", "1"], ["a", "2"], ["z", "0"]]);
                fromPairs.sort();
                return [fromString.get("q"), fromString.get("e") === "", fromRecord.toString(), fromPairs.toString(), [...fromRecord.keys()].join()].join("|");
                """);

        assertThat(result).isEqualTo("\uD83D\uDE00 x|true|b=2&a=1|a=2&z=1&z=0|b,a");
    }

    @Test
    void setters_follow_the_state_override_rules() {
        String result = js.run("""
                const u = new URL("http://h:81/p");
                u.port = "80";
                const defaultPortDropped = u.href;
                u.protocol = "ftp";
                u.hostname = "other";
                u.pathname = "a b";
                u.hash = "x";
                return [defaultPortDropped, u.href].join("|");
                """);

        assertThat(result).isEqualTo("http://h/p|ftp://other/a%20b#x");
    }

    @Test
    void serializes_to_json_and_string() {
        assertThat(js.run("const u = new URL('http://h/x'); return JSON.stringify({ u }) + ' ' + String(u) + ' ' + Object.prototype.toString.call(u)"))
                .isEqualTo("{\"u\":\"http://h/x\"} http://h/x [object URL]");
    }

    @Test
    void canonical_server_urls_parse_to_the_same_parts_as_the_full_parser() {
        String result = js.run("""
                const u = new URL("http://Api.Example.COM:80/items/list/?id=123&sort=a+b#top");
                const ip = new URL("https://10.0.0.255:8443/");
                return [u.href, u.host, u.port, u.pathname, u.search, u.hash, ip.hostname, ip.port, ip.origin].join("|");
                """);

        assertThat(result).isEqualTo("http://api.example.com/items/list/?id=123&sort=a+b#top|api.example.com||/items/list/|?id=123&sort=a+b|#top|10.0.0.255|8443|https://10.0.0.255:8443");
    }

    @Test
    void urls_needing_normalization_still_get_it() {
        String result = js.run("""
                return [
                  "http://h/a/./b/%2E%2e/c", "http://h/a\\\\b", "http://1.2.3.04/", "http://h.example./", "http://h/{x}?'y'#`z`",
                  "ws://h:080/", "http://h:65536/", "http://user@h/", "http://[::1]/", "HTTP://h/",
                ].map((input) => URL.parse(input)?.href ?? "invalid").join(" ");
                """);

        assertThat(result).isEqualTo("http://h/a/c http://h/a/b http://1.2.3.4/ http://h.example./ http://h/%7Bx%7D?%27y%27#%60z%60"
                + " ws://h/ invalid http://user@h/ http://[::1]/ http://h/");
    }

    @Test
    void search_params_keep_plus_percent_and_non_ascii_rules() {
        String result = js.run("""
                const plain = new URLSearchParams("a=1&&b=x+y&c&d=");
                const escaped = new URLSearchParams("e=%41%2B&f=é");
                const out = new URLSearchParams([["k y", "*-._"], ["t", "~!"]]);
                return [[...plain].join(";"), [...escaped].join(";"), out.toString(), new URL("http://h/?q=a+b").searchParams.get("q")].join("|");
                """);

        assertThat(result).isEqualTo("a,1;b,x y;c,;d,|e,A+;f,é|k+y=*-._&t=%7E%21|a b");
    }

    @Test
    void url_arguments_with_lone_surrogates_become_replacement_characters() {
        assertThat(js.run("return new URL('http://h/\\uD800x').pathname + ' ' + new URLSearchParams([['\\uDC00', 'v']]).toString()"))
                .isEqualTo("/%EF%BF%BDx %EF%BF%BD=v");
    }

    @Test
    void search_params_made_on_first_use_see_the_current_query() {
        String result = js.run("""
                const edited = new URL("http://h/?a=1");
                edited.search = "?b=2";
                const replaced = new URL("http://h/?a=1");
                replaced.href = "http://h/?c=3";
                const parsed = URL.parse("?d=4", "http://h/");
                return [edited.searchParams.get("b"), replaced.searchParams.get("c"), parsed.searchParams.get("d"),
                        edited.searchParams === edited.searchParams, new URL("http://h/").searchParams.size].join("|");
                """);

        assertThat(result).isEqualTo("2|3|4|true|0");
    }

    @Test
    void href_follows_every_change_to_the_url_and_its_search_params() {
        String result = js.run("""
                const u = new URL("http://h/a?x=1#f");
                const seen = [u.href];
                u.searchParams.append("y", "2"); seen.push(u.href);
                u.searchParams.delete("x"); seen.push(u.href);
                u.hash = ""; seen.push(u.href);
                u.port = "81"; seen.push(u.href);
                u.username = "me"; seen.push(u.href);
                u.protocol = "https"; seen.push(u.href);
                u.searchParams.sort(); u.searchParams.set("y", "3"); seen.push(String(u));
                u.href = "http://other/?q=1"; seen.push(u.searchParams.get("q"), JSON.stringify(u));
                return seen.join(" ");
                """);

        assertThat(result).isEqualTo("http://h/a?x=1#f http://h/a?x=1&y=2#f http://h/a?y=2#f http://h/a?y=2 http://h:81/a?y=2 "
                + "http://me@h:81/a?y=2 https://me@h:81/a?y=2 https://me@h:81/a?y=3 1 \"http://other/?q=1\"");
    }

    @Test
    void url_methods_and_attributes_refuse_objects_that_are_not_urls() {
        assertThat(js.errorOf("URL.prototype.toString.call({})")).startsWith("TypeError:");
        assertThat(js.errorOf("URL.prototype.toJSON.call({ href: 'x' })")).startsWith("TypeError:");
        assertThat(js.errorOf("Object.getOwnPropertyDescriptor(URL.prototype, 'pathname').get.call({})")).startsWith("TypeError:");
        assertThat(js.errorOf("URLSearchParams.prototype.get.call(new URL('http://h/'), 'a')")).startsWith("TypeError:");
        assertThat(js.errorOf("new URLSearchParams().append('a')")).startsWith("TypeError:");
        assertThat(js.errorOf("new URL(Symbol('s'))")).startsWith("TypeError:");
    }

    @Test
    void interfaces_have_the_webidl_shape() {
        String result = js.run("""
                const enumerable = (o, k) => Object.getOwnPropertyDescriptor(o, k).enumerable;
                const p = new URLSearchParams("a=1");
                const it = p.entries();
                return [enumerable(URL.prototype, "href"), enumerable(URL.prototype, "toJSON"), enumerable(URL, "canParse"),
                        enumerable(URL.prototype, "constructor"), Object.prototype.toString.call(new URL("http://h/")),
                        URLSearchParams.prototype[Symbol.iterator] === URLSearchParams.prototype.entries,
                        Object.prototype.toString.call(it), Object.getPrototypeOf(Object.getPrototypeOf(it)) === Object.getPrototypeOf(Object.getPrototypeOf([].values())),
                        URL.length, URLSearchParams.length, URLSearchParams.prototype.delete.length].join(",");
                """);

        assertThat(result).isEqualTo("true,true,true,false,[object URL],true,[object URLSearchParams Iterator],true,1,0,1");
    }

    @Test
    void search_params_iterate_the_live_list() {
        String result = js.run("""
                const p = new URLSearchParams("a=1&b=2&c=3");
                const out = [];
                for (const [k, v] of p) { out.push(k + v); if (k === "a") p.delete("b"); }
                p.forEach((v, k, self) => { out.push(k + v + (self === p)); if (k === "a") p.append("d", "4"); });
                return out.join(" ");
                """);

        assertThat(result).isEqualTo("a1 c3 a1true c3true d4true");
    }

    @Test
    void search_params_convert_records_and_sequences_as_webidl_says() {
        String result = js.run("""
                const fromRecord = new URLSearchParams({ b: 2, a: 1 });
                const fromPairs = new URLSearchParams(new Map([["x", "1"], ["y", "2"]]));
                const hidden = Object.defineProperty({ shown: 1 }, "hidden", { value: 2, enumerable: false });
                const surrogates = new URLSearchParams({ "a\uD800": "1", "a\uDC00": "2" });
                return [fromRecord.toString(), fromPairs.toString(), new URLSearchParams(hidden).toString(),
                        new URLSearchParams("?q=1").toString(), surrogates.toString()].join(" ");
                """);

        assertThat(result).isEqualTo("b=2&a=1 x=1&y=2 shown=1 q=1 a%EF%BF%BD=2");
        assertThat(js.errorOf("new URLSearchParams([['a', 'b', 'c']])")).startsWith("TypeError:");
        assertThat(js.errorOf("new URLSearchParams(['ab'])")).startsWith("TypeError:");
        assertThat(js.errorOf("new URLSearchParams({ [Symbol('k')]: 'v' })")).startsWith("TypeError:");
    }

    @Test
    void urls_are_not_structured_cloneable() {
        assertThat(js.errorOf("structuredClone(new URL('http://h/'))")).startsWith("DataCloneError:");
        assertThat(js.errorOf("structuredClone({ nested: new URLSearchParams('a=1') })")).startsWith("DataCloneError:");
    }

    @Test
    void console_shows_a_url_as_node_does() {
        try (JsTesting fresh = JsTesting.start()) {
            fresh.run("console.log(new URL('http://a.com/x?y=1#z')); console.log(new URLSearchParams()); return 0;");

            assertThat(fresh.out()).isEqualTo("""
                    URL {
                      href: 'http://a.com/x?y=1#z',
                      origin: 'http://a.com',
                      protocol: 'http:',
                      username: '',
                      password: '',
                      host: 'a.com',
                      hostname: 'a.com',
                      port: '',
                      pathname: '/x',
                      search: '?y=1',
                      searchParams: URLSearchParams { 'y' => '1' },
                      hash: '#z'
                    }
                    URLSearchParams {}
                    """);
        }
    }

    @Test
    void inspects_search_params_beyond_the_depth_by_name() {
        assertThat(js.runWithInternals("return internals.inspect({ a: { b: { c: new URLSearchParams('x=1') } } })"))
                .isEqualTo("{ a: { b: { c: [URLSearchParams] } } }");
    }
}
