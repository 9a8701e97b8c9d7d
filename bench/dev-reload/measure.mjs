// Reload latency of one dev server that is already starting: for each edit, the time from the
// moment the write of src/index.js returned to the first response whose body carries the edit's
// token. Appends one JSON line with the raw figures to --out.
//   node measure.mjs --server NAME --version V --project tiny|hono --dir PROJECT --url URL
//        --pid SERVER_PID --out FILE [--edits 50] [--warmup 3] [--mode write|rename]
//        [--started-ms EPOCH_MS] [--startup-timeout-s 180] [--edit-timeout-s 30]
// Polling: keep-alive GETs on one socket, back to back (the next one is sent when the previous
// response has ended); after a connection error the next poll waits 1 ms, so a restarting server
// is not starved of CPU by a loop of refused connects. Every loop is bounded in count or time.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { ENTRY, source } from "./projects.mjs";

const opts = parseArgs(process.argv.slice(2));
const EDITS = int(opts.edits ?? "50");
const WARMUP = int(opts.warmup ?? "3");
const MODE = opts.mode ?? "write";
const STARTUP_TIMEOUT_MS = 1000 * Number(opts["startup-timeout-s"] ?? "180");
const EDIT_TIMEOUT_MS = 1000 * Number(opts["edit-timeout-s"] ?? "30");
const PID = int(opts.pid);
const FILE = path.join(opts.dir, ENTRY);
const url = new URL(opts.url);
if (MODE !== "write" && MODE !== "rename") fail(`unknown --mode ${MODE} (write or rename)`);

function parseArgs(args) {
  const o = {};
  for (let i = 0; i < args.length; i += 2) {
    if (!args[i].startsWith("--") || i + 1 >= args.length) fail(`bad argument ${args[i]}`);
    o[args[i].slice(2)] = args[i + 1];
  }
  for (const k of ["server", "project", "dir", "url", "pid", "out"]) if (!o[k]) fail(`--${k} is needed`);
  return o;
}
function int(s) { const n = Number.parseInt(s, 10); if (!Number.isFinite(n)) fail(`not a number: ${s}`); return n; }
function fail(msg) { console.error(`measure.mjs: ${msg}`); process.exit(2); }
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- memory of the server's process tree --------------------------------------------------
// VmRSS summed over the server process and all its descendants, sampled every 100 ms and after
// each edit; VmHWM (each process's own peak) summed over the live tree is kept as well.
function treePids(root) {
  const children = new Map();
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let stat;
    try { stat = fs.readFileSync(`/proc/${name}/stat`, "utf8"); } catch { continue; }
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(Number(name));
  }
  const out = [], todo = [root];
  while (todo.length && out.length < 10000) {
    const p = todo.pop();
    out.push(p);
    for (const c of children.get(p) ?? []) todo.push(c);
  }
  return out;
}
const mem = { peakRssKiB: 0, peakHwmSumKiB: 0, maxProcs: 0, samples: 0 };
function sampleMemory() {
  let rss = 0, hwm = 0, n = 0;
  for (const p of treePids(PID)) {
    let status;
    try { status = fs.readFileSync(`/proc/${p}/status`, "utf8"); } catch { continue; }
    rss += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    hwm += Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    n++;
  }
  mem.peakRssKiB = Math.max(mem.peakRssKiB, rss);
  mem.peakHwmSumKiB = Math.max(mem.peakHwmSumKiB, hwm);
  mem.maxProcs = Math.max(mem.maxProcs, n);
  mem.samples++;
}
const sampler = setInterval(sampleMemory, 100);

// ---- polling -----------------------------------------------------------------------------
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const counts = { connErrors: 0, non2xx: 0, stale: 0, polls: 0 };

function get() {  // resolves { status, body } or { error }
  return new Promise((resolve) => {
    const req = http.request({ host: "127.0.0.1", port: url.port, path: url.pathname, agent, timeout: 10000 }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
      res.on("error", (error) => resolve({ error }));
    });
    req.on("timeout", () => req.destroy(new Error("poll timed out after 10 s")));
    req.on("error", (error) => resolve({ error }));
    req.end();
  });
}

// Polls until a 2xx body contains <token>; returns the time it arrived, or null at the deadline.
// Only counts failures when `count` (not while the server starts).
async function waitFor(token, deadline, count) {
  const want = `<${token}>`;
  while (performance.now() < deadline) {
    const r = await get();
    if (count) counts.polls++;
    if (r.error) {
      if (count) counts.connErrors++;
      await sleep(1);
      continue;
    }
    const t = performance.now();
    if (r.status >= 200 && r.status < 300 && r.body.includes(want)) return t;
    if (count) { if (r.status < 200 || r.status >= 300) counts.non2xx++; else counts.stale++; }
  }
  return null;
}

function write(content) {
  if (MODE === "write") {
    fs.writeFileSync(FILE, content);
  } else {  // an editor's safe save: write a temporary file next to it, then rename it over the file
    const tmp = path.join(path.dirname(FILE), `.${path.basename(FILE)}.tmp-save`);
    fs.writeFileSync(tmp, content);
    fs.renameSync(tmp, FILE);
  }
}

const result = {
  server: opts.server, version: opts.version ?? "", project: opts.project, mode: MODE,
  edits: EDITS, warmup: WARMUP, startupMs: null, latenciesMs: [], warmupLatenciesMs: [],
  timeouts: 0, error: null,
};

async function main() {
  const startedAt = opts["started-ms"] ? Number(opts["started-ms"]) : Date.now();
  const up = await waitFor("start", performance.now() + STARTUP_TIMEOUT_MS, false);
  if (up === null) {
    result.error = `no response with the initial body within ${STARTUP_TIMEOUT_MS / 1000} s`;
    return;
  }
  result.startupMs = Date.now() - startedAt;
  const run = Math.random().toString(36).slice(2, 8);
  for (let i = 0; i < WARMUP + EDITS; i++) {
    await sleep(50 + Math.random() * 100);  // edits are not periodic
    const token = `e${i}-${run}`;
    write(source(opts.project, token));
    const t0 = performance.now();
    const t1 = await waitFor(token, t0 + EDIT_TIMEOUT_MS, i >= WARMUP);
    sampleMemory();
    if (t1 === null) {  // the server did not pick the edit up: the rest would measure a broken server
      result.timeouts++;
      result.error = `edit ${i} not served within ${EDIT_TIMEOUT_MS / 1000} s`;
      return;
    }
    (i < WARMUP ? result.warmupLatenciesMs : result.latenciesMs).push(Math.round((t1 - t0) * 100) / 100);
  }
}

try {
  await main();
} catch (err) {
  result.error = String(err?.stack ?? err);
}
clearInterval(sampler);
agent.destroy();
Object.assign(result, counts, mem);
fs.appendFileSync(opts.out, JSON.stringify(result) + "\n");
const l = [...result.latenciesMs].sort((a, b) => a - b);
const pct = (p) => (l.length ? l[Math.min(l.length - 1, Math.ceil((p / 100) * l.length) - 1)] : NaN);
console.error(`    ${result.server} ${result.project}: ${l.length} edits, p50 ${pct(50)} ms, p95 ${pct(95)} ms, ` +
  `conn errors ${counts.connErrors}, non-2xx ${counts.non2xx}${result.error ? `, ERROR: ${result.error}` : ""}`);
