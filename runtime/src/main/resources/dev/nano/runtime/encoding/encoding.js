// Encoding Standard: TextEncoder, TextDecoder (every label of §4.2 that a Java charset can decode),
// and HTML's atob/btoa. UTF-8 goes to the host in one bulk copy; other encodings keep a host
// decoder per TextDecoder so that decode(chunk, { stream: true }) keeps partial sequences.
(function (ops, internals) {
  "use strict";
  const { DOMException, webidl } = internals;

  // Encoding Standard §4.2 "Names and labels": encoding name → [Java charset, ...labels].
  const encodings = {
    "utf-8": ["UTF-8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"],
    "ibm866": ["IBM866", "866", "cp866", "csibm866", "ibm866"],
    "iso-8859-2": ["ISO-8859-2", "csisolatin2", "iso-8859-2", "iso-ir-101", "iso8859-2", "iso88592", "iso_8859-2", "iso_8859-2:1987", "l2", "latin2"],
    "iso-8859-3": ["ISO-8859-3", "csisolatin3", "iso-8859-3", "iso-ir-109", "iso8859-3", "iso88593", "iso_8859-3", "iso_8859-3:1988", "l3", "latin3"],
    "iso-8859-4": ["ISO-8859-4", "csisolatin4", "iso-8859-4", "iso-ir-110", "iso8859-4", "iso88594", "iso_8859-4", "iso_8859-4:1988", "l4", "latin4"],
    "iso-8859-5": ["ISO-8859-5", "csisolatincyrillic", "cyrillic", "iso-8859-5", "iso-ir-144", "iso8859-5", "iso88595", "iso_8859-5", "iso_8859-5:1988"],
    "iso-8859-6": ["ISO-8859-6", "arabic", "asmo-708", "csiso88596e", "csiso88596i", "csisolatinarabic", "ecma-114", "iso-8859-6", "iso-8859-6-e", "iso-8859-6-i", "iso-ir-127", "iso8859-6", "iso88596", "iso_8859-6", "iso_8859-6:1987"],
    "iso-8859-7": ["ISO-8859-7", "csisolatingreek", "ecma-118", "elot_928", "greek", "greek8", "iso-8859-7", "iso-ir-126", "iso8859-7", "iso88597", "iso_8859-7", "iso_8859-7:1987", "sun_eu_greek"],
    "iso-8859-8": ["ISO-8859-8", "csiso88598e", "csisolatinhebrew", "hebrew", "iso-8859-8", "iso-8859-8-e", "iso-ir-138", "iso8859-8", "iso88598", "iso_8859-8", "iso_8859-8:1988", "visual"],
    "iso-8859-8-i": ["ISO-8859-8", "csiso88598i", "iso-8859-8-i", "logical"],
    "iso-8859-10": [null, "csisolatin6", "iso-8859-10", "iso-ir-157", "iso8859-10", "iso885910", "l6", "latin6"],
    "iso-8859-13": ["ISO-8859-13", "iso-8859-13", "iso8859-13", "iso885913"],
    "iso-8859-14": [null, "iso-8859-14", "iso8859-14", "iso885914"],
    "iso-8859-15": ["ISO-8859-15", "csisolatin9", "iso-8859-15", "iso8859-15", "iso885915", "iso_8859-15", "l9"],
    "iso-8859-16": ["ISO-8859-16", "iso-8859-16"],
    "koi8-r": ["KOI8-R", "cskoi8r", "koi", "koi8", "koi8-r", "koi8_r"],
    "koi8-u": ["KOI8-U", "koi8-ru", "koi8-u"],
    "macintosh": ["x-MacRoman", "csmacintosh", "mac", "macintosh", "x-mac-roman"],
    "windows-874": ["x-windows-874", "dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620", "windows-874"],
    "windows-1250": ["windows-1250", "cp1250", "windows-1250", "x-cp1250"],
    "windows-1251": ["windows-1251", "cp1251", "windows-1251", "x-cp1251"],
    "windows-1252": ["windows-1252", "ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1", "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1", "us-ascii", "windows-1252", "x-cp1252"],
    "windows-1253": ["windows-1253", "cp1253", "windows-1253", "x-cp1253"],
    "windows-1254": ["windows-1254", "cp1254", "csisolatin5", "iso-8859-9", "iso-ir-148", "iso8859-9", "iso88599", "iso_8859-9", "iso_8859-9:1989", "l5", "latin5", "windows-1254", "x-cp1254"],
    "windows-1255": ["windows-1255", "cp1255", "windows-1255", "x-cp1255"],
    "windows-1256": ["windows-1256", "cp1256", "windows-1256", "x-cp1256"],
    "windows-1257": ["windows-1257", "cp1257", "windows-1257", "x-cp1257"],
    "windows-1258": ["windows-1258", "cp1258", "windows-1258", "x-cp1258"],
    "x-mac-cyrillic": ["x-MacCyrillic", "x-mac-cyrillic", "x-mac-ukrainian"],
    // The Encoding Standard decodes gbk with the gb18030 decoder.
    "gbk": ["GB18030", "chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80", "gbk", "iso-ir-58", "x-gbk"],
    "gb18030": ["GB18030", "gb18030"],
    "big5": ["Big5-HKSCS", "big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"],
    "euc-jp": ["EUC-JP", "cseucpkdfmtjapanese", "euc-jp", "x-euc-jp"],
    "iso-2022-jp": ["ISO-2022-JP", "csiso2022jp", "iso-2022-jp"],
    "shift_jis": ["windows-31j", "csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis", "windows-31j", "x-sjis"],
    "euc-kr": ["x-windows-949", "cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean", "ks_c_5601-1987", "ks_c_5601-1989", "ksc5601", "ksc_5601", "windows-949"],
    "replacement": [null, "csiso2022kr", "hz-gb-2312", "iso-2022-cn", "iso-2022-cn-ext", "iso-2022-kr", "replacement"],
    "utf-16be": ["UTF-16BE", "unicodefffe", "utf-16be"],
    "utf-16le": ["UTF-16LE", "csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le"],
    "x-user-defined": [null, "x-user-defined"],
  };
  const byLabel = new Map();
  for (const [name, [, ...labels]] of Object.entries(encodings)) {
    for (const label of labels) byLabel.set(label, name);
  }

  /** Encoding Standard §4.2 "get an encoding": trims ASCII whitespace, ignores case. */
  function getEncoding(label) {
    return byLabel.get(String(label).replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, "").toLowerCase());
  }

  const bomEncodings = new Set(["utf-8", "utf-16le", "utf-16be"]);

  function toDecoderInput(input) {
    if (input === undefined) return new Uint8Array(0);
    if (!webidl.isBufferSource(input)) {
      throw new TypeError("TextDecoder.decode: input must be an ArrayBuffer or ArrayBufferView");
    }
    return webidl.toBytes(input);
  }

  // x-user-defined (§14.5): ASCII stays, 0x80–0xFF map to U+F780–U+F7FF. No host charset has it.
  function decodeUserDefined(bytes) {
    let out = "";
    for (let i = 0; i < bytes.length; i += 8192) {
      const part = bytes.subarray(i, i + 8192);
      out += String.fromCharCode(...Array.from(part, (b) => (b < 0x80 ? b : 0xf700 + b)));
    }
    return out;
  }

  const kState = Symbol("TextDecoder state");

  class TextDecoder {
    constructor(label = "utf-8", options = undefined) {
      const encoding = getEncoding(label);
      if (encoding === undefined || encoding === "replacement") {
        throw new RangeError(`TextDecoder: the "${label}" encoding is not supported`);
      }
      if (encodings[encoding][0] === null && encoding !== "x-user-defined") {
        throw new RangeError(`TextDecoder: the "${encoding}" encoding is not supported by NANO`);
      }
      const opts = options ?? {};
      this[kState] = {
        encoding,
        fatal: Boolean(opts.fatal),
        ignoreBOM: Boolean(opts.ignoreBOM),
        host: null, // the host decoder, created on the first streaming or non-UTF-8 decode
        streaming: false, // a stream is under way: its partial sequences and BOM check carry over
        bomSeen: false,
      };
    }

    get encoding() { return state(this).encoding; }
    get fatal() { return state(this).fatal; }
    get ignoreBOM() { return state(this).ignoreBOM; }

    decode(input = undefined, options = undefined) {
      const s = state(this);
      const bytes = toDecoderInput(input);
      const stream = Boolean(options?.stream);
      let text;
      if (s.encoding === "x-user-defined") {
        text = decodeUserDefined(bytes);
      } else if (s.encoding === "utf-8" && !stream && !s.streaming) {
        text = ops.decodeUtf8(bytes, s.fatal);
      } else {
        s.host ??= ops.decoder(encodings[s.encoding][0], s.fatal);
        text = s.host.decode(bytes, stream);
      }
      if (text === null) {
        // Only a fatal decoder fails (§4.3 step "error mode is fatal"); its stream starts over.
        s.streaming = false;
        s.bomSeen = false;
        throw new TypeError(`TextDecoder.decode: the encoded data was not valid ${s.encoding}`);
      }
      // §4.3 "decode": a leading BOM of a UTF-8/16 stream is dropped unless ignoreBOM.
      if (!s.ignoreBOM && !s.bomSeen && bomEncodings.has(s.encoding) && text.length > 0) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        s.bomSeen = true;
      }
      s.streaming = stream;
      if (!stream) s.bomSeen = false;
      return text;
    }
  }

  function state(decoder) {
    const s = decoder?.[kState];
    if (s === undefined) throw new TypeError("Illegal invocation");
    return s;
  }

  class TextEncoder {
    get encoding() {
      return "utf-8";
    }

    encode(input = "") {
      return webidl.fromHost(ops.encodeUtf8(String(input).toWellFormed()));
    }

    encodeInto(source, destination) {
      if (!(destination instanceof Uint8Array)) {
        throw new TypeError("TextEncoder.encodeInto: destination must be a Uint8Array");
      }
      const text = String(source).toWellFormed();
      // Most calls fit: one host encode, one bulk copy. Otherwise the host stops at a code point boundary.
      let bytes = new Uint8Array(ops.encodeUtf8(text));
      let read = text.length;
      if (bytes.length > destination.length) {
        bytes = new Uint8Array(ops.encodeUtf8Into(text, destination.length));
        read = ops.lastRead();
      }
      destination.set(bytes);
      return { read, written: bytes.length };
    }
  }

  for (const C of [TextEncoder, TextDecoder]) {
    Object.defineProperty(C.prototype, Symbol.toStringTag, { value: C.name, configurable: true });
  }
  internals.markSideEffectFree(TextEncoder.prototype, "encoding");
  internals.markSideEffectFree(TextDecoder.prototype, "encoding", "fatal", "ignoreBOM");
  // TextEncoder { encoding: 'utf-8' }, TextDecoder { encoding: 'utf-8', fatal: false, ignoreBOM: false }.
  const inspectCustom = Symbol.for("nodejs.util.inspect.custom");
  Object.defineProperty(TextEncoder.prototype, inspectCustom, {
    value: function () {
      return internals.inspect.named("TextEncoder", { encoding: "utf-8" });
    },
    writable: true,
    configurable: true,
  });
  Object.defineProperty(TextDecoder.prototype, inspectCustom, {
    value: function () {
      const s = this?.[kState];
      if (s === undefined) return this;
      return internals.inspect.named("TextDecoder", { encoding: s.encoding, fatal: s.fatal, ignoreBOM: s.ignoreBOM });
    },
    writable: true,
    configurable: true,
  });

  // HTML §8.3 base64 utility methods, with the forgiving-base64 decode of the Infra Standard.
  function btoa(data) {
    webidl.requiredArguments(arguments.length, 1, "btoa");
    const s = String(data);
    if (/[^\x00-\xff]/.test(s)) {
      throw new DOMException("The string to be encoded contains characters outside of the Latin1 range.", "InvalidCharacterError");
    }
    return ops.base64Encode(s);
  }

  function atob(data) {
    webidl.requiredArguments(arguments.length, 1, "atob");
    let s = String(data).replace(/[\t\n\f\r ]+/g, "");
    if (s.length % 4 === 0) s = s.replace(/={1,2}$/, "");
    if (s.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(s)) {
      throw new DOMException("The string to be decoded is not correctly encoded.", "InvalidCharacterError");
    }
    const decoded = ops.base64Decode(s.padEnd(Math.ceil(s.length / 4) * 4, "="));
    if (decoded === null) {
      throw new DOMException("The string to be decoded is not correctly encoded.", "InvalidCharacterError");
    }
    return decoded;
  }

  internals.encoding = { getEncoding };
  internals.defineGlobal("TextEncoder", TextEncoder);
  internals.defineGlobal("TextDecoder", TextDecoder);
  internals.defineGlobal("btoa", btoa);
  internals.defineGlobal("atob", atob);
})
