// Prints the table of bench/dev-reload.sh from the JSON lines measure.mjs appended, and writes
// them (with the percentiles) to one JSON file.
//   node report.mjs RESULTS.jsonl OUT.json "header line"
import fs from "node:fs";

const [input, output, header] = process.argv.slice(2);
const rows = fs.existsSync(input)
  ? fs.readFileSync(input, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l))
  : [];

function pct(sorted, p) {  // nearest rank
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : null;
}
for (const r of rows) {
  if (r.unavailable) continue;
  const l = [...r.latenciesMs].sort((a, b) => a - b);
  r.p50Ms = pct(l, 50);
  r.p95Ms = pct(l, 95);
  r.maxMs = l.length ? l[l.length - 1] : null;
}

const fmt = (v, d = 1) => (v === null || v === undefined || Number.isNaN(v) ? "-" : v.toFixed(d));
console.log(header);
for (const project of [...new Set(rows.map((r) => r.project))]) {
  const here = rows.filter((r) => r.project === project);
  const nano = here.find((r) => r.server === "nano dev" && !r.unavailable && r.p50Ms !== null);
  console.log(`\nproject ${project}`);
  console.log(`  ${"server".padEnd(24)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"max ms".padStart(8)}` +
    ` ${"conn err".padStart(8)} ${"non-2xx".padStart(7)} ${"peak RSS".padStart(9)} ${"start s".padStart(7)}  nano p50 / this p50`);
  for (const r of here) {
    const name = `${r.server} ${r.version ?? ""}`.trim();
    if (r.unavailable) {
      console.log(`  ${name.padEnd(24)} not available${r.reason ? ` (${r.reason})` : ""}`);
      continue;
    }
    const ratio = nano && r !== nano && r.p50Ms ? `${(nano.p50Ms / r.p50Ms).toFixed(2)}x` : "-";
    console.log(`  ${name.padEnd(24)} ${fmt(r.p50Ms).padStart(8)} ${fmt(r.p95Ms).padStart(8)} ${fmt(r.maxMs).padStart(8)}` +
      ` ${String(r.connErrors).padStart(8)} ${String(r.non2xx).padStart(7)}` +
      ` ${(fmt(r.peakRssKiB / 1024, 0) + " MiB").padStart(9)} ${fmt(r.startupMs / 1000).padStart(7)}  ${ratio}` +
      (r.error ? `   ERROR: ${r.error}` : ""));
  }
}
fs.writeFileSync(output, JSON.stringify({ header, results: rows }, null, 2) + "\n");
console.log(`\nraw figures: ${output}`);
