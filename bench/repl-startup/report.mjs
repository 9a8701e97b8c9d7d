// The table of bench/repl-startup.sh from its results (one JSON line per run or per runtime not
// available): node report.mjs RESULTS.jsonl SUMMARY.json TITLE
import { readFileSync, writeFileSync } from 'node:fs';

const [resultsFile, summaryFile, title] = process.argv.slice(2);
const lines = readFileSync(resultsFile, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));

const order = [];
const byRuntime = new Map();
for (const r of lines) {
  if (!byRuntime.has(r.runtime)) { byRuntime.set(r.runtime, []); order.push(r.runtime); }
  byRuntime.get(r.runtime).push(r);
}
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)]; };
const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const mib = (b) => (b / 1048576).toFixed(0);

const summary = [];
for (const name of order) {
  const rs = byRuntime.get(name);
  const na = rs.find((r) => r.unavailable);
  if (na) { summary.push({ runtime: name, version: na.version, unavailable: true, reason: na.reason }); continue; }
  const measured = rs.filter((r) => !r.warmup);
  const ok = measured.filter((r) => r.firstPromptMs != null);
  const s = { runtime: name, version: rs[0].version, command: rs[0].command, runs: measured.length, failed: measured.length - ok.length };
  if (s.failed) s.errors = [...new Set(measured.filter((r) => r.firstPromptMs == null).map((r) => r.error))];
  if (ok.length) {
    const first = ok.map((r) => r.firstPromptMs);
    s.firstPrompt = { p50: pct(first, 50), min: Math.min(...first), max: Math.max(...first) };
    for (const [key, label] of [['tabCrypto', 'crypto.su'], ['tabArray', '[1,2].ma']]) {
      const t = ok.map((r) => r[key]).filter(Boolean);
      const done = t.filter((x) => x.ms != null).map((x) => x.ms);
      s[key] = { label, completed: done.length, of: t.length, p50: done.length ? pct(done, 50) : null,
        max: done.length ? Math.max(...done) : null, errors: [...new Set(t.filter((x) => x.error).map((x) => x.error))],
        shown: [...new Set(t.filter((x) => x.ms == null && !x.error).map((x) => x.shown))] };
    }
    s.vmHwmAtPrompt = pct(ok.map((r) => r.memoryAtPrompt.hwm), 50);
    const after = ok.map((r) => r.memoryAfterTab?.hwm).filter((x) => x != null);
    s.vmHwmAfterTab = after.length ? pct(after, 50) : null;
    s.process = ok[0].memoryAtPrompt.name;
  }
  summary.push(s);
}
const node = summary.find((s) => s.runtime.startsWith('node') && s.firstPrompt);

console.log(`\n${title}\n`);
console.log('| runtime | first prompt p50 / min / max ms | Tab `crypto.su` ms | Tab `[1,2].ma` ms | peak RSS MiB (prompt / after Tab) | ratio to node (p50) |');
console.log('|---|---|---|---|---|---|');
const tabCell = (t) => {
  if (!t || t.of === 0) return '-';
  if (t.completed === 0) return t.errors.length ? `error: ${t.errors[0]}` : 'no completion';
  return `${ms(t.p50)}${t.completed < t.of ? ` (${t.completed}/${t.of} runs)` : ''}`;
};
for (const s of summary) {
  const label = `${s.runtime}${s.version ? ` ${s.version}` : ''}`;
  if (s.unavailable) { console.log(`| ${label} | not available: ${s.reason} | | | | |`); continue; }
  if (!s.firstPrompt) { console.log(`| ${label} | failed: ${s.errors.join('; ')} | | | | |`); continue; }
  const f = s.firstPrompt;
  const ratio = node ? `${(f.p50 / node.firstPrompt.p50).toFixed(2)}x` : '-';
  const failed = s.failed ? ` (${s.failed} of ${s.runs} runs failed)` : '';
  console.log(`| ${label} | ${ms(f.p50)} / ${ms(f.min)} / ${ms(f.max)}${failed} | ${tabCell(s.tabCrypto)} | ${tabCell(s.tabArray)} | ` +
    `${mib(s.vmHwmAtPrompt)} / ${s.vmHwmAfterTab == null ? '-' : mib(s.vmHwmAfterTab)} | ${ratio} |`);
}
for (const s of summary) {
  for (const key of ['tabCrypto', 'tabArray']) {
    const t = s[key];
    if (t && t.shown.length) console.log(`\n${s.runtime}: no completion of \`${t.label}\` within the timeout; the line showed ${t.shown.map((x) => JSON.stringify(x)).join(', ')}`);
    if (t && t.errors.length) console.log(`\n${s.runtime}: \`${t.label}\`: ${t.errors.join('; ')}`);
  }
  if (s.errors) console.log(`\n${s.runtime}: ${s.failed} run(s) failed: ${s.errors.join('; ')}`);
}
writeFileSync(summaryFile, JSON.stringify({ title, summary, runs: lines }, null, 2) + '\n');
console.log(`\nsummary: ${summaryFile}`);
