import { z } from 'zod';
import { because } from './issues';
import { COORDINATOR, EDITORS, method } from './define';
import { expectedUpdatedAt, id, requiredText, type Row } from './common';

/**
 * Publishing sync: targets (a folder such as a mounted network share, or an SFTP server), what a publication
 * would change, the queue of publications waiting for an unreachable target, and the publication log.
 * A password is write-only: no output carries it (a target says only `hasPassword`).
 */
export const TARGET_KINDS = ['folder', 'sftp'] as const;
export const TARGET_AUTH = ['none', 'key', 'password'] as const;
export const QUEUE_REASONS = ['unreachable', 'auth', 'host_key', 'config', 'interrupted', 'refused', 'error'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];
export type QueueReason = (typeof QUEUE_REASONS)[number];

export interface PublishingTarget extends Row {
  name: string;
  kind: TargetKind;
  /** folder: the local folder; sftp: the absolute folder on the server. */
  path: string;
  host: string | null;
  port: number | null;
  username: string | null;
  auth: (typeof TARGET_AUTH)[number];
  /** Path of the private key file on this computer (the key itself is never stored). */
  identityPath: string | null;
  hasPassword: boolean;
  /** The server's host key fingerprint, recorded on first connection. */
  hostKey: string | null;
  /** The release live on the target as last published from here, and when. */
  liveRelease: string | null;
  lastPublishedAt: string | null;
}

export interface ChangeCountsOut {
  changed: { page: number; dataset: number; file: number };
  added: { page: number; dataset: number; file: number };
  removedFiles: number;
  removedDatasets: number;
  unchanged: number;
  filesToSend: number;
  bytesToSend: number;
}

export interface PublicationPreview {
  /** "12 pagini modificate, 1 set de date nou, 2 fișiere șterse". */
  summary: string;
  counts: ChangeCountsOut;
  /** Compared with the target's own manifest, or (target unreachable) with the copy kept here. */
  basis: 'target' | 'local_copy' | 'first_publication';
  unreachableReason: string | null;
  siteBuiltAt: string;
}

export interface PublicationOutcome {
  status: 'published' | 'unchanged' | 'queued';
  summary: string;
  releaseId: string | null;
  filesSent: number;
  bytesSent: number;
  filesDeleted: number;
  queueId: string | null;
  reasonKind: QueueReason | null;
  reason: string | null;
}

export interface QueuedPublication {
  id: string;
  targetId: string;
  targetName: string;
  summary: string;
  /** Waiting since (the first attempt). */
  since: string;
  reasonKind: QueueReason | null;
  reason: string;
  attempts: number;
  lastAttemptAt: string | null;
}

export interface PublicationLogEntry {
  id: string;
  targetId: string;
  targetName: string;
  status: 'published' | 'unchanged' | 'failed';
  releaseId: string | null;
  summary: string;
  filesSent: number;
  bytesSent: number;
  filesLinked: number;
  filesDeleted: number;
  startedAt: string;
  finishedAt: string;
  error: string;
}

/** A complete release kept on a target (newest first): what `publishing.rollback` can put back live. */
export interface SiteRelease {
  id: string;
  live: boolean;
  publishedAt: string;
  files: number;
  bytes: number;
}

export interface RollbackOutcome {
  /** The release that was live before (null when none was). */
  from: string | null;
  to: string;
  /** Romanian, as logged: "Revenire la versiunea … (în locul versiunii …)". */
  summary: string;
}

const absPath = requiredText(1000).refine((s) => !s.includes('\0'), because('noNul'));
const hostName = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:-]+$/, because('hostName'));
const userName = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._][A-Za-z0-9._-]*$/, because('userName'));

export const saveTargetInput = z
  .object({
    id: id.optional(),
    expectedUpdatedAt: expectedUpdatedAt.optional(),
    name: requiredText(120),
    kind: z.enum(TARGET_KINDS),
    path: absPath,
    host: hostName.nullable().default(null),
    port: z.number().int().min(1).max(65535).nullable().default(null),
    username: userName.nullable().default(null),
    auth: z.enum(TARGET_AUTH).default('none'),
    identityPath: absPath.nullable().default(null),
    /** Write-only: a new password; omitted = keep the stored one. */
    password: z.string().min(1).max(500).optional(),
    /** Forget the recorded host key (after the server's key was changed on purpose). */
    resetHostKey: z.boolean().default(false),
  })
  .strict();
export type SaveTargetInput = z.infer<typeof saveTargetInput>;

/** `siteDir`: a built site elsewhere than the data folder's — the CLI's `--site DIR` only (refused to app sessions). */
const targetRef = z.object({ targetId: id, siteDir: z.string().min(1).max(1000).optional() }).strict();

export const publishingSyncContract = {
  'publishing.listTargets': method<PublishingTarget[]>()(z.object({}).strict(), EDITORS),
  'publishing.saveTarget': method<PublishingTarget>()(saveTargetInput, COORDINATOR),
  'publishing.deleteTarget': method<null>()(z.object({ id, expectedUpdatedAt }).strict(), COORDINATOR),
  /** What publishing the last built site to the target would change; sends nothing. */
  'publishing.previewPublication': method<PublicationPreview>()(targetRef, EDITORS),
  /** Publishes the last built site as a job (result: PublicationOutcome); an unreachable target queues it. */
  'publishing.publish': method<{ jobId: string }>()(targetRef, EDITORS),
  'publishing.listQueue': method<QueuedPublication[]>()(z.object({}).strict(), EDITORS),
  /** Retries a queued publication now, as a job (result: PublicationOutcome). */
  'publishing.retryQueued': method<{ jobId: string }>()(z.object({ id }).strict(), EDITORS),
  'publishing.cancelQueued': method<null>()(z.object({ id }).strict(), EDITORS),
  /** The releases kept on a target; reads the target (a CONFLICT with reason `unreachable` when it does not answer). */
  'publishing.listReleases': method<SiteRelease[]>()(z.object({ targetId: id }).strict(), EDITORS),
  /** Puts an earlier release back live at once (atomic switch; nothing deleted, so it can be undone the same way). */
  'publishing.rollback': method<RollbackOutcome>()(z.object({ targetId: id, releaseId: z.string().trim().min(1).max(64) }).strict(), COORDINATOR),
  'publishing.listLog': method<PublicationLogEntry[]>()(
    z.object({ targetId: id.optional(), limit: z.number().int().min(1).max(500).default(50) }).strict(),
    EDITORS,
  ),
};
