/**
 * One `db copy` of the benchmark, alone in its own process so its peak memory is its own.
 * Usage: node --import tsx db-copy-child.ts <from> <to>   (sqlite:DIR, postgres://…, pglite:DIR)
 * Prints one JSON line: { rows, files, ms, baseRssMb, peakRssMb }.
 */
import { parseStoreLocation } from '../../db/connection';
import { copyStore } from '../../db/transfer';

const [from, to] = process.argv.slice(2);
if (!from || !to) {
  process.stderr.write('usage: db-copy-child.ts <from> <to>\n');
  process.exit(2);
}
const base = process.memoryUsage().rss;
let peak = base;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const t0 = performance.now();
const r = await copyStore({ from: parseStoreLocation(from), to: parseStoreLocation(to), force: true });
const ms = performance.now() - t0;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
const mb = (n: number) => n / 1024 / 1024;
console.log(
  JSON.stringify({
    rows: r.source.reduce((n, t) => n + t.rows, 0),
    files: r.attachments.source.files,
    bytes: r.attachments.source.bytes,
    ms,
    baseRssMb: mb(base),
    peakRssMb: mb(peak),
  }),
);
