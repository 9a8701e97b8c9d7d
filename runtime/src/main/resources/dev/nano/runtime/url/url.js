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
      const module = { exports: replacement[1](() => loadFile(path)) };
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

  /** Modules replaced by path (relative to the webjars root): [pattern, (loadOriginal) => exports]. */
  const replacements = [
    [/^whatwg-url\/[^/]+\/lib\/encoding\.js$/, () => utf8],
    [/^tr46\/[^/]+\/index\.js$/, tr46OnDemand],
  ];

  // ---- the globals

  let whatwgUrl;
  function library() {
    if (whatwgUrl === undefined) whatwgUrl = load(resolve("whatwg-url", ""));
    return whatwgUrl;
  }

  internals.defineLazyGlobal("URL", () => library().URL);
  internals.defineLazyGlobal("URLSearchParams", () => library().URLSearchParams);
  internals.url = {
    /** The whatwg-url module: parseURL, serializeURL, serializeURLOrigin, percentDecodeString, ... */
    library,
  };
})
