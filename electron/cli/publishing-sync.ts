import fs from 'node:fs';
import path from 'node:path';
import type { Job, PublicationOutcome, PublicationPreview, PublishingTarget, RollbackOutcome, SiteBuildResult, SiteRelease } from '../contract';
import { dataDirHelp, dataDirOf, dataDirOpt, needDb, requireOpt, SYSTEM, unwrap, UsageError, withCore, type Command } from './shared';
import type { Core } from '../core';
import { cliLang, say } from './messages';
import { fillIssueText, ISSUE_TEXT } from '../contract';

interface Place {
  kind: 'folder' | 'sftp';
  path: string;
  host: string | null;
  port: number | null;
  username: string | null;
}

/** `DIR` or `sftp://user@host[:port]/absolute/path` (a password never goes in a URL: configure it in the app). */
export function parseTarget(spec: string): Place {
  if (!/^sftp:\/\//i.test(spec)) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(spec)) throw new UsageError(say('targetScheme', { scheme: spec.split(':')[0] }));
    return { kind: 'folder', path: path.resolve(spec), host: null, port: null, username: null };
  }
  let u: URL;
  try {
    u = new URL(spec);
  } catch {
    throw new UsageError(say('targetInvalid'));
  }
  if (u.password) throw new UsageError(say('targetPassword'));
  if (!u.username) throw new UsageError(say('targetUser'));
  const p = decodeURIComponent(u.pathname);
  if (!p || p === '/') throw new UsageError(say('targetFolder'));
  if (p.split('/').includes('..')) throw new UsageError(say('targetDotdot'));
  return {
    kind: 'sftp',
    path: p.replace(/\/+$/, ''),
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : 22,
    username: decodeURIComponent(u.username),
  };
}

const kb = (n: number) => `${(n / 1024).toLocaleString('ro-RO', { maximumFractionDigits: 1 })} KB`;

/** The target the address names, created on first use (its queue, log and manifest copy live in the data folder). */
async function targetFor(core: Core, place: Place, identity: string | null): Promise<PublishingTarget> {
  const targets = unwrap(await core.call('publishing.listTargets', {}, SYSTEM)) as PublishingTarget[];
  const found = targets.find(
    (t) =>
      t.kind === place.kind &&
      t.path === place.path &&
      (place.kind === 'folder' || (t.host === place.host && t.port === place.port && t.username === place.username)),
  );
  const fields = { kind: place.kind, path: place.path, host: place.host, port: place.port, username: place.username };
  if (found) {
    if (!identity || (found.auth === 'key' && found.identityPath === identity)) return found;
    return unwrap(
      await core.call(
        'publishing.saveTarget',
        { ...fields, id: found.id, expectedUpdatedAt: found.updatedAt, name: found.name, auth: 'key', identityPath: identity },
        SYSTEM,
      ),
    ) as PublishingTarget;
  }
  if (place.kind === 'sftp' && !identity) throw new UsageError(say('sftpIdentity'));
  const label = place.kind === 'sftp' ? `sftp://${place.username}@${place.host}:${place.port}${place.path}` : place.path;
  let name = label.slice(0, 120);
  for (let i = 2; targets.some((t) => t.name === name); i++) name = `${label.slice(0, 110)} (${i})`;
  return unwrap(
    await core.call('publishing.saveTarget', { ...fields, name, auth: place.kind === 'sftp' ? 'key' : 'none', identityPath: identity }, SYSTEM),
  ) as PublishingTarget;
}

export const sitePublishCommand: Command = {
  usage: 'pla-desk site publish --target DIR|sftp://user@host:port/path [--identity KEY] [--site DIR] [--date YYYY-MM-DD] [--dry-run] [--data-dir DIR]',
  summary: 'publish the public site to a folder or an SFTP server: only what changed, switched in at once; queued if the target is unreachable',
  options: {
    ...dataDirOpt,
    target: { type: 'string' },
    identity: { type: 'string' },
    site: { type: 'string' },
    date: { type: 'string' },
    'dry-run': { type: 'boolean' },
  },
  help: [
    dataDirHelp,
    '  --target DIR|URL   a folder (e.g. a mounted network share) or sftp://user@host:port/absolute/path',
    '  --identity KEY     the private key file for SFTP (remembered for this target)',
    '  --site DIR         publish this built site instead of building one now (pla-desk site build --out DIR)',
    '  --date YYYY-MM-DD  the publication date of the site built now (default: today)',
    '  --dry-run          show what would change (in Romanian) and send nothing',
    '',
    'The target holds releases/<id>/ (one complete site each) and `current`, a link to the live one: point the web',
    'server at <target>/current. A publication that cannot reach the target waits in the queue; running this',
    'command again (or Retry in the app) sends it.',
  ].join('\n'),
  async run(v) {
    const place = parseTarget(requireOpt(v, 'target'));
    const identity = typeof v.identity === 'string' ? path.resolve(v.identity) : null;
    if (identity && !fs.existsSync(identity)) throw new UsageError(say('keyNotFound', { file: identity }));
    if (identity && place.kind === 'folder') throw new UsageError(say('identityFolder'));
    const site = typeof v.site === 'string' ? path.resolve(v.site) : null;
    if (site && !fs.existsSync(path.join(site, 'index.html'))) throw new UsageError(say('siteNotBuilt', { site }));
    const date = v.date as string | undefined;
    if (date !== undefined && (site || !/^\d{4}-\d{2}-\d{2}$/.test(date))) throw new UsageError(site ? say('dateWithSite') : say('dateFormat'));
    const dir = dataDirOf(v);
    needDb(dir);
    return withCore(dir, async (core) => {
      const target = await targetFor(core, place, identity);
      if (!site) {
        const { jobId } = unwrap(await core.call('publishing.buildSite', date ? { publicationDate: date } : {}, SYSTEM)) as { jobId: string };
        const job: Job = await core.waitForJob(jobId);
        if (job.status !== 'done') throw new Error(say('buildFailed', { reason: job.error?.message ?? job.status }));
        const r = job.result as SiteBuildResult;
        console.log(`Site construit: ${r.pages} pagini, ${r.files} fișiere (data publicării ${r.publicationDate})`);
        for (const f of r.excluded ?? []) console.log(`Lăsat în afara site-ului: ${f.fileName} — ${f.reason}`);
      }
      const input = { targetId: target.id, ...(site ? { siteDir: site } : {}) };
      if (v['dry-run']) {
        const p = unwrap(await core.call('publishing.previewPublication', input, SYSTEM)) as PublicationPreview;
        const basis =
          p.basis === 'target'
            ? 'față de manifestul de pe țintă'
            : p.basis === 'local_copy'
              ? 'față de copia locală a manifestului (ținta nu răspunde)'
              : 'prima publicare pe această țintă';
        console.log(`Simulare (nu se trimite nimic) către ${target.name}: ${p.summary}`);
        console.log(`De trimis: ${p.counts.filesToSend} fișiere, ${kb(p.counts.bytesToSend)}; ${basis}.`);
        if (p.unreachableReason) console.log(`Ținta nu răspunde acum: ${p.unreachableReason}`);
        return 0;
      }
      const { jobId } = unwrap(await core.call('publishing.publish', input, SYSTEM)) as { jobId: string };
      const job = await core.waitForJob(jobId);
      if (job.status !== 'done') throw new Error(say('publicationFailed', { reason: job.error?.message ?? job.status }));
      const r = job.result as PublicationOutcome;
      if (r.status === 'queued') {
        console.error(`pla-desk site publish: ${r.reason}`);
        console.error('Publicarea așteaptă în coadă; rulați comanda din nou (sau Reîncearcă în aplicație) când ținta răspunde.');
        return 1;
      }
      if (r.status === 'unchanged') console.log(`Nicio modificare: ${target.name} are deja acest site (versiunea ${r.releaseId}).`);
      else
        console.log(`Publicat pe ${target.name}: ${r.summary}. Trimise ${r.filesSent} fișiere (${kb(r.bytesSent)}); versiunea ${r.releaseId} este acum live.`);
      return 0;
    });
  },
};

export const siteRollbackCommand: Command = {
  usage: 'pla-desk site rollback --target DIR|sftp://user@host:port/path [--release ID | --list] [--identity KEY] [--data-dir DIR]',
  summary: 'put an earlier release of the public site back live at once (nothing is deleted, so it can be undone)',
  options: { ...dataDirOpt, target: { type: 'string' }, release: { type: 'string' }, list: { type: 'boolean' }, identity: { type: 'string' } },
  help: [
    dataDirHelp,
    '  --target DIR|URL   the target the site was published to (as given to pla-desk site publish)',
    '  --release ID       the release to put back live (default: the newest one before the live release)',
    '  --list             list the releases kept on the target, the live one marked, and change nothing',
    '  --identity KEY     the private key file for SFTP',
    '',
    'A target keeps the live release and the one before it. The switch of `current` is atomic, as in a publication;',
    'the release it replaces stays on the target, so running rollback again with its id undoes the rollback.',
  ].join('\n'),
  async run(v) {
    const place = parseTarget(requireOpt(v, 'target'));
    const identity = typeof v.identity === 'string' ? path.resolve(v.identity) : null;
    if (identity && !fs.existsSync(identity)) throw new UsageError(say('keyNotFound', { file: identity }));
    if (v.list && v.release) throw new UsageError(say('rollbackListOrRelease'));
    const dir = dataDirOf(v);
    needDb(dir);
    return withCore(dir, async (core) => {
      const targets = unwrap(await core.call('publishing.listTargets', {}, SYSTEM)) as PublishingTarget[];
      const known = targets.find(
        (t) =>
          t.kind === place.kind &&
          t.path === place.path &&
          (place.kind === 'folder' || (t.host === place.host && t.port === place.port && t.username === place.username)),
      );
      if (!known) throw new UsageError(say('rollbackUnknownTarget', { target: requireOpt(v, 'target') }));
      const target = identity ? await targetFor(core, place, identity) : known;
      const releases = unwrap(await core.call('publishing.listReleases', { targetId: target.id }, SYSTEM)) as SiteRelease[];
      if (v.list) {
        if (!releases.length) console.log(`Nicio versiune completă pe ${target.name}.`);
        for (const r of releases)
          console.log(`${r.live ? '* ' : '  '}${r.id}  ${r.publishedAt}  ${r.files} fișiere, ${kb(r.bytes)}${r.live ? '  (live)' : ''}`);
        return 0;
      }
      const wanted = typeof v.release === 'string' ? v.release : releases.find((r) => !r.live && releases.some((l) => l.live && r.id < l.id))?.id;
      if (!wanted) throw new UsageError(say('rollbackNoEarlier', { target: target.name }));
      const res = await core.call('publishing.rollback', { targetId: target.id, releaseId: wanted }, SYSTEM);
      // A release that cannot be put back is said as the app says it (the id named, "nothing was changed").
      const refusal = !res.ok ? res.error.details?.issues?.find((i) => i.field === 'releaseId' && i.reason in ISSUE_TEXT.ro) : undefined;
      if (refusal) throw new Error(fillIssueText((ISSUE_TEXT[cliLang()] as Record<string, string>)[refusal.reason], refusal.params, cliLang()));
      const r = unwrap(res) as RollbackOutcome;
      console.log(
        `${r.summary}: versiunea ${r.to} este acum live pe ${target.name}.${r.from ? ` Pentru a anula: pla-desk site rollback --target ${requireOpt(v, 'target')} --release ${r.from}` : ''}`,
      );
      return 0;
    });
  },
};
