/**
 * Child process of crash.test.ts: one large write transaction on a migrated database, announcing each
 * phase on stdout so the parent can SIGKILL it at a chosen moment. Never commits in "before-commit"
 * mode; in "commit" mode it commits and then waits to be killed.
 *
 * Usage: node --import tsx crash-writer.ts <db file> <before-commit|commit> <rows>
 */
import { openDatabase } from '../../db/connection';

const [file, mode, rowsArg] = process.argv.slice(2);
const rows = Number(rowsArg);
if (!file || (mode !== 'before-commit' && mode !== 'commit') || !Number.isInteger(rows) || rows < 2) {
  process.stderr.write('usage: crash-writer.ts <db file> <before-commit|commit> <rows>\n');
  process.exit(2);
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const waitForever = () => setInterval(() => {}, 60_000);

const conn = openDatabase(file, { fileMustExist: true });
const insert = conn.sqlite.prepare(
  `insert into measurements (id, indicator_id, date, value, period, note, created_at, updated_at, updated_by, deleted_at)
   values (?, 'i1', ?, ?, null, 'crash test', '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z', null, null)`,
);
const insertRange = (from: number, to: number) => {
  for (let i = from; i < to; i++) insert.run(`crash-${String(i).padStart(7, '0')}`, `2024-${String((i % 12) + 1).padStart(2, '0')}-01`, i);
};

conn.sqlite.exec('begin immediate');
// Half the rows first: by now the transaction is larger than the page cache, so SQLite has already
// spilled uncommitted pages to the WAL file — the interesting state to crash in.
insertRange(0, rows / 2);
say('writing');
insertRange(rows / 2, rows);
if (mode === 'before-commit') {
  say('written');
  waitForever(); // the transaction stays open until the parent kills us
} else {
  say('committing');
  conn.sqlite.exec('commit');
  say('committed');
  waitForever();
}
