package dev.nano.runtime.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nano.runtime.JsTesting;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class StreamsTest {
    @AutoClose
    private static final JsTesting js = JsTesting.start();

    @Test
    void stream_classes_are_non_enumerable_globals() {
        assertThat(js.run("""
                const names = ["ReadableStream", "WritableStream", "TransformStream", "ByteLengthQueuingStrategy",
                  "CountQueuingStrategy", "ReadableStreamBYOBReader", "TextEncoderStream", "TextDecoderStream"];
                return names.map((n) => typeof globalThis[n] + (Object.keys(globalThis).includes(n) ? "!" : "")).join();
                """)).isEqualTo("function,function,function,function,function,function,function,function");
    }

    @Test
    void from_reads_an_async_iterable() {
        assertThat(js.run("""
                async function* numbers() { yield 1; yield 2; yield 3; }
                const out = [];
                for await (const n of ReadableStream.from(numbers())) out.push(n);
                return out.join();
                """)).isEqualTo("1,2,3");
    }

    @Test
    void from_awaits_the_promises_of_a_sync_iterable() {
        assertThat(js.run("""
                const reader = ReadableStream.from([Promise.resolve("a"), "b"]).getReader();
                return [(await reader.read()).value, (await reader.read()).value, (await reader.read()).done].join();
                """)).isEqualTo("a,b,true");
    }

    @Test
    void from_calls_return_on_the_iterator_when_cancelled() {
        assertThat(js.run("""
                let returnedWith;
                const iterable = { [Symbol.iterator]() { return { next: () => ({ value: 1, done: false }), return(r) { returnedWith = r; return {}; } }; } };
                await ReadableStream.from(iterable).cancel("stop");
                return returnedWith;
                """)).isEqualTo("stop");
    }

    @Test
    void from_rejects_a_value_that_is_not_iterable() {
        assertThat(js.errorOf("ReadableStream.from(42)")).startsWith("TypeError:");
    }

    @Test
    void pipes_through_a_transform_stream_into_a_writable_stream() {
        assertThat(js.run("""
                const written = [];
                await ReadableStream.from(["a", "b"])
                  .pipeThrough(new TransformStream({ transform(chunk, c) { c.enqueue(chunk.toUpperCase()); } }))
                  .pipeTo(new WritableStream({ write(chunk) { written.push(chunk); } }));
                return written.join();
                """)).isEqualTo("A,B");
    }

    @Test
    void tee_gives_both_branches_every_chunk() {
        assertThat(js.run("""
                const [left, right] = ReadableStream.from([1, 2]).tee();
                const all = async (s) => { const out = []; for await (const x of s) out.push(x); return out.join(""); };
                return (await all(left)) + "/" + (await all(right));
                """)).isEqualTo("12/12");
    }

    @Test
    void writable_stream_reports_backpressure_through_desired_size() {
        assertThat(js.run("""
                let release;
                const ws = new WritableStream({ write() { return new Promise((r) => (release = r)); } },
                                              new CountQueuingStrategy({ highWaterMark: 2 }));
                const writer = ws.getWriter();
                const sizes = [writer.desiredSize];
                writer.write("a"); writer.write("b"); writer.write("c");
                sizes.push(writer.desiredSize);
                return sizes.join();
                """)).isEqualTo("2,-1");
    }

    @Test
    void byte_length_strategy_measures_chunks_by_byte_length() {
        assertThat(js.run("""
                const strategy = new ByteLengthQueuingStrategy({ highWaterMark: 16 });
                return strategy.highWaterMark + ":" + strategy.size(new Uint8Array(5));
                """)).isEqualTo("16:5");
    }

    @Test
    void byte_streams_fill_byob_readers() {
        assertThat(js.run("""
                const rs = new ReadableStream({ type: "bytes", pull(c) { c.byobRequest.view[0] = 42; c.byobRequest.respond(1); c.close(); } });
                const reader = rs.getReader({ mode: "byob" });
                const { value } = await reader.read(new Uint8Array(8));
                return value.length + ":" + value[0];
                """)).isEqualTo("1:42");
    }

    @Test
    void text_decoder_stream_decodes_characters_split_across_chunks() {
        assertThat(js.run("""
                const euro = [0xE2, 0x82, 0xAC];
                const out = [];
                await ReadableStream.from([new Uint8Array(euro.slice(0, 1)), new Uint8Array(euro.slice(1)), new Uint8Array([33])])
                  .pipeThrough(new TextDecoderStream())
                  .pipeTo(new WritableStream({ write(s) { out.push(s); } }));
                return out.join("|");
                """)).isEqualTo("€|!");
    }

    @Test
    void text_decoder_stream_exposes_its_decoder_settings() {
        assertThat(js.run("const s = new TextDecoderStream('latin1', { fatal: false }); return [s.encoding, s.fatal, s.ignoreBOM].join()"))
                .isEqualTo("windows-1252,false,false");
        assertThat(js.errorOf("new TextDecoderStream('no-such-encoding')")).startsWith("RangeError:");
    }

    @Test
    void text_encoder_stream_joins_surrogate_pairs_split_across_chunks() {
        assertThat(js.run("""
                const out = [];
                await ReadableStream.from(["\\ud83d", "\\ude00", "\\ud800"])
                  .pipeThrough(new TextEncoderStream())
                  .pipeTo(new WritableStream({ write(b) { out.push(Array.from(b).join(" ")); } }));
                return out.join("|");
                """)).isEqualTo("240 159 152 128|239 191 189");
    }

    @Test
    void inspects_streams_as_node_does_instead_of_their_polyfill_fields() {
        assertThat(js.runWithInternals("""
                const locked = new ReadableStream({ type: 'bytes' });
                locked.getReader();
                return internals.inspect([new ReadableStream(), new WritableStream(), locked]);
                """)).isEqualTo("""
                [
                  ReadableStream { locked: false, state: 'readable', supportsBYOB: false },
                  WritableStream { locked: false, state: 'writable' },
                  ReadableStream { locked: true, state: 'readable', supportsBYOB: true }
                ]""");
        assertThat(js.runWithInternals("return internals.inspect(new TransformStream())")).isEqualTo("""
                TransformStream {
                  readable: ReadableStream { locked: false, state: 'readable', supportsBYOB: false },
                  writable: WritableStream { locked: false, state: 'writable' },
                  backpressure: true
                }""");
    }
}
