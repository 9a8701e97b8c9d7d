package dev.nano.runtime.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nano.runtime.JsTesting;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class EncodingTest {
    @AutoClose
    private static final JsTesting js = JsTesting.start();

    /** A body returning the name of the error {@code statement} throws, or "no error". */
    static String errorName(String statement) {
        return "try { " + statement + "; return 'no error'; } catch (e) { return e.name; }";
    }

    @Test
    void encodes_utf8_and_replaces_lone_surrogates() {
        assertThat(js.run("return Array.from(new TextEncoder().encode('é€\\ud800')).join()"))
                .isEqualTo("195,169,226,130,172,239,191,189");
    }

    @Test
    void encode_returns_a_plain_uint8array() {
        assertThat(js.run("const u = new TextEncoder().encode('ab'); u[0] = 7; return `${u.constructor.name} ${u.buffer instanceof ArrayBuffer} ${u[0]}`"))
                .isEqualTo("Uint8Array true 7");
    }

    @Test
    void encode_into_never_splits_a_code_point() {
        assertThat(js.run("const d = new Uint8Array(5); const r = new TextEncoder().encodeInto('a€b', d.subarray(0, 3)); return `${r.read} ${r.written} ${d}`"))
                .isEqualTo("1 1 97,0,0,0,0");
        assertThat(js.run("const d = new Uint8Array(5); const r = new TextEncoder().encodeInto('a€b', d); return `${r.read} ${r.written} ${d}`"))
                .isEqualTo("3 5 97,226,130,172,98");
    }

    @Test
    void decodes_utf8_with_replacement_and_drops_the_bom() {
        assertThat(js.run("return new TextDecoder().decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0xff, 0x42]))"))
                .isEqualTo("A\uFFFDB");
    }

    @Test
    void replaces_each_maximal_bad_subsequence_as_the_encoding_standard_counts() {
        // An encoded surrogate (ED A0 80) is three errors, an overlong form (C0 AF) two, a
        // truncated four-byte sequence (F0 9F 98) one; the valid sequences around them survive.
        String hex = js.run("""
                const bytes = [0xED, 0xA0, 0x80, 0x41, 0xC0, 0xAF, 0xF0, 0x9F, 0x98, 0x42, 0xF0, 0x9F, 0x98, 0x80, 0xE2, 0x82];
                const text = new TextDecoder().decode(new Uint8Array(bytes));
                return [...text].map((c) => c.codePointAt(0).toString(16)).join(" ");
                """);

        assertThat(hex).isEqualTo("fffd fffd fffd 41 fffd fffd fffd 42 1f600 fffd");
    }

    @Test
    void streaming_counts_replacements_as_one_shot_decoding_does_wherever_the_chunks_split() {
        String result = js.run("""
                const bytes = new Uint8Array([0xF0, 0x9F, 0x98, 0x80, 0xED, 0xA0, 0x80, 0x41, 0xE2, 0x82, 0xAC, 0xF0, 0x9F]);
                const whole = new TextDecoder().decode(bytes);
                const splits = [];
                for (let cut = 1; cut < bytes.length; cut++) {
                  const d = new TextDecoder();
                  splits.push(d.decode(bytes.subarray(0, cut), { stream: true }) + d.decode(bytes.subarray(cut)));
                }
                return [[...whole].map((c) => c.codePointAt(0).toString(16)).join(" "), splits.every((s) => s === whole)].join("|");
                """);

        assertThat(result).isEqualTo("1f600 fffd fffd fffd 41 20ac fffd|true");
    }

    @Test
    void keeps_the_bom_when_asked() {
        assertThat(js.run("return new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])).length"))
                .isEqualTo("2");
    }

    @Test
    void fatal_decoder_throws_type_error_on_invalid_input() {
        assertThat(js.run(errorName("new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0xc3]))"))).isEqualTo("TypeError");
    }

    @Test
    void streaming_keeps_partial_sequences_across_calls() {
        assertThat(js.run("""
                const d = new TextDecoder();
                const bytes = new TextEncoder().encode('€𝄞');
                let s = '';
                for (const b of bytes) s += d.decode(new Uint8Array([b]), { stream: true });
                return s + d.decode();
                """)).isEqualTo("€𝄞");
    }

    @Test
    void streaming_end_turns_an_incomplete_sequence_into_replacement() {
        assertThat(js.run("const d = new TextDecoder(); return d.decode(new Uint8Array([0xe2, 0x82]), { stream: true }) + '|' + d.decode()"))
                .isEqualTo("|\uFFFD");
    }

    @Test
    void resolves_labels_to_encoding_names() {
        assertThat(js.run("return ['  LATIN1 ', 'sjis', 'utf-16', 'unicode-1-1-utf-8', 'gb2312'].map((l) => new TextDecoder(l).encoding).join()"))
                .isEqualTo("windows-1252,shift_jis,utf-16le,utf-8,gbk");
    }

    @Test
    void rejects_unknown_and_replacement_labels_with_range_error() {
        assertThat(js.run(errorName("new TextDecoder('utf-7')"))).isEqualTo("RangeError");
        assertThat(js.run(errorName("new TextDecoder('iso-2022-kr')"))).isEqualTo("RangeError");
    }

    @Test
    void decodes_utf16_and_legacy_encodings() {
        assertThat(js.run("return new TextDecoder('utf-16be').decode(new Uint8Array([0xfe, 0xff, 0, 0x41]))")).isEqualTo("A");
        assertThat(js.run("return new TextDecoder('shift_jis').decode(new Uint8Array([0x82, 0xa0]))")).isEqualTo("あ");
        assertThat(js.run("return new TextDecoder('windows-1252').decode(new Uint8Array([0x80]))")).isEqualTo("€");
        assertThat(js.run("return new TextDecoder('x-user-defined').decode(new Uint8Array([0x41, 0x80])).codePointAt(1).toString(16)")).isEqualTo("f780");
    }

    @Test
    void base64_round_trips_byte_strings() {
        assertThat(js.run("return btoa('hello\\xff') + ' ' + atob(' aGVs\\nbG8 ') + ' ' + atob('YQ')")).isEqualTo("aGVsbG// hello a");
    }

    @Test
    void atob_rejects_invalid_input_with_invalid_character_error() {
        assertThat(js.run(errorName("atob('a')"))).isEqualTo("InvalidCharacterError");
        assertThat(js.run(errorName("atob('ab$c')"))).isEqualTo("InvalidCharacterError");
    }

    @Test
    void btoa_rejects_characters_above_latin1() {
        assertThat(js.run(errorName("btoa('€')"))).isEqualTo("InvalidCharacterError");
    }

    @Test
    void inspects_encoders_and_decoders_with_their_settings() {
        assertThat(js.runWithInternals("return internals.inspect([new TextEncoder(), new TextDecoder('utf-16le', { fatal: true })])"))
                .isEqualTo("[\n  TextEncoder { encoding: 'utf-8' },\n  TextDecoder { encoding: 'utf-16le', fatal: true, ignoreBOM: false }\n]");
    }
}
