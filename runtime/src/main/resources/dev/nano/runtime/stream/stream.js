// Streams Standard: ReadableStream (with byte streams and BYOB readers), WritableStream,
// TransformStream and the queuing strategies come from the web-streams-polyfill "ponyfill" build,
// loaded on first use. Added here: ReadableStream.from, and the bridge between host byte
// sources/sinks (dev.nano.runtime.stream.ByteSource/ByteSink) and streams, as internals.streams.
(function (ops, internals) {
  "use strict";

  const classNames = [
    "ReadableStream", "ReadableStreamDefaultReader", "ReadableStreamBYOBReader", "ReadableStreamBYOBRequest",
    "ReadableStreamDefaultController", "ReadableByteStreamController",
    "WritableStream", "WritableStreamDefaultWriter", "WritableStreamDefaultController",
    "TransformStream", "TransformStreamDefaultController",
    "ByteLengthQueuingStrategy", "CountQueuingStrategy",
  ];

  let loaded;
  /** The stream classes, created the first time anything needs one (parsing them costs start-up time). */
  function classes() {
    if (loaded === undefined) {
      const exports = {};
      ops.loadPonyfill()(exports, { exports });
      defineFrom(exports.ReadableStream);
      describe(exports);
      loaded = exports;
    }
    return loaded;
  }

  for (const name of classNames) {
    internals.defineLazyGlobal(name, () => classes()[name]);
  }

  // ---- For tools: the polyfill's getters that only read state, and the streams as Node shows them
  // (its own fields are `_state`, `_reader`... and would otherwise all be printed).

  const stateGetters = ["locked", "readable", "writable", "desiredSize", "closed", "ready", "highWaterMark", "size", "byobRequest", "view", "signal"];

  function describe(exports) {
    for (const name of classNames) {
      const proto = exports[name].prototype;
      for (const getter of stateGetters) {
        if (Object.getOwnPropertyDescriptor(proto, getter)?.get !== undefined) internals.markSideEffectFree(proto, getter);
      }
    }
    const own = (value, field) => value !== null && typeof value === "object" && Object.prototype.hasOwnProperty.call(value, field);
    const hook = (Class, show) => Object.defineProperty(Class.prototype, Symbol.for("nodejs.util.inspect.custom"), {
      value: function () {
        return show(this) ?? this;
      },
      writable: true,
      configurable: true,
    });
    hook(exports.ReadableStream, (stream) => own(stream, "_readableStreamController") ? internals.inspect.named("ReadableStream", {
      locked: stream._reader !== undefined,
      state: stream._state,
      supportsBYOB: stream._readableStreamController instanceof exports.ReadableByteStreamController,
    }) : undefined);
    hook(exports.WritableStream, (stream) => own(stream, "_writableStreamController") ? internals.inspect.named("WritableStream", {
      locked: stream._writer !== undefined,
      state: stream._state,
    }) : undefined);
    hook(exports.TransformStream, (stream) => own(stream, "_transformStreamController") ? internals.inspect.named("TransformStream", {
      readable: stream._readable,
      writable: stream._writable,
      backpressure: stream._backpressure,
    }) : undefined);
  }

  // ---- ReadableStream.from (Streams §4.2.4, ReadableStreamFromIterable)

  function defineFrom(ReadableStream) {
    const from = {
      from(asyncIterable) {
        const iterator = getAsyncIterator(asyncIterable);
        const next = iterator.next;
        return new ReadableStream({
          async pull(controller) {
            const result = await next.call(iterator);
            if (Object(result) !== result) throw new TypeError("ReadableStream.from: the iterator result is not an object");
            if (result.done) {
              controller.close();
            } else {
              controller.enqueue(result.value);
            }
          },
          async cancel(reason) {
            const returnMethod = iterator.return;
            if (returnMethod === undefined || returnMethod === null) return;
            const result = await returnMethod.call(iterator, reason);
            if (Object(result) !== result) throw new TypeError("ReadableStream.from: the iterator's return() result is not an object");
          },
        }, { highWaterMark: 0 });
      },
    }.from;
    Object.defineProperty(ReadableStream, "from", { value: from, writable: true, configurable: true, enumerable: false });
  }

  /** ECMA-262 GetIterator(obj, async): the async iterator, or the sync one adapted (CreateAsyncFromSyncIterator). */
  function getAsyncIterator(obj) {
    const asyncMethod = obj == null ? undefined : obj[Symbol.asyncIterator];
    if (asyncMethod != null) {
      const iterator = callIteratorMethod(asyncMethod, obj);
      return iterator;
    }
    const syncMethod = obj == null ? undefined : obj[Symbol.iterator];
    if (syncMethod == null) throw new TypeError("ReadableStream.from: the argument is not iterable");
    return asyncFromSyncIterator(callIteratorMethod(syncMethod, obj));
  }

  function callIteratorMethod(method, obj) {
    if (typeof method !== "function") throw new TypeError("ReadableStream.from: the iterator method is not callable");
    const iterator = method.call(obj);
    if (Object(iterator) !== iterator) throw new TypeError("ReadableStream.from: the iterator is not an object");
    return iterator;
  }

  // ECMA-262 §27.1.6 CreateAsyncFromSyncIterator: awaits each value; a rejected value closes the sync iterator.
  function asyncFromSyncIterator(syncIterator) {
    const syncNext = syncIterator.next;
    const continuation = (result, closeOnRejection) => {
      if (Object(result) !== result) throw new TypeError("iterator result is not an object");
      const done = Boolean(result.done);
      return Promise.resolve(result.value).then((value) => ({ value, done }), (error) => {
        if (!done && closeOnRejection) syncIterator.return?.();
        throw error;
      });
    };
    return {
      next() {
        return new Promise((resolve) => resolve(continuation(syncNext.call(syncIterator), true)));
      },
      return: syncIterator.return === undefined ? undefined : function (reason) {
        return new Promise((resolve) => resolve(continuation(syncIterator.return(reason), false)));
      },
    };
  }

  // ---- The host bridge: streamed bodies without buffering them whole.

  /** A short reason string for the host: an error's "name: message", or the value as text. */
  function reasonText(reason) {
    if (reason instanceof Error || reason instanceof internals.DOMException) return `${reason.name}: ${reason.message}`;
    try {
      return reason === undefined ? "cancelled" : String(reason);
    } catch {
      return "cancelled";
    }
  }

  function requireUint8Array(chunk) {
    if (!(chunk instanceof Uint8Array)) {
      throw new TypeError("a body stream chunk must be a Uint8Array");
    }
    return chunk;
  }

  /**
   * A byte ReadableStream over a host ByteSource: each read pulls once (never two pulls at a
   * time; the stream machinery waits for a pull to settle), cancel() reaches source.cancel.
   */
  function readableFromSource(source) {
    const { ReadableStream } = classes();
    return new ReadableStream({
      type: "bytes",
      async pull(controller) {
        const chunk = await source.pull();
        if (chunk == null) {
          controller.close();
          controller.byobRequest?.respond(0);
          return;
        }
        controller.enqueue(internals.webidl.fromHost(chunk));
      },
      cancel(reason) {
        source.cancel(reasonText(reason));
      },
    });
  }

  /** Errors pipeToSink rethrew from the sink's own write: the sink (a connection) failed, not the body. */
  const sinkFailures = new WeakSet();
  function isSinkFailure(error) {
    return error !== null && typeof error === "object" && sinkFailures.has(error);
  }

  /**
   * Writes every chunk of `readable` to a host ByteSink, waiting for each write's promise
   * (backpressure), then closes it. If the stream errors or a write fails, the sink is aborted,
   * the stream cancelled, and the returned promise rejects with that error.
   */
  async function pipeToSink(readable, sink) {
    const reader = readable.getReader();
    let sinkFailed = false;
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const pending = sink.write(requireUint8Array(value));
        if (pending != null) {
          try {
            await pending;
          } catch (error) {
            sinkFailed = true;
            if (error !== null && typeof error === "object") sinkFailures.add(error);
            throw error;
          }
        }
      }
    } catch (error) {
      if (!sinkFailed) sink.abort(reasonText(error));
      reader.cancel(error).catch(() => {});
      throw error;
    } finally {
      reader.releaseLock();
    }
    sink.close();
  }

  /** Fetch's "fully read": all chunks of `readable` concatenated. Rejects on a non-Uint8Array chunk. */
  async function readAll(readable) {
    const reader = readable.getReader();
    const chunks = [];
    let total = 0;
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        requireUint8Array(value);
        chunks.push(value);
        total += value.byteLength;
      }
    } catch (error) {
      reader.cancel(error).catch(() => {});
      throw error;
    } finally {
      reader.releaseLock();
    }
    if (chunks.length === 1) return chunks[0].slice();
    const all = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      all.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return all;
  }

  function isReadableStream(value) {
    return value instanceof classes().ReadableStream;
  }

  /**
   * Streams "tee a ReadableStream" as other specs use it (ReadableStreamTee with cloneForBranch2
   * true; Fetch "clone a body"): the second branch gets a structured clone of each chunk, so the
   * two readers never share an object. A byte stream's tee copies its chunks already; a default
   * stream's tee hands both branches the same chunk, so the second branch clones it on the way.
   */
  function teeCloning(stream) {
    const bytes = isByteStream(stream);
    const [first, second] = stream.tee();
    if (bytes) return [first, second];
    const cloning = new (classes().TransformStream)({
      transform(chunk, controller) {
        controller.enqueue(internals.structuredClone(chunk));
      },
    });
    return [first, second.pipeThrough(cloning)];
  }

  /** A byte stream is the kind that hands out BYOB readers (asked while unlocked, then released). */
  function isByteStream(stream) {
    try {
      stream.getReader({ mode: "byob" }).releaseLock();
      return true;
    } catch {
      return false;
    }
  }

  internals.streams = { classes, readableFromSource, pipeToSink, isSinkFailure, readAll, isReadableStream, teeCloning };
})
