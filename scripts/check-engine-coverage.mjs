#!/usr/bin/env node
// After the database tier ran on both engines with PLA_DESK_QUERY_TRACE=DIR (scripts/test.mjs sets it), fails when a
// module of db/queries ran statements on one engine only, or on none. Modules that only build SQL fragments for
// others (they never execute a statement themselves) are listed in NO_STATEMENTS.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.resolve(process.argv[2] ?? path.join(root, 'test-results', 'query-trace'));
const NO_STATEMENTS = new Set(['fold']);
// Modules one engine alone uses by design, with the reason (each must still run on that engine).
const ONE_ENGINE = { attachments: ['postgres', 'the attachment store in the database; a SQLite data folder keeps evidence files on disk'] };

const modules = fs
  .readdirSync(path.join(root, 'db', 'queries'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .filter((m) => !NO_STATEMENTS.has(m));
const ran = { sqlite: new Set(), postgres: new Set() };
for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
  const engine = f.split('-')[0];
  if (!(engine in ran)) continue;
  for (const m of fs.readFileSync(path.join(dir, f), 'utf8').split('\n').filter(Boolean)) ran[engine].add(m);
}
let failed = 0;
for (const m of modules) {
  const on = Object.keys(ran).filter((e) => ran[e].has(m));
  if (on.length === 2) {
    console.log(`  ✓ db/queries/${m}.ts ran on sqlite and postgres`);
  } else if (ONE_ENGINE[m] && on.length === 1 && on[0] === ONE_ENGINE[m][0]) {
    console.log(`  ✓ db/queries/${m}.ts ran on ${on[0]}, the only engine that uses it: ${ONE_ENGINE[m][1]}`);
  } else {
    failed++;
    console.log(`  ✗ db/queries/${m}.ts ran on ${on.length ? `${on[0]} only` : 'neither engine'}`);
  }
}
console.log(`\n${modules.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
