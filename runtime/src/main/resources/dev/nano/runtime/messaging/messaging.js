// HTML Standard §9.4 channel messaging: MessageChannel, MessagePort and MessageEvent, within the one
// event loop. A port's messages are structured clones delivered as tasks once the port is started
// (by start(), or by setting onmessage). Ports are transferable through structuredClone's transfer
// list (internals.messaging is the clone's way in).
(function (ops, internals) {
  "use strict";

  const { Event, EventTarget, defineEventHandler, fireEvent } = internals.event;
  const { webidl } = internals;
  const setTask = setTimeout;

  // ---- MessageEvent (§9.2.1)

  const messageEvents = new WeakMap();

  class MessageEvent extends Event {
    constructor(type, eventInitDict = undefined) {
      webidl.requiredArguments(arguments.length, 1, "Failed to construct 'MessageEvent'");
      super(type, eventInitDict);
      const init = eventInitDict ?? {};
      const ports = init.ports === undefined ? [] : [...init.ports];
      for (const port of ports) {
        if (!isPort(port)) throw new TypeError("Failed to construct 'MessageEvent': ports must be MessagePort objects");
      }
      messageEvents.set(this, {
        data: init.data === undefined ? null : init.data,
        origin: init.origin === undefined ? "" : String(init.origin),
        lastEventId: init.lastEventId === undefined ? "" : String(init.lastEventId),
        source: init.source ?? null,
        ports: Object.freeze(ports),
      });
    }
    get data() {
      return eventState(this).data;
    }
    get origin() {
      return eventState(this).origin;
    }
    get lastEventId() {
      return eventState(this).lastEventId;
    }
    get source() {
      return eventState(this).source;
    }
    get ports() {
      return eventState(this).ports;
    }
  }

  internals.markSideEffectFree(MessageEvent.prototype, "data", "origin", "lastEventId", "source", "ports");
  // An Event's fields and the message's data.
  const inspectCustom = Symbol.for("nodejs.util.inspect.custom");
  const eventInspect = Event.prototype[inspectCustom];
  Object.defineProperty(MessageEvent.prototype, inspectCustom, {
    value: function () {
      const state = messageEvents.get(this);
      const shown = eventInspect.call(this);
      if (state === undefined || shown === this) return shown;
      shown.data = state.data;
      return shown;
    },
    writable: true,
    configurable: true,
  });

  function eventState(event) {
    const state = messageEvents.get(event);
    if (state === undefined) throw new TypeError("Illegal invocation");
    return state;
  }

  // ---- MessagePort (§9.4.3)

  /** Per port: its entangled partner, whether its message queue is enabled, what waits in it. */
  const ports = new WeakMap();
  const kCreate = Symbol("MessagePort");

  class MessagePort extends EventTarget {
    constructor(key = undefined) {
      if (key !== kCreate) throw new TypeError("Illegal constructor");
      super();
      ports.set(this, { partner: null, started: false, closed: false, detached: false, queue: [] });
    }

    postMessage(message, transferOrOptions = undefined) {
      const state = portState(this);
      // "message port post message steps": a transfer list naming this very port is an error.
      const transfer = transferListOf(transferOrOptions);
      if (transfer.includes(this)) {
        throw new DOMException("Failed to execute 'postMessage' on 'MessagePort': the port cannot transfer itself.", "DataCloneError");
      }
      const data = internals.structuredClone(message, { transfer });
      const target = state.partner;
      if (target === null || state.detached) return;
      const transferredPorts = [];
      for (const item of transfer) if (isPort(item)) transferredPorts.push(transferredTo.get(item));
      enqueue(target, { data, ports: transferredPorts });
    }

    start() {
      const state = portState(this);
      if (state.started || state.detached) return;
      state.started = true;
      if (state.queue.length > 0) scheduleDelivery(this, state);
    }

    close() {
      const state = portState(this);
      state.closed = true;
      const partner = state.partner;
      if (partner !== null) {
        portState(partner).partner = null;
        state.partner = null;
      }
    }
  }
  defineEventHandler(MessagePort.prototype, "messageerror");
  // Setting onmessage starts the port (§9.4.3: "first time ... onmessage is set").
  defineEventHandler(MessagePort.prototype, "message");
  const onmessage = Object.getOwnPropertyDescriptor(MessagePort.prototype, "onmessage");
  Object.defineProperty(MessagePort.prototype, "onmessage", {
    ...onmessage,
    set(value) {
      onmessage.set.call(this, value);
      this.start();
    },
  });

  function portState(port) {
    const state = ports.get(port);
    if (state === undefined) throw new TypeError("Illegal invocation");
    return state;
  }

  function isPort(value) {
    return ports.has(value);
  }

  function transferListOf(transferOrOptions) {
    if (transferOrOptions === undefined || transferOrOptions === null) return [];
    if (typeof transferOrOptions[Symbol.iterator] === "function") return [...transferOrOptions];
    const transfer = transferOrOptions.transfer;
    return transfer === undefined ? [] : [...transfer];
  }

  function enqueue(port, message) {
    const state = portState(port);
    state.queue.push(message);
    if (state.started && state.queue.length === 1) scheduleDelivery(port, state);
  }

  /** One task per message, in order; a pending task keeps the loop alive, an idle port does not. */
  function scheduleDelivery(port, state) {
    setTask(() => {
      if (state.detached || state.queue.length === 0) return;
      const message = state.queue.shift();
      if (state.queue.length > 0) scheduleDelivery(port, state);
      if (state.closed) return;
      fireEvent(port, "message", MessageEvent, { data: message.data, ports: message.ports });
    }, 0);
  }

  function entangle(a, b) {
    portState(a).partner = b;
    portState(b).partner = a;
  }

  // ---- Transfer (§9.4.3 transfer steps / transfer-receiving steps), for structuredClone.

  /** Original port → the port that took its place, for the ports of the message just posted. */
  const transferredTo = new WeakMap();

  /** A fresh port standing for `port` in a clone; nothing moves until `completeTransfer`. */
  function prepareTransfer(port) {
    const state = portState(port);
    if (state.detached) throw new DOMException("A MessagePort in the transfer list is already detached.", "DataCloneError");
    return new MessagePort(kCreate);
  }

  /** The clone succeeded: `copy` takes over the partner and waiting messages; `port` is detached. */
  function completeTransfer(port, copy) {
    const state = portState(port);
    const copyState = portState(copy);
    if (state.partner !== null) entangle(copy, state.partner);
    copyState.queue = state.queue;
    copyState.closed = state.closed;
    state.queue = [];
    state.partner = null;
    state.detached = true;
    transferredTo.set(port, copy);
  }

  // ---- MessageChannel (§9.4.2)

  class MessageChannel {
    #port1 = new MessagePort(kCreate);
    #port2 = new MessagePort(kCreate);
    constructor() {
      entangle(this.#port1, this.#port2);
    }
    get port1() {
      return this.#port1;
    }
    get port2() {
      return this.#port2;
    }
  }

  for (const [name, value] of [["MessageEvent", MessageEvent], ["MessagePort", MessagePort], ["MessageChannel", MessageChannel]]) {
    Object.defineProperty(value.prototype, Symbol.toStringTag, { value: name, configurable: true });
    internals.defineGlobal(name, value);
  }
  internals.messaging = { isPort, prepareTransfer, completeTransfer };
})
