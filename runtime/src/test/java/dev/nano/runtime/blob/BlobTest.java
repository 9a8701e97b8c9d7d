package dev.nano.runtime.blob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nano.runtime.JsTesting;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class BlobTest {
    @AutoClose
    private static final JsTesting js = JsTesting.start();

    @Test
    void concatenates_strings_buffers_and_blobs_as_utf8_bytes() {
        String result = js.run("""
                const inner = new Blob(["é"]);
                const blob = new Blob(["a", new Uint8Array([98, 99]), inner, new Uint16Array([0x6564]).buffer]);
                return blob.size + ":" + await blob.text();
                """);

        assertThat(result).isEqualTo("7:abcéde");
    }

    @Test
    void replaces_lone_surrogates_with_the_replacement_character() {
        assertThat(js.run("return Array.from(await new Blob(['\\ud800']).bytes()).join(',')")).isEqualTo("239,191,189");
    }

    @Test
    void converts_line_endings_only_when_asked_for_native() {
        String result = js.run("""
                const transparent = await new Blob(["a\\r\\nb\\rc"]).text();
                const native = await new Blob(["a\\r\\nb\\rc"], { endings: "native" }).text();
                return JSON.stringify([transparent, native]);
                """);

        assertThat(result).isEqualTo("[\"a\\r\\nb\\rc\",\"a\\nb\\nc\"]");
    }

    @Test
    void lowercases_the_type_and_drops_one_with_non_printable_characters() {
        assertThat(js.run("return [new Blob([], { type: 'Text/HTML' }).type, JSON.stringify(new Blob([], { type: 'a\\u0100' }).type)].join(' ')"))
                .isEqualTo("text/html \"\"");
    }

    @Test
    void slices_with_negative_positions_from_the_end() {
        String result = js.run("""
                const blob = new Blob(["hello world"]);
                return [await blob.slice(-5).text(), await blob.slice(0, -6).text(), await blob.slice(3, 1).text(),
                        blob.slice(2, 4, "Text/Plain").type, blob.slice(-100, 100).size].join("|");
                """);

        assertThat(result).isEqualTo("world|hello||text/plain|11");
    }

    @Test
    void array_buffer_and_bytes_return_copies_the_caller_may_change() {
        String result = js.run("""
                const blob = new Blob(["abc"]);
                const bytes = await blob.bytes();
                bytes[0] = 122;
                const buffer = await blob.arrayBuffer();
                return [bytes.constructor.name, buffer.constructor.name, await blob.text()].join(",");
                """);

        assertThat(result).isEqualTo("Uint8Array,ArrayBuffer,abc");
    }

    @Test
    void text_decodes_utf8_dropping_a_bom_and_replacing_malformed_bytes() {
        assertThat(js.run("return JSON.stringify(await new Blob([new Uint8Array([0xEF, 0xBB, 0xBF, 0x68, 0xFF, 0x69])]).text())"))
                .isEqualTo("\"h\uFFFDi\"");
    }

    @Test
    void streams_its_bytes_in_chunks() {
        String result = js.run("""
                const blob = new Blob([new Uint8Array(150000).fill(7)]);
                let total = 0, chunks = 0;
                for await (const chunk of blob.stream()) { total += chunk.byteLength; chunks++; }
                return total + " bytes in " + chunks + " chunks";
                """);

        assertThat(result).isEqualTo("150000 bytes in 3 chunks");
    }

    @Test
    void rejects_parts_that_are_not_a_sequence() {
        assertThat(js.errorOf("new Blob('abc')")).startsWith("TypeError:");
        assertThat(js.errorOf("new Blob([], { endings: 'windows' })")).startsWith("TypeError:");
    }

    @Test
    void file_has_a_name_a_last_modified_time_and_is_a_blob() {
        String result = js.run("""
                const file = new File(["x"], "notes.txt", { type: "text/plain", lastModified: 42 });
                const now = new File([], "now");
                return [file.name, file.lastModified, file.size, file.type, file instanceof Blob,
                        Object.prototype.toString.call(file), typeof now.lastModified, now.lastModified > 0].join(",");
                """);

        assertThat(result).isEqualTo("notes.txt,42,1,text/plain,true,[object File],number,true");
    }

    @Test
    void file_requires_a_name() {
        assertThat(js.errorOf("new File([])")).startsWith("TypeError:");
    }

    @Test
    void internals_give_synchronous_access_to_the_bytes() {
        js.runtime().onLoop(ctx -> {
            ctx.getBindings("js").putMember("internals", js.runtime().internals());
            return null;
        }).join();

        assertThat(js.run("return internals.blob.bytesOf(new Blob(['ab', 'c']).slice(1)).join(',')")).isEqualTo("98,99");
    }

    @Test
    void inspects_blobs_and_files_as_node_does() {
        assertThat(js.runWithInternals("return internals.inspect([new Blob(['abc'], { type: 'text/plain' }), "
                + "new File(['abc'], 'f.txt', { type: 'text/plain', lastModified: 0 })])"))
                .isEqualTo("[\n  Blob { size: 3, type: 'text/plain' },\n  File { size: 3, type: 'text/plain', name: 'f.txt', lastModified: 0 }\n]");
    }
}
