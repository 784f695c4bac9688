import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Core } from '../../electron/core';
import { call, freshCore, ok, peek, poke, signIn, snapshot } from './helpers';

/**
 * The public site, as a coordinator builds it: what a visitor finds on it, what never leaves the database
 * (DOMAIN.md publication marks), escaping, byte-identical rebuilds, and the refusals.
 */

const DAY = '2026-11-27';
const settings = {
  siteUrl: '',
  contactEmail: 'transparenta@primariatm.example',
  publisher: 'Primăria Municipiului Timișoara',
  riskSummary: false,
  evidenceFiles: true,
  expectedUpdatedAt: null,
};

async function build(core: Core, dataDir: string, date = DAY) {
  const { jobId } = await ok(core, 'publishing.buildSite', { publicationDate: date });
  const job = await core.waitForJob(jobId);
  expect(job.error).toBeNull();
  expect(job.status).toBe('done');
  return { result: job.result as { pages: number; files: number; sections: string[] }, dir: path.join(dataDir, 'site') };
}

/** Every file of a built site: relative path → bytes. */
function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p).split(path.sep).join('/'), fs.readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

/** A second, writable connection: plants rows the way any screen or import could have left them. */
function writer(dataDir: string) {
  const at = '2026-01-10T10:00:00.000Z';
  const insert = async (table: string, row: Record<string, unknown>) => {
    const full = { id: crypto.randomUUID(), created_at: at, updated_at: at, ...row };
    const cols = Object.keys(full);
    await poke(dataDir, `insert into ${table} (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`, ...Object.values(full));
    return full.id as string;
  };
  return { run: (text: string, ...params: unknown[]) => poke(dataDir, text, ...params), insert };
}

const firstAction = async (dataDir: string) =>
  (
    await peek<{ id: string; code: string; commitment: string }>(
      dataDir,
      `select a.id, a.code, c.code as commitment from actions a join commitments c on c.id = a.commitment_id where a.deleted_at is null order by c.sort_order, a.sort_order limit 1`,
    )
  )[0]!;

describe('the public site', () => {
  test('a coordinator builds the site: home with vision, progress and the publication date; a page per commitment, action and indicator; Romanian, UTF-8, no script', async () => {
    const { core, dataDir } = await freshCore();
    await ok(core, 'publishing.saveSiteSettings', settings);
    const { result, dir } = await build(core, dataDir);
    const all = files(dir);
    const commitments = await ok(core, 'plan.listCommitments', {});
    const actions = await ok(core, 'plan.listActions', {});
    const indicators = await ok(core, 'plan.listIndicators', {});
    expect(commitments.length).toBe(4);
    for (const c of commitments) expect(all.has(`angajamente/${c.code.toLowerCase()}.html`)).toBe(true);
    for (const a of actions) expect(all.has(`actiuni/${a.code.toLowerCase().replace(/\./g, '-')}.html`)).toBe(true);
    for (const i of indicators) expect(all.has(`indicatori/${i.code.toLowerCase().replace(/\./g, '-')}.html`)).toBe(true);
    // home, commitments, actions, indicators list (an index and one list per commitment) and pages, open data, accessibility, Noutăți
    expect(result.pages).toBe(1 + 4 + actions.length + 1 + 4 + indicators.length + 1 + 1 + 1);

    const home = all.get('index.html')!.toString('utf8');
    expect(home).toContain('<html lang="ro">');
    expect(home).toContain('<meta charset="utf-8">');
    expect(home).toContain('Viziunea');
    expect(home).toContain('Timișoara, ca inspirație pentru alte comunități locale');
    expect(home).toContain('Progresul general');
    expect(home).toContain('<time datetime="2026-11-27">27 noiembrie 2026</time>');
    expect(all.get('accesibilitate.html')!.toString('utf8')).toContain('WCAG) 2.1, nivelul AA');
    expect(all.get('accesibilitate.html')!.toString('utf8')).toContain('mailto:transparenta@primariatm.example');

    const css = [...all.keys()].filter((k) => k.endsWith('.css'));
    expect(css).toEqual(['style.css']);
    for (const [name, bytes] of all) {
      if (!/\.(html|css|jsonld|json)$/.test(name)) continue;
      const text = bytes.toString('utf8');
      expect(Buffer.from(text, 'utf8').equals(bytes), `${name} is valid UTF-8`).toBe(true);
      expect(text, `${name} has no cedilla ş ţ`).not.toMatch(/[şţŞŢ]/);
      expect(text, `${name} has no script`).not.toMatch(/<script|javascript:|\son[a-z]+=/i);
      if (name.endsWith('.html')) expect(text).toContain('<html lang="ro">');
    }
    // Commitment page: status, progress, timeline (SVG, no script) and its actions linked.
    const a1 = all.get('angajamente/a1.html')!.toString('utf8');
    expect(a1).toContain('<svg viewBox=');
    expect(a1).toContain('href="../actiuni/a1-1.html"');
    expect(a1).toContain('href="../style.css"');
  });

  test('a title typed as <script>alert(1)</script> shows as text on every page that names it', async () => {
    const { core, dataDir } = await freshCore();
    await ok(core, 'publishing.saveSiteSettings', settings);
    const a = await firstAction(dataDir);
    const w = writer(dataDir);
    await w.run(`update actions set title = ?, deliverable = ? where id = ?`, '<script>alert(1)</script>', '"><img src=x onerror=alert(2)>', a.id);
    await w.run(`update plans set vision = ?`, 'Viziune <b>îndrăzneață</b> & <script>alert(3)</script>');
    const { dir } = await build(core, dataDir);
    const page = fs.readFileSync(path.join(dir, 'actiuni', `${a.code.toLowerCase().replace(/\./g, '-')}.html`), 'utf8');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
    const home = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
    expect(home).toContain('Viziune &lt;b&gt;îndrăzneață&lt;/b&gt; &amp; &lt;script&gt;alert(3)&lt;/script&gt;');
    for (const [name, bytes] of files(dir)) if (name.endsWith('.html')) expect(bytes.toString('utf8'), name).not.toMatch(/<script|<img/i);
  });

  test('personal data planted everywhere it can live never reaches any built file; what is public does', async () => {
    const { core, dataDir } = await freshCore();
    await ok(core, 'publishing.saveSiteSettings', { ...settings, riskSummary: true });
    const coordinator = await signIn(core, 'coordinator');
    const a = await firstAction(dataDir);
    const SECRETS = [
      'Ionescu Trainee-Secret',
      'trainee.secret@gmail.com',
      'Popa Cursant-Secret',
      'cursant2@yahoo.ro',
      '1850312350011', // CNP in a person's notes
      '2901224350022', // CNP typed into a progress note (P field: redacted)
      '6040507123456', // CNP typed into a commitment's factors (P field: redacted)
      'Privat Persoana-FaraAcord',
      'privat.contact@outlook.com',
      '0722 123 456',
      'RO49AAAA1B31007593840000',
      'Gheorghe Responsabil-Intern',
      'Blocaj-Intern-Confidential',
      'Risc-Descriere-Interna',
      'Proprietar-Risc-Intern',
      'Nota-Risc-Interna',
      'Cauza-Risc-Interna',
      'Masura-Risc-Interna',
      'Alerta-Risc-Interna',
      'Feedback-Evaluare-Intern',
      'Formator-Fara-Acord',
      'Linie-Plan-Intern',
      'Nota-Masurare-Interna',
      'GDPR-Nota-Interna',
      'Interactiune-Interna',
      'Evaluare-Curs-Interna',
      'CERT-NR-998877',
      'Test coordinator', // author of a progress update (I)
      'document-parteneriat-intern',
    ];
    const w = writer(dataDir);
    // Training: people (names, e-mails, CNP in notes), a session with its trainer and plan line, attendance with certificates.
    const prog = await w.insert('training_programmes', { name: 'Guvernare deschisă pentru funcționari', action_id: a.id });
    const sess = await w.insert('training_sessions', {
      programme_id: prog,
      title: 'Sesiunea 1',
      target_group: 'civil_servants',
      trainer: 'Formator-Fara-Acord',
      start_date: '2026-03-01',
      hours: 6,
      plan_line: 'Linie-Plan-Intern',
      evidence: 'lista-prezenta.pdf',
    });
    const p1 = await w.insert('training_people', {
      name: 'Ionescu Trainee-Secret',
      name_key: 'ionescu trainee-secret',
      email: 'trainee.secret@gmail.com',
      email_key: 'trainee.secret@gmail.com',
      department: 'Direcția X',
      category: 'civil_servant',
      notes: 'CNP 1850312350011',
    });
    const p2 = await w.insert('training_people', {
      name: 'Popa Cursant-Secret',
      name_key: 'popa cursant-secret',
      email: 'cursant2@yahoo.ro',
      email_key: 'cursant2@yahoo.ro',
      category: 'civil_servant',
    });
    await w.insert('training_attendance', {
      session_id: sess,
      person_id: p1,
      hours_attended: 6,
      completed: 1,
      assessment: 'Evaluare-Curs-Interna',
      certificate_number: 'CERT-NR-998877',
      consent_publish_name: 1,
    });
    await w.insert('training_attendance', { session_id: sess, person_id: p2, hours_attended: 3, completed: 0 });
    // Stakeholders: a person without consent, a public organisation with private contacts and notes,
    // a person with recorded consent (their name may appear).
    await w.insert('stakeholders', {
      type: 'person',
      name: 'Privat Persoana-FaraAcord',
      sector: 'citizen',
      contacts: 'privat.contact@outlook.com, 0722 123 456',
      public: 0,
      notes: 'CNP 1850312350011',
    });
    const org = await w.insert('stakeholders', {
      type: 'organisation',
      name: 'Asociația Code for Timișoara',
      sector: 'tech_community',
      pla_role: 'partner',
      contacts: 'privat.contact@outlook.com',
      public: 1,
      gdpr_notes: 'GDPR-Nota-Interna',
      notes: 'IBAN RO49AAAA1B31007593840000',
      power: 4,
      interest: 5,
    });
    await w.insert('stakeholders', {
      type: 'person',
      name: 'Elena Cu-Acord',
      sector: 'citizen',
      pla_role: 'forum_member',
      public: 1,
      consent_date: '2026-02-01',
      consent_scope: 'nume pe site',
    });
    await w.insert('stakeholder_interactions', { stakeholder_id: org, date: '2026-02-02', kind: 'meeting', summary: 'Interactiune-Interna' });
    const ps = await w.insert('partnerships', {
      stakeholder_id: org,
      type: 'tech_community',
      title: 'Acord de colaborare date deschise',
      start_date: '2026-01-15',
    });
    // A partnership document (internal) in the attachment store.
    const doc = Buffer.from('document-parteneriat-intern');
    const sha = crypto.createHash('sha256').update(doc).digest('hex');
    fs.mkdirSync(path.join(dataDir, 'attachments', sha.slice(0, 2)), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'attachments', sha.slice(0, 2), sha), doc);
    await w.insert('attachments', { sha256: sha, file_name: 'document-parteneriat-intern.pdf', size: doc.length, entity: 'partnership', entity_id: ps });
    // Plan: responsible persons and blockers (I), a CNP typed into a commitment's factors.
    await w.run(`update commitments set responsible_person = 'Gheorghe Responsabil-Intern', factors = 'Factor: persoana cu CNP 6040507123456 a ajutat'`);
    await w.run(`update actions set responsible_person = 'Gheorghe Responsabil-Intern', blockers = 'Blocaj-Intern-Confidential'`);
    // Risks: the register's internal texts, a measure and an alert.
    const risk = await w.insert('risks', {
      code: 'R1',
      description: 'Risc-Descriere-Interna',
      category: 'integrity',
      causes: 'Cauza-Risc-Interna',
      owner: 'Proprietar-Risc-Intern',
      inherent_probability: 4,
      inherent_impact: 5,
      inherent_exposure: 20,
      notes: 'Nota-Risc-Interna',
    });
    await w.insert('risk_measures', { risk_id: risk, description: 'Masura-Risc-Interna', owner: 'Proprietar-Risc-Intern' });
    await w.insert('risk_alerts', {
      activity: 'A',
      risk: 'Alerta-Risc-Interna',
      identified_by: 'Proprietar-Risc-Intern',
      identified_date: '2026-01-01',
      probability: 2,
      impact: 2,
      exposure: 4,
    });
    // Funding: an approved application with internal evaluation feedback.
    const callId = await w.insert('funding_calls', {
      programme: 'pnrr',
      managing_body: 'MDLPA',
      code: 'C10',
      title: 'Apel digitalizare',
      type: 'competitive',
      status: 'closed',
      eligible_applicants: '',
      eligible_activities: '',
      priority: '',
      non_reimbursable: 1,
    });
    await w.insert('funding_applications', {
      call_id: callId,
      code: 'SMIS 1',
      title: 'Platforma date deschise',
      applicant: 'Primăria Municipiului Timișoara',
      partners: 'Elena Cu-Acord',
      requested_amount: 100_000_00,
      own_contribution: 2_000_00,
      total_amount: 102_000_00,
      status: 'contracted',
      next_step: '',
      council_decision_no: '',
      evaluation_feedback: 'Feedback-Evaluare-Intern',
    });
    // Through the app: a progress update with a CNP in its note (by a signed-in coordinator: the author is internal),
    // a measurement with an internal note.
    await ok(
      core,
      'plan.addProgressUpdate',
      { actionId: a.id, date: '2026-03-02', progress: 40, note: 'Raport trimis; contact CNP 2901224350022', evidence: [] },
      coordinator,
    );
    const ind = (await ok(core, 'plan.listIndicators', {})).find((i) => !i.source && i.type === 'cumulative')!;
    await ok(core, 'plan.addMeasurement', { indicatorId: ind.id, date: '2026-03-03', value: 3, note: 'Nota-Masurare-Interna', evidence: [] }, coordinator);

    const { dir, result } = await build(core, dataDir);
    expect(result.sections).toEqual(expect.arrayContaining(['partners', 'funding', 'training', 'risks']));
    const all = files(dir);
    for (const [name, bytes] of all) {
      const text = bytes.toString('utf8');
      for (const s of SECRETS) expect(text.includes(s), `"${s}" found in ${name}`).toBe(false);
    }
    const joined = [...all.values()].map((b) => b.toString('utf8')).join('\n');
    // What may be published is there: the organisation, the consenting person, counts, the redacted note, funding totals.
    expect(joined).toContain('Asociația Code for Timișoara');
    expect(joined).toContain('Acord de colaborare date deschise');
    expect(joined).toContain('Elena Cu-Acord');
    expect(joined).toContain('Raport trimis; contact CNP [date personale ascunse]');
    expect(joined).toContain('100.000,00\u00a0lei');
    const training = all.get('instruire.html')!.toString('utf8');
    expect(training).toContain('<strong>2</strong> persoane instruite');
    expect(training).toContain('<strong>1</strong> persoane care au absolvit');
    const risks = all.get('riscuri.html')!.toString('utf8');
    expect(risks).toContain('<strong>1</strong> riscuri deschise');
  });

  test('evidence of progress updates is copied and linked; a deleted update, partnership documents, or the setting turned off keep files out', async () => {
    const { core, dataDir } = await freshCore();
    await ok(core, 'publishing.saveSiteSettings', settings);
    const a = await firstAction(dataDir);
    const pdf = Buffer.from('%PDF-1.4 raport de activitate');
    const kept = await ok(core, 'plan.addProgressUpdate', {
      actionId: a.id,
      date: '2026-03-02',
      progress: 40,
      note: 'Raport',
      evidence: [{ fileName: 'Raport activitate.pdf', contentBase64: pdf.toString('base64') }],
    });
    const gone = await ok(core, 'plan.addProgressUpdate', {
      actionId: a.id,
      date: '2026-03-01',
      progress: 20,
      note: 'Vechi',
      evidence: [{ fileName: 'sters.pdf', contentBase64: Buffer.from('sters').toString('base64') }],
    });
    const w = writer(dataDir);
    await w.run(`update progress_updates set deleted_at = ? where id = ?`, '2026-03-05T00:00:00.000Z', gone.id);
    expect(kept.evidence).toHaveLength(1);
    let { dir } = await build(core, dataDir);
    let all = files(dir);
    const evidence = [...all.keys()].filter((k) => k.startsWith('dovezi/'));
    expect(evidence).toEqual([`dovezi/${kept.evidence[0].sha256.slice(0, 16)}/raport-activitate.pdf`]);
    expect(all.get(evidence[0])!.equals(pdf)).toBe(true);
    const page = all.get(`actiuni/${a.code.toLowerCase().replace(/\./g, '-')}.html`)!.toString('utf8');
    expect(page).toContain(`href="../${evidence[0]}"`);

    const s = await ok(core, 'publishing.getSiteStatus', {});
    await ok(core, 'publishing.saveSiteSettings', { ...settings, evidenceFiles: false, expectedUpdatedAt: s.settings.updatedAt });
    ({ dir } = await build(core, dataDir));
    all = files(dir);
    expect([...all.keys()].filter((k) => k.startsWith('dovezi/'))).toEqual([]);
    expect(all.get(`actiuni/${a.code.toLowerCase().replace(/\./g, '-')}.html`)!.toString('utf8')).not.toContain('dovezi/');
  });

  test('the same data gives byte-identical files; one new measurement changes only the pages that show that indicator', async () => {
    const { core, dataDir } = await freshCore();
    await ok(core, 'publishing.saveSiteSettings', settings);
    const first = files((await build(core, dataDir)).dir);
    const again = files((await build(core, dataDir)).dir);
    expect([...again.keys()].sort()).toEqual([...first.keys()].sort());
    for (const [k, v] of first) expect(again.get(k)!.equals(v), k).toBe(true);

    const indicators = await ok(core, 'plan.listIndicators', {});
    const ind = indicators.find((i) => !i.source && i.type === 'cumulative')!;
    const commitment = (await ok(core, 'plan.listCommitments', {})).find((c) => c.id === ind.commitmentId)!;
    await ok(core, 'plan.addMeasurement', { indicatorId: ind.id, date: '2026-11-20', value: 1, evidence: [] });
    const after = files((await build(core, dataDir)).dir);
    const changed = [...after.keys()].filter((k) => !first.get(k)?.equals(after.get(k)!)).sort();
    const own = `indicatori/${ind.code.toLowerCase().replace(/\./g, '-')}.html`;
    expect(changed).toContain(own);
    const list = `indicatori/angajamente/${commitment.code.toLowerCase()}.html`;
    expect(changed).toContain(list);
    expect(changed).not.toContain('indicatori.html');
    expect(changed).toContain(`angajamente/${commitment.code.toLowerCase()}.html`);
    // Nothing else, except the home page when the commitment's status moved with it.
    expect(changed.filter((k) => ![own, list, `angajamente/${commitment.code.toLowerCase()}.html`, 'index.html'].includes(k))).toEqual([]);
  });

  test('a different publication date changes only the pages that state it', async () => {
    const { core, dataDir } = await freshCore();
    await ok(core, 'publishing.saveSiteSettings', settings);
    // Both dates after the plan's end, so no status moves between them.
    const first = files((await build(core, dataDir, '2026-11-27')).dir);
    const later = files((await build(core, dataDir, '2026-11-28')).dir);
    const changed = [...later.keys()].filter((k) => !first.get(k)?.equals(later.get(k)!)).sort();
    expect(changed).toEqual(['catalog.jsonld', 'index.html', 'noutati.html']);
  });

  test('refusals: no feedback e-mail, a bad e-mail or address, a stale save, a viewer building — each names its field and writes nothing', async () => {
    const { core, dataDir } = await freshCore();
    const before = await snapshot(dataDir);
    const noContact = await call(core, 'publishing.buildSite', { publicationDate: DAY });
    expect(noContact.ok).toBe(false);
    if (!noContact.ok) expect(noContact.error.details?.issues?.[0].field).toBe('contactEmail');
    expect(fs.existsSync(path.join(dataDir, 'site'))).toBe(false);

    const badMail = await call(core, 'publishing.saveSiteSettings', { ...settings, contactEmail: 'nu-e-adresa' });
    expect(badMail.ok).toBe(false);
    if (!badMail.ok) expect(badMail.error.details?.issues?.[0].field).toBe('contactEmail');
    const badUrl = await call(core, 'publishing.saveSiteSettings', { ...settings, siteUrl: 'ftp://pla.example.ro' });
    expect(badUrl.ok).toBe(false);
    if (!badUrl.ok) expect(badUrl.error.details?.issues?.[0].field).toBe('siteUrl');
    const badDate = await call(core, 'publishing.buildSite', { publicationDate: '2026-02-30' });
    expect(badDate.ok).toBe(false);
    if (!badDate.ok) expect(badDate.error.details?.issues?.[0].field).toBe('publicationDate');
    expect(await snapshot(dataDir)).toEqual(before);

    await ok(core, 'publishing.saveSiteSettings', settings);
    const stale = await call(core, 'publishing.saveSiteSettings', { ...settings, contactEmail: 'alt@primariatm.example', expectedUpdatedAt: null });
    expect(stale.ok).toBe(false);
    if (!stale.ok) expect(stale.error.code).toBe('CONFLICT');
    expect((await ok(core, 'publishing.getSiteStatus', {})).settings.contactEmail).toBe(settings.contactEmail);

    const viewer = await signIn(core, 'viewer');
    const refused = await call(core, 'publishing.buildSite', { publicationDate: DAY }, viewer);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('FORBIDDEN');
    const member = await signIn(core, 'member');
    const notCoordinator = await call(
      core,
      'publishing.saveSiteSettings',
      { ...settings, expectedUpdatedAt: (await ok(core, 'publishing.getSiteStatus', {})).settings.updatedAt },
      member,
    );
    expect(notCoordinator.ok).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'site'))).toBe(false);
  });

  test('the last build is recorded with its figures', async () => {
    const { core, dataDir } = await freshCore();
    await ok(core, 'publishing.saveSiteSettings', settings);
    expect((await ok(core, 'publishing.getSiteStatus', {})).lastBuild).toBeNull();
    const { result } = await build(core, dataDir);
    const status = await ok(core, 'publishing.getSiteStatus', {});
    expect(status.lastBuild).toMatchObject({ publicationDate: DAY, pages: result.pages, files: result.files });
  });
});
