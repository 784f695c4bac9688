/**
 * Writes db/schema/snapshot.json: the tables, columns and indexes the migrations build (tests/db/schema-snapshot.ts).
 * Run after adding a migration — `npx tsx scripts/schema-snapshot.ts` — and review the diff with the migration;
 * tests/db/schema-snapshot.test.ts fails until the snapshot, the migrations and db/schema/*.ts agree.
 */
import fs from 'node:fs';
import prettier from 'prettier';
import path from 'node:path';
import { migratedSchema, ROOT, SNAPSHOT_FILE } from '../tests/db/schema-snapshot';

const snapshot = await migratedSchema();
// In Prettier's layout with the repository's settings, so npm test's format step passes on a fresh snapshot.
const options = (await prettier.resolveConfig(SNAPSHOT_FILE)) ?? {};
fs.writeFileSync(SNAPSHOT_FILE, await prettier.format(JSON.stringify(snapshot, null, 2), { ...options, filepath: SNAPSHOT_FILE }));
console.log(`${path.relative(ROOT, SNAPSHOT_FILE)}: ${Object.keys(snapshot.tables).length} tables after ${snapshot.migration}`);
