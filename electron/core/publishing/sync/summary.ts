import type { ManifestDiff, ManifestEntry } from './manifest';

export type FileKind = 'page' | 'dataset' | 'file';

const DATA_EXT = /\.(csv|tsv|xlsx|xls|ods|geojson|parquet|zip)$/i;

/**
 * What a file is to a visitor: an HTML page, a dataset distribution (a data file, or a dataset's
 * datapackage.json), or any other file (styles, images, catalogue).
 */
export function fileKind(p: string): FileKind {
  if (/\.html?$/i.test(p)) return 'page';
  if (DATA_EXT.test(p) || /(^|\/)datapackage\.json$/i.test(p)) return 'dataset';
  return 'file';
}

/** Counts by kind; a dataset counts once however many of its files moved (its folder names it). */
export function countKinds(entries: ManifestEntry[]): Record<FileKind, number> {
  const out: Record<FileKind, number> = { page: 0, dataset: 0, file: 0 };
  const datasets = new Set<string>();
  for (const e of entries) {
    const k = fileKind(e.path);
    if (k === 'dataset') datasets.add(e.path.includes('/') ? e.path.slice(0, e.path.lastIndexOf('/')) : e.path);
    else out[k]++;
  }
  out.dataset = datasets.size;
  return out;
}

/** Romanian number agreement: "1 pagină", "2 pagini", "20 de pagini", "101 pagini", "120 de pagini". */
export function roCount(n: number, one: string, many: string): string {
  if (n === 1) return `1 ${one}`;
  const r = n % 100;
  return `${n} ${n !== 0 && (r === 0 || r >= 20) ? 'de ' : ''}${many}`;
}

const WORDS: Record<FileKind, { changed: [string, string]; added: [string, string] }> = {
  page: { changed: ['pagină modificată', 'pagini modificate'], added: ['pagină nouă', 'pagini noi'] },
  dataset: { changed: ['set de date modificat', 'seturi de date modificate'], added: ['set de date nou', 'seturi de date noi'] },
  file: { changed: ['fișier modificat', 'fișiere modificate'], added: ['fișier nou', 'fișiere noi'] },
};

export interface ChangeCounts {
  changed: Record<FileKind, number>;
  added: Record<FileKind, number>;
  removedFiles: number;
  removedDatasets: number;
  unchanged: number;
  bytesToSend: number;
  filesToSend: number;
}

export function changeCounts(d: ManifestDiff): ChangeCounts {
  const removedDatasets = countKinds(d.removed).dataset;
  return {
    changed: countKinds(d.changed),
    added: countKinds(d.added),
    removedFiles: d.removed.length,
    removedDatasets,
    unchanged: d.unchanged.length,
    filesToSend: d.added.length + d.changed.length,
    bytesToSend: [...d.added, ...d.changed].reduce((s, f) => s + f.size, 0),
  };
}

/** "12 pagini modificate, 1 set de date nou, 2 fișiere șterse" — what a publication will change, in Romanian. */
export function describeChanges(c: ChangeCounts): string {
  const parts: string[] = [];
  for (const k of ['page', 'dataset', 'file'] as const) {
    if (c.changed[k]) parts.push(roCount(c.changed[k], ...WORDS[k].changed));
    if (c.added[k]) parts.push(roCount(c.added[k], ...WORDS[k].added));
  }
  if (c.removedDatasets) parts.push(roCount(c.removedDatasets, 'set de date retras', 'seturi de date retrase'));
  if (c.removedFiles) parts.push(roCount(c.removedFiles, 'fișier șters', 'fișiere șterse'));
  return parts.length ? parts.join(', ') : 'nicio modificare';
}
