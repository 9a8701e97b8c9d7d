// One measured (or warm-up) run of one REPL in a real terminal, for bench/repl-startup.sh.
//   node measure.mjs --socket NAME --runtime LABEL --version V --prompt '>' --cwd DIR --out FILE
//     [--env K=V]... [--run N] [--warmup] [--poll-ms 2] [--startup-timeout-s 120] [--tab-delay-ms 1000]
//     [--settle-ms 200] [--tab-timeout-ms 5000] -- COMMAND ARGS...
// A tmux server on the private socket NAME is started with a control-mode client (tmux -C) attached
// to a idle session; through that client the REPL's session is created (`new-session -d -x 120 -y
// 40`, the start time is taken just before the command is written) and its screen is polled with
// `capture-pane -p -e` every POLL_MS. Polling through the control client costs a round trip to the
// server (well under 1 ms); forking `tmux capture-pane` for each poll costs ~5 ms on 2 cores and would
// hide the figure's resolution. Then, after TAB_DELAY_MS, `crypto.su` and `[1,2].ma` are typed and
// Tab pressed, each timed from the key until the prompt line shows the completion. The REPL's peak RSS
// (VmHWM) is read at the first prompt and again after the Tab tests. One JSON line goes to FILE.
import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync, readdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const argv = process.argv.slice(2);
const opts = { env: [], warmup: false };
let command = [];
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--') { command = argv.slice(i + 1); break; }
  if (a === '--warmup') { opts.warmup = true; continue; }
  if (!a.startsWith('--') || i + 1 >= argv.length) throw new Error(`bad argument ${a}`);
  const key = a.slice(2).replace(/-(.)/g, (_, c) => c.toUpperCase());
  if (key === 'env') opts.env.push(argv[++i]); else opts[key] = argv[++i];
}
for (const k of ['socket', 'runtime', 'prompt', 'cwd', 'out']) if (!opts[k]) throw new Error(`--${k} is needed`);
if (command.length === 0) throw new Error('no command after --');
const POLL_MS = Number(opts.pollMs ?? 2);
const STARTUP_TIMEOUT_MS = Number(opts.startupTimeoutS ?? 120) * 1000;
const TAB_DELAY_MS = Number(opts.tabDelayMs ?? 1000);
const SETTLE_MS = Number(opts.settleMs ?? 200);
const TAB_TIMEOUT_MS = Number(opts.tabTimeoutMs ?? 5000);
const PROMPT = opts.prompt;
const SESSION = 'repl';

// ---- the control-mode client ------------------------------------------------------------------
// tmux's command parser: single quotes keep everything as is; a quote inside is closed, escaped, reopened.
const quote = (s) => /^[A-Za-z0-9_\/.,:=+@-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`;

const clientEnv = { ...process.env };
for (const k of ['TMUX', 'TMUX_PANE', 'NANO_JIT']) delete clientEnv[k];   // a row sets NANO_JIT with --env
const client = spawn('tmux', ['-u', '-L', opts.socket, '-f', '/dev/null', '-C', 'new-session', '-s', 'ctl', '-x', '80', '-y', '24',
  'sleep', '86400'], { env: clientEnv, stdio: ['pipe', 'pipe', 'inherit'] });
let clientExited = false;
client.on('exit', () => { clientExited = true; for (const w of waiting.splice(0)) w.reject(new Error('the tmux control client exited')); });

// Replies come in the order the commands were sent, each between %begin and %end (or %error) with
// flags 1; the block of the client's own new-session (flags 0) and notifications are skipped.
const waiting = [];
let buffered = '';
let block = null;
client.stdout.setEncoding('utf8');
client.stdout.on('data', (chunk) => {
  buffered += chunk;
  let nl;
  while ((nl = buffered.indexOf('\n')) >= 0) {
    const line = buffered.slice(0, nl);
    buffered = buffered.slice(nl + 1);
    if (block) {
      if (line === `%end ${block.tag}` || line === `%error ${block.tag}`) {
        const done = block; block = null;
        if (!done.ours) continue;
        const w = waiting.shift();
        if (!w) continue;
        if (line.startsWith('%error')) w.reject(new Error(done.lines.join('\n') || 'tmux error')); else w.resolve(done.lines);
      } else block.lines.push(line);
    } else if (line.startsWith('%begin ')) {
      const tag = line.slice(7);
      block = { tag, ours: tag.split(' ')[2] === '1', lines: [] };
    }
  }
});
function tmux(...args) {
  if (clientExited) return Promise.reject(new Error('the tmux control client exited'));
  return new Promise((resolve, reject) => {
    waiting.push({ resolve, reject });
    client.stdin.write(args.map(quote).join(' ') + '\n');
  });
}

// ---- the screen -------------------------------------------------------------------------------
// A line of `capture-pane -e` without its escape sequences: `plain` has all its text, `typed` blanks
// what is drawn faint or in bright black, so that Node's and Bun's inline completion previews
// ("crypto.su" + grey "btle") do not count as typed (Bun draws its prompt faint too).
function parse(line) {
  let plain = '', typed = '', dim = false, fg = 'default';
  const re = /\x1b\[([0-9;:]*)m|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[\[(][0-9;?]*[A-Za-z]|([^\x1b]+)/g;
  let m;
  while ((m = re.exec(line)) !== null) {
    if (m[2] !== undefined) {
      plain += m[2];
      typed += dim || fg === '90' || fg === '38;5;8' ? ' '.repeat(m[2].length) : m[2];
      continue;
    }
    if (m[1] === undefined) continue;
    const p = m[1] === '' ? ['0'] : m[1].split(/[;:]/);
    for (let i = 0; i < p.length; i++) {
      const n = Number(p[i]);
      if (n === 0) { dim = false; fg = 'default'; }
      else if (n === 2) dim = true;
      else if (n === 22) dim = false;
      else if ((n >= 30 && n <= 37) || (n >= 90 && n <= 97)) fg = String(n);
      else if (n === 39) fg = 'default';
      else if (n === 38 && p[i + 1] === '5') { fg = `38;5;${p[i + 2]}`; i += 2; }
      else if (n === 38 && p[i + 1] === '2') { fg = 'rgb'; i += 4; }
      else if ((n === 48 || n === 58) && p[i + 1] === '5') i += 2;
      else if ((n === 48 || n === 58) && p[i + 1] === '2') i += 4;
    }
  }
  return { plain: plain.trimEnd(), typed };
}
async function screen() {
  return (await tmux('capture-pane', '-p', '-e', '-t', SESSION)).map(parse);
}
// The first prompt: the last non-empty line is the prompt alone.
function atPrompt(lines) {
  const ne = lines.filter((l) => l.plain !== '');
  return ne.length > 0 && ne[ne.length - 1].plain === PROMPT;
}
// The line being edited: the last one that starts with the prompt.
function promptLine(lines) {
  for (let i = lines.length - 1; i >= 0; i--) {
    if (lines[i].plain === PROMPT || lines[i].plain.startsWith(PROMPT + ' ')) return lines[i];
  }
  return null;
}
// What was typed at the prompt, less any preview drawn after it.
const typed = (lines) => { const l = promptLine(lines); return l === null ? null : l.typed.slice(PROMPT.length).trim(); };
const shown = (lines) => promptLine(lines)?.plain ?? null;

// Polls every POLL_MS until test(lines) holds; returns the time the reply that showed it arrived.
async function pollUntil(test, timeoutMs, since) {
  let polls = 0, last = since, lines = [];
  for (;;) {
    const sent = performance.now();
    lines = await screen();
    const got = performance.now();
    polls++;
    if (test(lines)) return { at: got, previous: last, polls, lines };
    if (got - since > timeoutMs) return { at: null, polls, lines };
    if (polls % 100 === 0 && (await tmux('display', '-p', '-t', SESSION, '#{pane_dead}'))[0] === '1') {
      return { at: null, polls, lines, died: true };
    }
    last = sent;
    const wait = POLL_MS - (performance.now() - sent);
    if (wait > 0) await sleep(wait);
  }
}

// ---- memory -----------------------------------------------------------------------------------
function procStatus(pid) {
  try { return readFileSync(`/proc/${pid}/status`, 'utf8'); } catch { return null; }
}
function field(status, name) {
  const m = status && status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'));
  return m ? Number(m[1]) * 1024 : null;
}
function descendants(root) {
  const children = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const st = procStatus(d);
    const pp = st && st.match(/^PPid:\s+(\d+)/m);
    if (pp) { if (!children.has(pp[1])) children.set(pp[1], []); children.get(pp[1]).push(d); }
  }
  const out = [], todo = [String(root)];
  while (todo.length) { const p = todo.shift(); out.push(p); todo.push(...(children.get(p) ?? [])); }
  return out;
}
// The REPL's process: the pane's own (a launcher that execs) or its first java/node/deno/bun descendant.
function memory(panePid) {
  const tree = descendants(panePid);
  const name = (p) => (procStatus(p)?.match(/^Name:\s+(.*)$/m) ?? [])[1];
  const pid = tree.find((p) => /^(java|node|deno|bun)$/.test(name(p) ?? '')) ?? String(panePid);
  const hwmTree = tree.map((p) => field(procStatus(p), 'VmHWM') ?? 0).reduce((a, b) => a + b, 0);
  return { pid: Number(pid), name: name(pid), hwm: field(procStatus(pid), 'VmHWM'), rss: field(procStatus(pid), 'VmRSS'), hwmTree };
}

// ---- one run ----------------------------------------------------------------------------------
async function tab(text, expect) {
  // An empty line to type on: Ctrl-U (Node, Deno, Bun, JLine), else Ctrl-C clears it.
  if (typed(await screen()) !== '') {
    await tmux('send-keys', '-t', SESSION, 'C-u');
    let r = await pollUntil((l) => typed(l) === '', 1000, performance.now());
    if (r.at === null) {
      await tmux('send-keys', '-t', SESSION, 'C-c');
      r = await pollUntil((l) => typed(l) === '', 2000, performance.now());
      if (r.at === null) return { error: `could not clear the line: ${JSON.stringify(shown(r.lines))}` };
    }
  }
  await tmux('send-keys', '-t', SESSION, '-l', text);
  const echo = await pollUntil((l) => typed(l) === text, 5000, performance.now());
  if (echo.at === null) return { error: `the typed text did not show: ${JSON.stringify(shown(echo.lines))}` };
  await sleep(SETTLE_MS);
  const t0 = performance.now();
  await tmux('send-keys', '-t', SESSION, 'Tab');
  const done = await pollUntil((l) => (typed(l) ?? '').startsWith(expect), TAB_TIMEOUT_MS, t0);
  if (done.at === null) return { ms: null, shown: shown(done.lines) };
  return { ms: done.at - t0, resolutionMs: done.at - done.previous };
}

const result = {
  runtime: opts.runtime, version: opts.version ?? '', run: Number(opts.run ?? 0), warmup: opts.warmup,
  command: [...opts.env.map((e) => e), ...command].join(' '),
};
let exitCode = 0;
let panePid = null;
try {
  await tmux('display', '-p', '#{pid}');   // the server is up and the client attached
  const newSession = ['new-session', '-d', '-s', SESSION, '-x', '120', '-y', '40', '-c', opts.cwd];
  for (const e of opts.env) newSession.push('-e', e);
  await tmux('set-option', '-g', 'remain-on-exit', 'on');
  const started = performance.now();
  const created = tmux(...newSession, '--', ...command);
  const pane = tmux('display', '-p', '-t', SESSION, '#{pane_pid}');
  await created;
  result.newSessionMs = performance.now() - started;
  panePid = Number((await pane)[0]);
  const first = await pollUntil(atPrompt, STARTUP_TIMEOUT_MS, started);
  if (first.at === null) {
    result.error = first.died ? 'the REPL exited before its first prompt' : `no prompt after ${STARTUP_TIMEOUT_MS / 1000} s`;
    result.screen = first.lines.map((l) => l.plain).filter((x) => x !== '').slice(-15);
  } else {
    result.firstPromptMs = first.at - started;
    result.resolutionMs = first.at - first.previous;
    result.polls = first.polls;
    result.memoryAtPrompt = memory(panePid);
    await sleep(TAB_DELAY_MS);
    result.tabCrypto = await tab('crypto.su', 'crypto.subtle');
    result.tabArray = await tab('[1,2].ma', '[1,2].map');
    result.memoryAfterTab = memory(panePid);
  }
} catch (e) {
  result.error = `harness: ${e.message}`;
  exitCode = 2;
} finally {
  try { await Promise.race([tmux('kill-server'), sleep(2000)]); } catch { /* the server is gone */ }
  client.kill();
  // The REPL got SIGHUP from the closing pane; one that is still there after 5 s is killed.
  const pids = [...new Set([panePid, result.memoryAtPrompt?.pid].filter(Boolean))];
  for (const pid of pids) {
    for (let i = 0; i < 50 && procStatus(pid); i++) await sleep(100);
    if (procStatus(pid)) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
  }
}
appendFileSync(opts.out, JSON.stringify(result) + '\n');
const f = (x) => (x == null ? '-' : x.toFixed(1));
const tabText = (t) => t.error ? `error (${t.error})` : t.ms == null ? `no completion (${JSON.stringify(t.shown)})` : `${f(t.ms)} ms`;
console.error(`    ${opts.warmup ? 'warm-up' : `run ${result.run}`}: ${result.error ? `error: ${result.error}` :
  `prompt ${f(result.firstPromptMs)} ms, Tab crypto.su ${tabText(result.tabCrypto)}, [1,2].ma ${tabText(result.tabArray)}, ` +
  `VmHWM ${f(result.memoryAtPrompt.hwm / 1048576)} MiB`}`);
if (result.screen) console.error(result.screen.map((l) => `      | ${l}`).join('\n'));
process.exit(exitCode);
