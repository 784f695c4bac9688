import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CleaningStep, StepLog } from '../../contract';
import { StepRunner } from './cleaning';
import { csvLine } from './csv';
import { readRows, type EncodingName, type SourceIssue } from './validate';

/**
 * Where a dataset's files live: dataDir/datasets/<datasetId>/imports/<importId>/source.<ext> (the file as
 * received) and clean.csv (UTF-8, comma: the source decoded with the confirmed encoding and passed through
 * the cleaning steps); dataDir/datasets/<datasetId>/export/ (the publishable files).
 */
export const datasetDir = (dataDir: string, datasetId: string) => path.join(dataDir, 'datasets', datasetId);
export const importDir = (dataDir: string, datasetId: string, importId: string) => path.join(datasetDir(dataDir, datasetId), 'imports', importId);
export const sourcePath = (dataDir: string, datasetId: string, importId: string, format: 'csv' | 'xlsx') =>
  path.join(importDir(dataDir, datasetId, importId), `source.${format}`);
export const cleanPath = (dataDir: string, datasetId: string, importId: string) => path.join(importDir(dataDir, datasetId, importId), 'clean.csv');
export const exportDir = (dataDir: string, datasetId: string) => path.join(datasetDir(dataDir, datasetId), 'export');

/** Buffered text writer: one write per ~1 MB, awaited (bounded memory whatever the file's size). */
export class TextSink {
  private parts: string[] = [];
  private size = 0;
  private constructor(private fh: fs.promises.FileHandle) {}
  static async open(file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return new TextSink(await fs.promises.open(file, 'w'));
  }
  async write(s: string) {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= 1 << 20) await this.flush();
  }
  async flush() {
    if (!this.parts.length) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    await this.fh.write(text, null, 'utf8');
  }
  async close() {
    await this.flush();
    await this.fh.close();
  }
}

/** A short, stable hash of a row's cells (for "what changed since last month": rows added and removed). */
export const rowHash = (cells: readonly string[]) => createHash('sha1').update(cells.join('\u001f')).digest('base64').slice(0, 16);

export interface PipelineResult {
  header: string[];
  rowsIn: number;
  rowsOut: number;
  log: StepLog[];
  issues: SourceIssue[];
}

/**
 * Streams the source through the steps. `onRow` sees every output row (for the clean file, the preview, row
 * hashes); returning `false` stops early (the preview needs only the first rows, but the counts want the whole file).
 */
export async function runPipeline(
  file: string,
  o: {
    encoding: EncodingName;
    steps: CleaningStep[];
    signal?: AbortSignal;
    onHeader?(before: string[], after: string[]): void | Promise<void>;
    onRow?(before: string[], after: string[] | null): void | Promise<void> | false;
    onProgress?(fraction: number): void;
  },
): Promise<PipelineResult> {
  let runner: StepRunner | null = null;
  const issues: SourceIssue[] = [];
  let total = 0;
  let header: string[] = [];
  for await (const rec of readRows(file, {
    encoding: o.encoding,
    signal: o.signal,
    onInfo: (i) => (total = i.bytes),
    onIssue: (i) => issues.length < 100 && issues.push(i),
  })) {
    if (!runner) {
      header = rec.cells;
      runner = new StepRunner(rec.cells, o.steps);
      await o.onHeader?.(rec.cells, runner.header);
      continue;
    }
    const before = rec.cells;
    const after = runner.push(before);
    const r = o.onRow?.(before, after);
    if (r === false) break;
    if (r) await r;
    if (o.onProgress && runner.rowsIn % 5000 === 0) o.onProgress(total ? Math.min(0.99, (runner.rowsIn * 40) / total) : 0);
  }
  if (!runner) runner = new StepRunner(header, o.steps);
  return { header: runner.header, rowsIn: runner.rowsIn, rowsOut: runner.rowsOut, log: runner.log(), issues };
}

/** The cleaned file: UTF-8 (no BOM), comma, LF. Returns the pipeline's counts and each output row's hash count. */
export async function writeClean(
  source: string,
  out: string,
  o: { encoding: EncodingName; steps: CleaningStep[]; signal?: AbortSignal; onProgress?(f: number): void },
): Promise<PipelineResult & { hashes: Map<string, number> }> {
  const sink = await TextSink.open(out);
  const hashes = new Map<string, number>();
  try {
    const res = await runPipeline(source, {
      ...o,
      onHeader: (_b, after) => sink.write(csvLine(after)),
      onRow: async (_b, after) => {
        if (!after) return;
        const h = rowHash(after);
        hashes.set(h, (hashes.get(h) ?? 0) + 1);
        await sink.write(csvLine(after));
      },
    });
    return { ...res, hashes };
  } finally {
    await sink.close();
  }
}

/** Row hashes of an earlier clean file, to compare the new month's file with. */
export async function hashesOf(cleanFile: string, signal?: AbortSignal): Promise<{ header: string[]; hashes: Map<string, number>; rows: number } | null> {
  if (!fs.existsSync(cleanFile)) return null;
  const hashes = new Map<string, number>();
  let header: string[] | null = null;
  let rows = 0;
  for await (const rec of readRows(cleanFile, { encoding: 'utf-8', delimiter: ',', signal })) {
    if (!header) {
      header = rec.cells;
      continue;
    }
    rows++;
    const h = rowHash(rec.cells);
    hashes.set(h, (hashes.get(h) ?? 0) + 1);
  }
  return { header: header ?? [], hashes, rows };
}

/** SHA-256 and size of a file, streamed. */
export async function fileDigest(file: string): Promise<{ sha256: string; bytes: number }> {
  const h = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file)) {
    h.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: h.digest('hex'), bytes };
}
