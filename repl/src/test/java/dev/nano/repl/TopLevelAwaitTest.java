package dev.nano.repl;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TopLevelAwaitTest {
    ReplTesting repl;

    @BeforeEach
    void start() {
        repl = ReplTesting.start();
    }

    @AfterEach
    void stop() {
        repl.close();
    }

    @Test
    void an_entry_awaits_a_timer() {
        assertThat(repl.value("await new Promise(r => setTimeout(() => r(5), 10))")).isEqualTo("5");
    }

    @Test
    void declarations_of_an_awaiting_entry_stay_for_later_entries() {
        repl.value("const r = await new Promise(r => setTimeout(() => r(5), 10)); var w = 1; let l = 2; class K {} function sum() { return r + w + l }");
        assertThat(repl.value("sum()")).isEqualTo("8");
        assertThat(repl.error("r = 1")).contains("Assignment to constant variable.");
        assertThat(repl.value("const r = 10; sum()")).isEqualTo("13");
    }

    @Test
    void functions_of_an_awaiting_entry_are_hoisted() {
        assertThat(repl.value("await 0; early(); function early() { return 'hoisted' }; early()")).isEqualTo("'hoisted'");
    }

    @Test
    void var_in_a_loop_of_an_awaiting_entry_is_global() {
        assertThat(repl.value("for (var i = 0; i < 3; i++) { await 0 } i")).isEqualTo("3");
        assertThat(repl.value("i")).isEqualTo("3");
        repl.value("for (var k of [await 'a', 'b']) {}");
        assertThat(repl.value("k")).isEqualTo("'b'");
    }

    @Test
    void a_promise_the_last_expression_yields_is_shown_not_awaited() {
        assertThat(repl.value("await 0; Promise.resolve(1)")).startsWith("Promise {");
    }

    @Test
    void a_rejection_is_reported_as_an_uncaught_error() {
        assertThat(repl.error("await Promise.reject(new RangeError('no'))")).startsWith("Uncaught RangeError: no");
        assertThat(repl.value("_error.message")).isEqualTo("'no'");
    }

    @Test
    void an_entry_awaits_fetch_from_a_local_server() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hello", exchange -> {
            byte[] body = "{\"greeting\":\"hello\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hello";
            assertThat(repl.value("const res = await fetch('" + url + "')")).isEqualTo("undefined");
            assertThat(repl.value("res.status")).isEqualTo("200");
            assertThat(repl.value("(await res.json()).greeting")).isEqualTo("'hello'");
        } finally {
            server.stop(0);
        }
    }
}
