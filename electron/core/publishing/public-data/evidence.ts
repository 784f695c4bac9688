import fs from 'node:fs';
import path from 'node:path';
import type { DbOrTx } from '../../../../db/connection';
import type { AttachmentStore } from '../../../../db/attachment-store';
import type * as q from '../../../../db/queries/publishing-site';
import { attachmentStoreFor } from '../../attachments';
import { evidenceRefusal } from '../evidence-types';
import { slug } from '../html';
import { redact } from './redaction';
import { push } from './shared';
import type { PublicFile } from './types';

/** Where evidence kept in the database (PostgreSQL) is written for the site to copy (inside the data folder, removed after each build). */
export const evidenceWorkDir = (dataDir: string) => path.join(dataDir, 'site-work', 'evidence');

const safeFileName = (name: string) => {
  const ext = path
    .extname(name)
    .toLowerCase()
    .replace(/[^a-z0-9.]/g, '')
    .slice(0, 10);
  return `${slug(path.basename(name, path.extname(name)))}${ext}`;
};

export interface SiteEvidence {
  /** Files to copy, by site path. */
  files: Map<string, { sitePath: string; source: string }>;
  /** The files of an entity, under `entity:id` (`progress_update:…`, `measurement:…`). */
  evidenceBy: Map<string, PublicFile[]>;
  /** Files left off the site, with the reason. */
  excluded: Map<string, { fileName: string; reason: string }>;
}

/** Evidence files, named by content so an unchanged file keeps its path; only allow-listed types whose content matches their name. */
export async function collectEvidence(db: DbOrTx, dataDir: string, evidence: Awaited<ReturnType<typeof q.siteEvidence>>): Promise<SiteEvidence> {
  const files = new Map<string, { sitePath: string; source: string }>();
  const evidenceBy = new Map<string, PublicFile[]>();
  const excluded = new Map<string, { fileName: string; reason: string }>();
  const store = attachmentStoreFor(db, dataDir);
  const sources = new Map<string, string | null>();
  for (const f of evidence) {
    // Only allow-listed types whose content matches their name: nothing that a browser would run.
    if (!sources.has(f.sha256)) sources.set(f.sha256, await evidenceSource(db, store, f.sha256, evidenceWorkDir(dataDir)));
    const source = sources.get(f.sha256) ?? null;
    let reason: string | null;
    try {
      if (!source) throw new Error('missing');
      reason = evidenceRefusal(f.file_name, fs.readFileSync(source));
    } catch {
      reason = 'fișierul lipsește din dosarul de date';
    }
    if (reason) {
      excluded.set(`${f.sha256}:${f.file_name}`, { fileName: redact(f.file_name), reason });
      continue;
    }
    const sitePath = `dovezi/${f.sha256.slice(0, 16)}/${safeFileName(f.file_name)}`;
    files.set(sitePath, { sitePath, source: source! });
    push(evidenceBy, `${f.entity}:${f.entity_id}`, { sitePath, name: redact(f.file_name), size: Number(f.size) });
  }
  return { files, evidenceBy, excluded };
}

/**
 * A file on this computer holding the evidence file `sha256`: the data folder's own file (SQLite), or a copy
 * written a chunk at a time from the database (PostgreSQL); null when the store does not have it.
 */
async function evidenceSource(db: DbOrTx, store: AttachmentStore, sha256: string, workDir: string): Promise<string | null> {
  const own = store.pathOf(sha256);
  if (own) return fs.existsSync(own) ? own : null;
  if ((await store.size(db, sha256)) === null) return null;
  const file = path.join(workDir, sha256);
  fs.mkdirSync(workDir, { recursive: true });
  const fd = fs.openSync(file, 'w');
  try {
    for await (const chunk of store.read(db, sha256)) fs.writeSync(fd, chunk);
  } finally {
    fs.closeSync(fd);
  }
  return file;
}
