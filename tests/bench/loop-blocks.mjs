// Loaded into a bench's server process with `node --import` (server-load.ts): notes every time the main thread was
// busy for longer than BLOCK_MS, as one line `<end, epoch ms> <blocked ms>` appended to PLA_DESK_BENCH_LOOP_FILE.
// A 10 ms timer that fires late was held up by work on the thread (or by the machine not running the process: on a
// loaded machine some of what it notes is the scheduler's). Plain JavaScript: the server runs the built CLI, not tsx.
// Worker threads inherit `--import`: only the main thread is watched.
import fs from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const file = process.env.PLA_DESK_BENCH_LOOP_FILE;
const TICK_MS = 10;
const BLOCK_MS = 20;
if (file && isMainThread) {
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    const blocked = now - last - TICK_MS;
    last = now;
    if (blocked >= BLOCK_MS) fs.appendFileSync(file, `${Date.now()} ${blocked.toFixed(1)}\n`);
  }, TICK_MS).unref();
}
