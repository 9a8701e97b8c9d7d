// URL Standard: the URL and URLSearchParams interfaces, on the parser, serializers and urlencoded
// codec of the whatwg-url package (the reference implementation of the standard, with tr46 for IDNA
// and punycode), read from its webjar by a small CommonJS loader when first needed.
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
   * urlencoded.js (URL §5) with fast paths on the engine's URI functions: decodeURIComponent equals
   * "percent-decode, then UTF-8 decode without BOM" whenever it succeeds (it throws on a stray "%"
   * and on bytes that are not UTF-8, which the whatwg-url code then handles), and encodeURIComponent
   * differs from the form serializer only in the five characters it keeps and in spaces.
   */
  function urlencodedWithFastPaths(loadOriginal) {
    const original = loadOriginal();
    // Most names and values have no "%": decoding them is only turning "+" into spaces.
    const decode = (text) => {
      const spaced = text.includes("+") ? text.replaceAll("+", " ") : text;
      return spaced.includes("%") ? decodeURIComponent(spaced) : spaced;
    };
    const keptByEncodeURIComponent = /[!'()~]|%20/g;
    const formEscapes = { "!": "%21", "'": "%27", "(": "%28", ")": "%29", "~": "%7E", "%20": "+" };
    const encode = (text) => encodeURIComponent(text).replace(keptByEncodeURIComponent, (c) => formEscapes[c]);
    return {
      parseUrlencodedString(input) {
        const output = [];
        try {
          for (const sequence of input.split("&")) {
            if (sequence === "") continue;
            const eq = sequence.indexOf("=");
            output.push(eq < 0 ? [decode(sequence), ""] : [decode(sequence.slice(0, eq)), decode(sequence.slice(eq + 1))]);
          }
        } catch {
          return original.parseUrlencodedString(input);
        }
        return output;
      },
      serializeUrlencoded(tuples) {
        let output = "";
        for (let i = 0; i < tuples.length; i++) {
          const [name, value] = tuples[i];
          output += `${i === 0 ? "" : "&"}${encode(name)}=${encode(value)}`;
        }
        return output;
      },
    };
  }

  /** Modules replaced by path (relative to the webjars root): [pattern, (loadOriginal, require) => exports]. */
  const replacements = [
    [/^whatwg-url\/[^/]+\/lib\/encoding\.js$/, () => utf8],
    [/^tr46\/[^/]+\/index\.js$/, tr46OnDemand],
    [/^whatwg-url\/[^/]+\/lib\/url-state-machine\.js$/, stateMachineWithFastPath],
    [/^whatwg-url\/[^/]+\/lib\/urlencoded\.js$/, urlencodedWithFastPaths],
  ];

  // whatwg-url's parser, serializers and application/x-www-form-urlencoded codec (its URL and
  // URLSearchParams classes are not used: those below keep the URL record in a private field, and a
  // getter is a field read instead of a WebIDL wrapper's brand check and a call into the impl).
  let machine;
  let urlencoded;
  const usm = () => (machine ??= load(resolve("whatwg-url/lib/url-state-machine", "")));
  const forms = () => (urlencoded ??= load(resolve("whatwg-url/lib/urlencoded", "")));

  // ---- the URL and URLSearchParams interfaces (URL §6)

  /** WebIDL USVString: ToString (a Symbol throws a TypeError), then lone surrogates become U+FFFD. */
  const usv = (value) => `${value}`.toWellFormed();
  const requiredArguments = (count, required, prefix) => internals.webidl.requiredArguments(count, required, prefix);
  const inspectCustom = Symbol.for("nodejs.util.inspect.custom");
  /** Marks the internal constructor calls (a record or a list handed over, nothing to convert). */
  const kInternal = Symbol("internal");

  /** URL §4.4 basic URL parser with an optional base string: the URL record, or null on failure. */
  function parseWithBase(url, base) {
    let baseRecord = null;
    if (base !== undefined) {
      baseRecord = usm().basicURLParse(base);
      if (baseRecord === null) return null;
    }
    return usm().basicURLParse(url, baseRecord === null ? undefined : { baseURL: baseRecord });
  }

  // Set in the classes' static blocks: URL reaches the list of its query object through them, and
  // structured clone tells both kinds of object apart from look-alikes.
  let listOf;
  let replaceList;
  let isURL;
  let isURLSearchParams;

  class URL {
    #url; // the URL record (URL §4.1)
    #query = null; // the URLSearchParams object, made on first use (the spec makes it in the constructor)
    #href = null; // the serialization, until the record changes

    constructor(url, base = undefined) {
      if (url === kInternal) {
        this.#url = base;
        return;
      }
      requiredArguments(arguments.length, 1, "URL constructor");
      url = usv(url);
      if (base !== undefined) base = usv(base);
      let baseRecord = null;
      if (base !== undefined) {
        baseRecord = usm().basicURLParse(base);
        if (baseRecord === null) throw new TypeError(`Invalid base URL: ${base}`);
      }
      const record = usm().basicURLParse(url, baseRecord === null ? undefined : { baseURL: baseRecord });
      if (record === null) throw new TypeError(`Invalid URL: ${url}`);
      this.#url = record;
    }

    static parse(url, base = undefined) {
      requiredArguments(arguments.length, 1, "URL.parse");
      const record = parseWithBase(usv(url), base === undefined ? undefined : usv(base));
      return record === null ? null : new URL(kInternal, record);
    }

    static canParse(url, base = undefined) {
      requiredArguments(arguments.length, 1, "URL.canParse");
      return parseWithBase(usv(url), base === undefined ? undefined : usv(base)) !== null;
    }

    /** The update steps of this URL's query object (URL §6.2): the list serialized into the query. */
    #queryChanged(list) {
      const serialized = forms().serializeUrlencoded(list);
      this.#url.query = serialized === "" ? null : serialized;
      this.#href = null;
    }

    get href() {
      return this.#serialized();
    }
    set href(value) {
      value = usv(value);
      const record = usm().basicURLParse(value);
      if (record === null) throw new TypeError(`Invalid URL: ${value}`);
      this.#url = record;
      this.#href = null;
      if (this.#query !== null) replaceList(this.#query, record.query === null ? [] : forms().parseUrlencodedString(record.query));
    }

    get origin() {
      return usm().serializeURLOrigin(this.#url);
    }

    get protocol() {
      return `${this.#url.scheme}:`;
    }
    set protocol(value) {
      usm().basicURLParse(`${usv(value)}:`, { url: this.#url, stateOverride: "scheme start" });
      this.#href = null;
    }

    get username() {
      return this.#url.username;
    }
    set username(value) {
      value = usv(value);
      if (usm().cannotHaveAUsernamePasswordPort(this.#url)) return;
      usm().setTheUsername(this.#url, value);
      this.#href = null;
    }

    get password() {
      return this.#url.password;
    }
    set password(value) {
      value = usv(value);
      if (usm().cannotHaveAUsernamePasswordPort(this.#url)) return;
      usm().setThePassword(this.#url, value);
      this.#href = null;
    }

    get host() {
      const url = this.#url;
      if (url.host === null) return "";
      const host = usm().serializeHost(url.host);
      return url.port === null ? host : `${host}:${url.port}`;
    }
    set host(value) {
      value = usv(value);
      if (usm().hasAnOpaquePath(this.#url)) return;
      usm().basicURLParse(value, { url: this.#url, stateOverride: "host" });
      this.#href = null;
    }

    get hostname() {
      return this.#url.host === null ? "" : usm().serializeHost(this.#url.host);
    }
    set hostname(value) {
      value = usv(value);
      if (usm().hasAnOpaquePath(this.#url)) return;
      usm().basicURLParse(value, { url: this.#url, stateOverride: "hostname" });
      this.#href = null;
    }

    get port() {
      return this.#url.port === null ? "" : `${this.#url.port}`;
    }
    set port(value) {
      value = usv(value);
      if (usm().cannotHaveAUsernamePasswordPort(this.#url)) return;
      if (value === "") this.#url.port = null;
      else usm().basicURLParse(value, { url: this.#url, stateOverride: "port" });
      this.#href = null;
    }

    get pathname() {
      const path = this.#url.path;
      // URL §4.5 URL path serializer; a list of one segment, the usual case, needs no loop.
      if (typeof path === "string") return path;
      return path.length === 1 ? `/${path[0]}` : usm().serializePath(this.#url);
    }
    set pathname(value) {
      value = usv(value);
      if (usm().hasAnOpaquePath(this.#url)) return;
      this.#url.path = [];
      usm().basicURLParse(value, { url: this.#url, stateOverride: "path start" });
      this.#href = null;
    }

    get search() {
      const query = this.#url.query;
      return query === null || query === "" ? "" : `?${query}`;
    }
    set search(value) {
      value = usv(value);
      const url = this.#url;
      this.#href = null;
      if (value === "") {
        url.query = null;
        if (this.#query !== null) replaceList(this.#query, []);
        return;
      }
      const input = value[0] === "?" ? value.substring(1) : value;
      url.query = "";
      usm().basicURLParse(input, { url, stateOverride: "query" });
      if (this.#query !== null) replaceList(this.#query, forms().parseUrlencodedString(input));
    }

    get searchParams() {
      if (this.#query === null) {
        const list = this.#url.query === null ? [] : forms().parseUrlencodedString(this.#url.query);
        this.#query = new URLSearchParams(kInternal, list, (changed) => this.#queryChanged(changed));
      }
      return this.#query;
    }

    get hash() {
      const fragment = this.#url.fragment;
      return fragment === null || fragment === "" ? "" : `#${fragment}`;
    }
    set hash(value) {
      value = usv(value);
      this.#href = null;
      if (value === "") {
        this.#url.fragment = null;
        return;
      }
      const input = value[0] === "#" ? value.substring(1) : value;
      this.#url.fragment = "";
      usm().basicURLParse(input, { url: this.#url, stateOverride: "fragment" });
    }

    toString() {
      return this.#serialized();
    }
    toJSON() {
      return this.#serialized();
    }

    /** URL §4.5 URL serializer, run again only after the record changed. */
    #serialized() {
      return (this.#href ??= usm().serializeURL(this.#url));
    }

    /** Node's rendering: the attributes as properties (console.log, the REPL), read with URL's own getters. */
    [inspectCustom]() {
      if (!(#url in this)) return this;
      return internals.inspect.named("URL", urlAttributes.map((name) => [name, attributeGetters[name].call(this)]));
    }

    static {
      isURL = (value) => typeof value === "object" && value !== null && #url in value;
    }
  }
  const urlAttributes = ["href", "origin", "protocol", "username", "password", "host", "hostname", "port", "pathname", "search", "searchParams", "hash"];
  const attributeGetters = Object.fromEntries(urlAttributes.map((name) => [name, Object.getOwnPropertyDescriptor(URL.prototype, name).get]));
  // Each reads the URL record (searchParams makes its object on first read): nothing runs a script's code.
  internals.markSideEffectFree(URL.prototype, ...urlAttributes);

  /** Runs `next` of a URLSearchParams iterator; set in its class's static block. */
  let iteratorStep;

  class URLSearchParams {
    #list = []; // name-value pairs (URL §6.2)
    #update = null; // the update steps of the URL this object is the query object of, or null

    constructor(init = "") {
      if (init === kInternal) {
        this.#list = arguments[1];
        this.#update = arguments[2];
        return;
      }
      // WebIDL union (sequence<sequence<USVString>> or record<USVString, USVString> or USVString).
      if (init !== null && (typeof init === "object" || typeof init === "function")) {
        const iteratorMethod = init[Symbol.iterator];
        if (iteratorMethod !== undefined) {
          if (typeof iteratorMethod !== "function") throw new TypeError("URLSearchParams constructor: init[Symbol.iterator] is not a function");
          for (const pair of { [Symbol.iterator]: () => iteratorMethod.call(init) }) {
            if (pair === null || (typeof pair !== "object" && typeof pair !== "function") || typeof pair[Symbol.iterator] !== "function") {
              throw new TypeError("URLSearchParams constructor: each element of the init sequence must be a sequence");
            }
            const items = [...pair];
            if (items.length !== 2) {
              throw new TypeError("URLSearchParams constructor: each element of the init sequence must have exactly two items");
            }
            this.#list.push([usv(items[0]), usv(items[1])]);
          }
        } else {
          // A record: the own enumerable keys in order; keys equal as USVStrings keep the last value.
          const record = new Map();
          for (const key of Reflect.ownKeys(init)) {
            const descriptor = Reflect.getOwnPropertyDescriptor(init, key);
            if (descriptor === undefined || !descriptor.enumerable) continue;
            record.set(usv(key), usv(init[key]));
          }
          for (const pair of record) this.#list.push(pair);
        }
      } else {
        const text = usv(init);
        this.#list = forms().parseUrlencodedString(text[0] === "?" ? text.substring(1) : text);
      }
    }

    /** URL §6.2 "update": the URL whose query object this is takes the new query. */
    #updated() {
      if (this.#update !== null) this.#update(this.#list);
    }

    get size() {
      return this.#list.length;
    }

    append(name, value) {
      requiredArguments(arguments.length, 2, "URLSearchParams.append");
      this.#list.push([usv(name), usv(value)]);
      this.#updated();
    }

    delete(name, value = undefined) {
      requiredArguments(arguments.length, 1, "URLSearchParams.delete");
      name = usv(name);
      if (value !== undefined) value = usv(value);
      this.#list = this.#list.filter(([n, v]) => n !== name || (value !== undefined && v !== value));
      this.#updated();
    }

    get(name) {
      requiredArguments(arguments.length, 1, "URLSearchParams.get");
      name = usv(name);
      const list = this.#list;
      for (let i = 0; i < list.length; i++) {
        if (list[i][0] === name) return list[i][1];
      }
      return null;
    }

    getAll(name) {
      requiredArguments(arguments.length, 1, "URLSearchParams.getAll");
      name = usv(name);
      return this.#list.filter(([n]) => n === name).map(([, v]) => v);
    }

    has(name, value = undefined) {
      requiredArguments(arguments.length, 1, "URLSearchParams.has");
      name = usv(name);
      if (value !== undefined) value = usv(value);
      return this.#list.some(([n, v]) => n === name && (value === undefined || v === value));
    }

    set(name, value) {
      requiredArguments(arguments.length, 2, "URLSearchParams.set");
      name = usv(name);
      value = usv(value);
      // The first pair with the name takes the value; the others go.
      const index = this.#list.findIndex(([n]) => n === name);
      if (index < 0) {
        this.#list.push([name, value]);
      } else {
        this.#list[index] = [name, value];
        this.#list = this.#list.filter(([n], i) => i <= index || n !== name);
      }
      this.#updated();
    }

    /** Stable sort by name in code units (UTF-16), as URL §6.2 sort() says. */
    sort() {
      this.#list = this.#list
        .map((pair, i) => [pair, i])
        .sort(([a, i], [b, j]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : i - j))
        .map(([pair]) => pair);
      this.#updated();
    }

    toString() {
      return forms().serializeUrlencoded(this.#list);
    }

    // WebIDL iterable<USVString, USVString>: iterators and forEach walk the live list by index.
    entries() {
      return new URLSearchParamsIterator(this, "key+value");
    }
    keys() {
      return new URLSearchParamsIterator(this, "key");
    }
    values() {
      return new URLSearchParamsIterator(this, "value");
    }
    forEach(callback, thisArg = undefined) {
      requiredArguments(arguments.length, 1, "URLSearchParams.forEach");
      if (typeof callback !== "function") throw new TypeError("URLSearchParams.forEach: the callback is not a function");
      for (let i = 0; i < this.#list.length; i++) {
        const [name, value] = this.#list[i];
        callback.call(thisArg, value, name, this);
      }
    }

    /** Node's rendering: URLSearchParams { 'a' => '1', 'b' => '2' }. */
    [inspectCustom](depth, options, inspect) {
      if (!(#list in this)) return this;
      if (depth < 0) return typeof options?.stylize === "function" ? options.stylize("[URLSearchParams]", "special") : "[URLSearchParams]";
      if (this.#list.length === 0) return "URLSearchParams {}";
      const pairs = this.#list.map(([n, v]) => `${inspect(n, options)} => ${inspect(v, options)}`);
      return `URLSearchParams { ${pairs.join(", ")} }`;
    }

    static {
      listOf = (params) => params.#list;
      replaceList = (params, list) => {
        params.#list = list;
      };
      isURLSearchParams = (value) => typeof value === "object" && value !== null && #list in value;
    }
  }

  class URLSearchParamsIterator {
    #params;
    #kind;
    #index = 0;
    constructor(params, kind) {
      this.#params = params;
      this.#kind = kind;
    }
    next() {
      return iteratorStep(this);
    }
    static {
      iteratorStep = (iterator) => {
        const list = listOf(iterator.#params);
        if (iterator.#index >= list.length) return { value: undefined, done: true };
        const [name, value] = list[iterator.#index++];
        const kind = iterator.#kind;
        return { value: kind === "key" ? name : kind === "value" ? value : [name, value], done: false };
      };
    }
  }

  /**
   * WebIDL's shape for the interfaces: attributes and operations enumerable, @@toStringTag, and
   * @@iterator the same function as entries; the iterator prototype inherits %IteratorPrototype%.
   */
  function asInterface(cls, name, staticNames) {
    const proto = cls.prototype;
    for (const key of Reflect.ownKeys(proto)) {
      if (key === "constructor" || typeof key === "symbol") continue;
      Object.defineProperty(proto, key, { enumerable: true });
    }
    for (const key of staticNames) Object.defineProperty(cls, key, { enumerable: true });
    Object.defineProperty(proto, Symbol.toStringTag, { value: name, configurable: true });
  }
  asInterface(URL, "URL", ["parse", "canParse"]);
  asInterface(URLSearchParams, "URLSearchParams", []);
  Object.defineProperty(URLSearchParams.prototype, Symbol.iterator, {
    value: URLSearchParams.prototype.entries, writable: true, configurable: true,
  });
  const iteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
  Object.setPrototypeOf(URLSearchParamsIterator.prototype, iteratorPrototype);
  Object.defineProperty(URLSearchParamsIterator.prototype, "next", { enumerable: true });
  Object.defineProperty(URLSearchParamsIterator.prototype, Symbol.toStringTag, { value: "URLSearchParams Iterator", configurable: true });
  // The iterator prototype is reachable only through an iterator, never as a global.
  delete URLSearchParamsIterator.prototype.constructor;

  internals.markSideEffectFree(URLSearchParams.prototype, "size");
  internals.defineGlobal("URL", URL);
  internals.defineGlobal("URLSearchParams", URLSearchParams);

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
    const record = usm().basicURLParse(input);
    const serialized = record === null ? null : usm().serializeURL(record);
    if (hrefs.size >= maxHrefs) hrefs.clear();
    hrefs.set(input, serialized);
    return serialized;
  }

  internals.url = {
    /** URL §4.4 basic URL parser without a base: the URL record, or null on failure. */
    parse: (input) => usm().basicURLParse(input),
    /** URL §4.5 URL serializer. */
    serialize: (record) => usm().serializeURL(record),
    /** The serialization of the absolute URL string `input` (parsed without a base), or null. */
    href,
    /** URL §5.1 application/x-www-form-urlencoded parser on a string: [name, value] pairs. */
    parseForm: (input) => forms().parseUrlencodedString(input),
    /** True for URL and URLSearchParams objects (platform objects that are not serializable). */
    isUrlObject: (value) => isURL(value) || isURLSearchParams(value),
  };
})
