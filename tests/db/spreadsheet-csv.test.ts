/**
 * CSVs meant for spreadsheets neutralise formula injection (issue 12 finding 9, issue 11 point 2): the
 * budgeting accountability CSV and the datasets' "for Excel" copy. The open-data CSV keeps data verbatim.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvField } from '../../electron/core/budgeting/implementation';
import { freshCore, ok, signIn } from './helpers';

const NOW = new Date('2026-03-10T09:00:00Z');

describe('CSV for spreadsheets', () => {
  it('the accountability CSV writes a title such as =HYPERLINK(…) or =cmd|… with an apostrophe in front, so LibreOffice shows it as text', () => {
    expect(csvField('=HYPERLINK("http://atacator.invalid","clic")')).toBe('"\'=HYPERLINK(""http://atacator.invalid"",""clic"")"');
    expect(csvField("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    expect(['+40 256', '-2', '@SUM(A1)', '\tx', 'Parc nou'].map((s) => csvField(s))).toEqual(["'+40 256", "'-2", "'@SUM(A1)", "'\tx", 'Parc nou']);
  });

  it('a dataset export keeps the open-data CSV verbatim and neutralises only its "for Excel" copy', async () => {
    const env = await freshCore({ now: () => NOW });
    const coord = await signIn(env.core, 'coordinator');
    const d = await ok(
      env.core,
      'datasets.save',
      {
        name: 'Sesizări',
        slug: 'sesizari',
        holderInstitution: 'Primăria Municipiului Timișoara',
        description: 'Sesizări primite',
        containsPersonalData: false,
        format: 'CSV',
        updateFrequency: 'monthly',
        publicationStatus: 'identified',
        scoreValue: 3,
        scoreDemand: 3,
        scoreReadiness: 3,
        scoreRisk: 1,
      } as never,
      coord,
    );
    const csv = 'cod,text\n1,=HYPERLINK("http://atacator.invalid")\n2,Parc\n3,-5\n';
    const imp = await ok(
      env.core,
      'datasets.importFile',
      { datasetId: d.id, fileName: 'sesizari.csv', contentBase64: Buffer.from(csv).toString('base64') },
      coord,
    );
    const processed = await env.core.waitForJob((await ok(env.core, 'datasets.processImport', { importId: imp.id, encoding: 'utf-8' }, coord)).jobId);
    expect(processed.status).toBe('done');
    const job = await env.core.waitForJob((await ok(env.core, 'datasets.exportPackage', { id: d.id, withBom: true }, coord)).jobId);
    expect(job.status).toBe('done');
    const folder = path.join(env.dataDir, 'datasets', d.id, 'export');
    expect(fs.readFileSync(path.join(folder, 'sesizari.csv'), 'utf8')).toBe('cod,text\n1,"=HYPERLINK(""http://atacator.invalid"")"\n2,Parc\n3,-5\n');
    expect(fs.readFileSync(path.join(folder, 'sesizari-excel.csv'), 'utf8')).toBe(
      '\uFEFFcod,text\n1,"\'=HYPERLINK(""http://atacator.invalid"")"\n2,Parc\n3,\'-5\n',
    );
  });
});
