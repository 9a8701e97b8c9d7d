// URL Standard: URL and URLSearchParams from the whatwg-url package (the reference implementation
// of the standard, with tr46 for IDNA and punycode), read from its webjar by a small CommonJS loader
// and created on first use.
(function (ops, internals) {
  "use strict";

  // ---- CommonJS over the class path (paths relative to META-INF/resources/webjars/).

  const modules = new Map();

  function normalize(path) {
    const out = [];
    for (const segment of path.split("/")) {
      if (segment === "" || segment === ".") continue;
      if (segment === "..") out.pop();
      else out.push(segment);
    }
    return out.join("/");
  }

  /** Node's resolution, reduced to what webjars need: relative files and package main entries. */
  function resolve(specifier, fromDir) {
    let base;
    if (specifier.startsWith("./") || specifier.startsWith("../")) {
      base = normalize(`${fromDir}/${specifier}`);
    } else {
      const [name, ...rest] = specifier.split("/");
      const version = ops.packageVersion(name);
      if (version == null) throw new Error(`Cannot find package '${name}'`);
      const root = `${name}/${version}`;
      const subpath = rest.join("/");
      base = subpath ? normalize(`${root}/${subpath}`) : normalize(`${root}/${JSON.parse(ops.readText(`${root}/package.json`)).main ?? "index.js"}`);
    }
    for (const candidate of [base, `${base}.js`, `${base}.json`, `${base}/index.js`]) {
      if (ops.exists(candidate)) return candidate;
    }
    throw new Error(`Cannot find module '${specifier}' from '${fromDir}'`);
  }

  function load(path) {
    const cached = modules.get(path);
    if (cached !== undefined) return cached.exports;
    const replacement = replacements.find(([pattern]) => pattern.test(path));
    if (replacement !== undefined) {
      const dir = path.slice(0, path.lastIndexOf("/"));
      const module = { exports: replacement[1](() => loadFile(path), (specifier) => load(resolve(specifier, dir))) };
      modules.set(path, module);
      return module.exports;
    }
    return loadFile(path);
  }

  function loadFile(path) {
    const key = `file:${path}`;
    const cached = modules.get(key);
    if (cached !== undefined) return cached.exports;
    const module = { exports: {} };
    modules.set(key, module);
    if (path.endsWith(".json")) {
      module.exports = JSON.parse(ops.readText(path));
    } else {
      const dir = path.slice(0, path.lastIndexOf("/"));
      ops.compileModule(path)(module.exports, (specifier) => load(resolve(specifier, dir)), module);
    }
    return module.exports;
  }

  // ---- whatwg-url's lib/encoding.js needs TextEncoder/TextDecoder when it loads; this stands in
  // for it (ASCII in JS, everything else through the host) so URL does not depend on them.

  function isAscii(string) {
    for (let i = 0; i < string.length; i++) {
      if (string.charCodeAt(i) > 0x7F) return false;
    }
    return true;
  }

  const utf8 = {
    utf8Encode(string) {
      if (isAscii(string)) {
        const bytes = new Uint8Array(string.length);
        for (let i = 0; i < string.length; i++) bytes[i] = string.charCodeAt(i);
        return bytes;
      }
      return new Uint8Array(ops.encodeUtf8(string.toWellFormed())).slice();
    },
    utf8DecodeWithoutBOM(bytes) {
      let ascii = true;
      for (let i = 0; i < bytes.length; i++) {
        if (bytes[i] > 0x7F) {
          ascii = false;
          break;
        }
      }
      if (!ascii) return ops.decodeUtf8(bytes);
      let text = "";
      for (let i = 0; i < bytes.length; i += 8192) {
        text += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
      }
      return text;
    },
  };

  // tr46 (IDNA) takes seconds to load in the interpreter (a 140 KB mapping table, large Unicode
  // regexes) and most hosts never need it. URL §3.3 "domain to ASCII" step 1: when not strict, an
  // ASCII domain with no label starting with "xn--" only needs lowercasing; tr46 loads otherwise.
  function tr46OnDemand(loadTr46) {
    const asciiWithoutPunycode = (domain) => isAscii(domain) && !/(?:^|\.)xn--/i.test(domain);
    return {
      toASCII(domain, options) {
        if (!options.useSTD3ASCIIRules && !options.checkHyphens && !options.verifyDNSLength && asciiWithoutPunycode(domain)) {
          return domain.toLowerCase();
        }
        return loadTr46().toASCII(domain, options);
      },
      toUnicode(domain, options) {
        return loadTr46().toUnicode(domain, options);
      },
    };
  }

  // ---- Fast paths for what servers see on every request. Each accepts only inputs whose result it
  // knows to equal the full algorithm's, and hands everything else to whatwg-url.

  const specialPorts = { "http:": 80, "https:": 443, "ws:": 80, "wss:": 443 };

  /** A dotted quad in canonical form ("127.0.0.1") as the IPv4 number, else -1. */
  function canonicalIPv4(host) {
    const parts = host.split(".");
    if (parts.length !== 4) return -1;
    let address = 0;
    for (const part of parts) {
      if (!/^(?:0|[1-9][0-9]{0,2})$/.test(part) || Number(part) > 255) return -1;
      address = address * 256 + Number(part);
    }
    return address;
  }

  /**
   * The host of a special URL (URL §3.5 host parser) when it is a plain ASCII domain or a canonical
   * dotted quad: no empty labels, no punycode (xn--) labels, no label ending the host in a number
   * unless the whole host is a canonical IPv4 address. Returns the host (string or IPv4 number) or
   * null when the full parser must decide.
   */
  function commonHost(host) {
    if (host.length === 0 || host.charCodeAt(0) === 0x2E || host.charCodeAt(host.length - 1) === 0x2E || host.includes("..")) return null;
    let lower = true;
    for (let i = 0; i < host.length; i++) {
      const c = host.charCodeAt(i);
      if (c >= 0x41 && c <= 0x5A) lower = false;
      else if (!((c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c === 0x2D || c === 0x2E || c === 0x5F)) return null;
    }
    const domain = lower ? host : host.toLowerCase();
    if (domain.startsWith("xn--") || domain.includes(".xn--")) return null;
    const lastLabel = domain.lastIndexOf(".") + 1;
    const first = domain.charCodeAt(lastLabel);
    if (first >= 0x30 && first <= 0x39) {
      // "ends in a number": an IPv4 address, parsed by the full parser unless already canonical.
      const address = canonicalIPv4(domain);
      return address < 0 ? null : address;
    }
    return domain;
  }

  // URL §1.3: the path, special-query and fragment percent-encode sets restricted to printable ASCII
  // (backslash added for paths: special URLs read it as a separator), as lookup tables by code unit.
  function asciiSet(chars) {
    const set = new Uint8Array(128);
    for (const c of chars) set[c.charCodeAt(0)] = 1;
    return set;
  }
  const pathSet = asciiSet("\"<>`{}^\\");
  const querySet = asciiSet("\"<>'");
  const fragmentSet = asciiSet("\"<>`");

  /**
   * True when every code unit of input[from, to) is printable ASCII outside the given percent-encode
   * set, so the component is kept exactly as written.
   */
  function printableOutside(input, from, to, encodeSet) {
    for (let i = from; i < to; i++) {
      const c = input.charCodeAt(i);
      if (c < 0x21 || c > 0x7E || encodeSet[c] === 1) return false;
    }
    return true;
  }

  /**
   * URL §4.4 basic URL parser for an absolute http(s)/ws(s) URL written in canonical form apart from
   * host case and a default port: "http://host[:port]/path?query#fragment" with printable ASCII that
   * needs no percent-encoding, no credentials, no IPv6 host and no dot segments. Returns the URL
   * record whatwg-url would return, or null to run the full state machine. A base URL does not
   * matter for such input (the scheme and "//" make it absolute).
   */
  function parseCommonUrl(input) {
    if (typeof input !== "string") return null;
    const colon = input.indexOf(":");
    if (colon < 2 || colon > 5) return null;
    const scheme = input.slice(0, colon);
    const defaultPort = specialPorts[scheme + ":"];
    if (defaultPort === undefined || input.charCodeAt(colon + 1) !== 0x2F || input.charCodeAt(colon + 2) !== 0x2F) return null;
    const length = input.length;
    const authorityStart = colon + 3;
    let authorityEnd = authorityStart;
    let portColon = -1;
    for (; authorityEnd < length; authorityEnd++) {
      const c = input.charCodeAt(authorityEnd);
      if (c === 0x2F || c === 0x3F || c === 0x23) break;
      if (c === 0x3A && portColon < 0) portColon = authorityEnd;
    }
    const host = commonHost(input.slice(authorityStart, portColon < 0 ? authorityEnd : portColon));
    if (host === null) return null;
    let port = null;
    if (portColon >= 0 && portColon + 1 < authorityEnd) {
      const digits = input.slice(portColon + 1, authorityEnd);
      if (!/^[0-9]{1,5}$/.test(digits)) return null;
      port = Number(digits);
      if (port > 65535) return null;
      if (port === defaultPort) port = null;
    }
    let end = authorityEnd;
    let path = [""];
    if (input.charCodeAt(end) === 0x2F) {
      while (end < length && input.charCodeAt(end) !== 0x3F && input.charCodeAt(end) !== 0x23) end++;
      if (!printableOutside(input, authorityEnd, end, pathSet)) return null;
      path = input.slice(authorityEnd + 1, end).split("/");
      for (const segment of path) {
        // Single- and double-dot segments (also written %2e) are resolved by the full parser.
        if (segment === "." || segment === ".." || (segment.includes("%") && /%2e/i.test(segment))) return null;
      }
    }
    let query = null;
    if (input.charCodeAt(end) === 0x3F) {
      let queryEnd = end + 1;
      while (queryEnd < length && input.charCodeAt(queryEnd) !== 0x23) queryEnd++;
      if (!printableOutside(input, end + 1, queryEnd, querySet)) return null;
      query = input.slice(end + 1, queryEnd);
      end = queryEnd;
    }
    let fragment = null;
    if (end < length) {
      if (!printableOutside(input, end + 1, length, fragmentSet)) return null;
      fragment = input.slice(end + 1);
    }
    return { scheme, username: "", password: "", host, port, path, query, fragment };
  }

  /** url-state-machine.js with basicURLParse trying parseCommonUrl (and its recent results) first for whole-URL parses. */
  function stateMachineWithFastPath(loadOriginal) {
    const original = loadOriginal();
    // Common URLs parsed lately (input -> record): a server makes a URL of the same few request URLs
    // again and again. The parse depends on the string alone; each caller gets its own copy, since
    // a URL's setters change its record.
    const commonRecords = new Map();
    const maxCommonRecords = 256;
    const copyOf = (r) => ({ scheme: r.scheme, username: r.username, password: r.password, host: r.host, port: r.port,
      path: r.path.slice(), query: r.query, fragment: r.fragment });
    return {
      ...original,
      basicURLParse(input, options) {
        if (options === undefined || (options.url === undefined && options.stateOverride === undefined && options.encodingOverride === undefined)) {
          const cached = typeof input === "string" ? commonRecords.get(input) : undefined;
          if (cached !== undefined) return copyOf(cached);
          const record = parseCommonUrl(input);
          if (record !== null) {
            if (commonRecords.size >= maxCommonRecords) commonRecords.clear();
            commonRecords.set(input, copyOf(record));
            return record;
          }
        }
        return original.basicURLParse(input, options);
      },
      // URL §3.6 IPv4 serializer: the four bytes of the number, most significant first.
      serializeHost(host) {
        if (typeof host === "number") return `${host >>> 24}.${(host >>> 16) & 255}.${(host >>> 8) & 255}.${host & 255}`;
        return original.serializeHost(host);
      },
    };
  }

  /**
   * urlencoded.js (URL §5) with fast paths: parsing a string with no "%" and only ASCII, and
   * serializing names and values made only of characters the serializer keeps (and spaces).
   */
  function urlencodedWithFastPaths(loadOriginal) {
    const original = loadOriginal();
    const keptAsIs = /^[A-Za-z0-9*\-._ ]*$/;
    return {
      parseUrlencodedString(input) {
        for (let i = 0; i < input.length; i++) {
          const c = input.charCodeAt(i);
          if (c === 0x25 || c > 0x7F) return original.parseUrlencodedString(input);
        }
        const output = [];
        for (const sequence of input.split("&")) {
          if (sequence === "") continue;
          const eq = sequence.indexOf("=");
          const name = eq < 0 ? sequence : sequence.slice(0, eq);
          const value = eq < 0 ? "" : sequence.slice(eq + 1);
          output.push([name.replaceAll("+", " "), value.replaceAll("+", " ")]);
        }
        return output;
      },
      serializeUrlencoded(tuples) {
        let output = "";
        for (let i = 0; i < tuples.length; i++) {
          const [name, value] = tuples[i];
          if (!keptAsIs.test(name) || !keptAsIs.test(value)) return original.serializeUrlencoded(tuples);
          output += `${i === 0 ? "" : "&"}${name.replaceAll(" ", "+")}=${value.replaceAll(" ", "+")}`;
        }
        return output;
      },
    };
  }

  /** webidl-conversions with USVString (WebIDL §3.2.12: lone surrogates become U+FFFD) done natively. */
  function conversionsWithNativeUSVString(loadOriginal) {
    const conversions = loadOriginal();
    return { ...conversions, USVString: (value, options) => conversions.DOMString(value, options).toWellFormed() };
  }

  /**
   * URL-impl.js with URL.searchParams made on first use instead of by every URL constructor (the
   * constructor steps of URL §6.1 otherwise unchanged: parse the base, then the URL against it).
   */
  function urlImplWithLazySearchParams(loadOriginal, require) {
    const Original = loadOriginal().implementation;
    const usm = require("./url-state-machine");
    const URLSearchParams = require("./URLSearchParams");
    const kGlobal = Symbol("global object");
    const kQuery = Symbol("query object");
    // A derived constructor may return its own object instead of calling super: the eager one never runs.
    class URLImpl extends Original {
      constructor(globalObject, [url, base]) {
        let parsedBase = null;
        if (base !== undefined) {
          parsedBase = usm.basicURLParse(base);
          if (parsedBase === null) throw new TypeError(`Invalid base URL: ${base}`);
        }
        const parsedURL = usm.basicURLParse(url, { baseURL: parsedBase });
        if (parsedURL === null) throw new TypeError(`Invalid URL: ${url}`);
        const self = Object.create(new.target.prototype);
        self._url = parsedURL;
        self[kGlobal] = globalObject;
        self[kQuery] = null;
        return self;
      }
      /** The URL's URLSearchParams object (its "query object"), initialized from the query when first needed. */
      get _query() {
        if (this[kQuery] === null) {
          const query = URLSearchParams.createImpl(this[kGlobal], [this._url.query ?? ""], { doNotStripQMark: true });
          query._url = this;
          this[kQuery] = query;
        }
        return this[kQuery];
      }
      static parse(globalObject, input, base) {
        try {
          return new URLImpl(globalObject, [input, base]);
        } catch {
          return null;
        }
      }
    }
    return { implementation: URLImpl };
  }

  /** Modules replaced by path (relative to the webjars root): [pattern, (loadOriginal, require) => exports]. */
  const replacements = [
    [/^whatwg-url\/[^/]+\/lib\/encoding\.js$/, () => utf8],
    [/^tr46\/[^/]+\/index\.js$/, tr46OnDemand],
    [/^whatwg-url\/[^/]+\/lib\/url-state-machine\.js$/, stateMachineWithFastPath],
    [/^whatwg-url\/[^/]+\/lib\/urlencoded\.js$/, urlencodedWithFastPaths],
    [/^webidl-conversions\/[^/]+\/lib\/index\.js$/, conversionsWithNativeUSVString],
    [/^whatwg-url\/[^/]+\/lib\/URL-impl\.js$/, urlImplWithLazySearchParams],
  ];

  // ---- the globals

  let whatwgUrl;
  function library() {
    if (whatwgUrl === undefined) whatwgUrl = load(resolve("whatwg-url", ""));
    return whatwgUrl;
  }

  internals.defineLazyGlobal("URL", () => library().URL);
  internals.defineLazyGlobal("URLSearchParams", () => library().URLSearchParams);
  /**
   * Absolute URL strings serialized lately (input -> href, or null when the input does not parse):
   * fetch and the server see the same few URLs again and again, and parsing and serializing one
   * (a "127.0.0.1" host above all) was most of a served request's JS time (bench/serve.sh hello).
   * The result depends on the string alone, so a hit is exact.
   */
  const hrefs = new Map();
  const maxHrefs = 256;
  function href(input) {
    const cached = hrefs.get(input);
    if (cached !== undefined) return cached;
    const record = library().basicURLParse(input);
    const serialized = record === null ? null : library().serializeURL(record);
    if (hrefs.size >= maxHrefs) hrefs.clear();
    hrefs.set(input, serialized);
    return serialized;
  }

  internals.url = {
    /** The whatwg-url module: parseURL, serializeURL, serializeURLOrigin, percentDecodeString, ... */
    library,
    /** URL §4.4 basic URL parser without a base: the URL record, or null on failure. */
    parse: (input) => library().basicURLParse(input),
    /** URL §4.5 URL serializer. */
    serialize: (record) => library().serializeURL(record),
    /** The serialization of the absolute URL string `input` (parsed without a base), or null. */
    href,
  };
})
