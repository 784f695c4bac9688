import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../electron/cli/index';
import type { SaveDatasetInput } from '../../electron/contract';
import { call, freshCore, ok, signIn, tempDir } from './helpers';

/**
 * The inventory (Law 179/2022 census) in Excel: a viewer exports it from the inventory screen (a job like the plan
 * export), the office opens it and finds every live dataset in priority order with Romanian headers and labels,
 * the next review and whether it is overdue, and the overdue reviews on their own sheet; the CLI writes the same.
 */
const NOW = new Date('2026-03-10T09:00:00Z');

const HEADERS = [
  'Rang',
  'Scor prioritate (4–20)',
  'Valoare (1–5)',
  'Cerere (1–5)',
  'Pregătire (1–5)',
  'Risc (1–5)',
  'Denumirea setului de date',
  'Nume pe portal',
  'Instituția deținătoare',
  'Direcția / serviciul',
  'Descriere',
  'Temei legal',
  'Conține date personale',
  'Format',
  'Frecvența actualizării',
  'Stadiul publicării',
  'Categorie de date de mare valoare (UE)',
  'Persoana responsabilă',
  'Ultima revizuire',
  'Următoarea revizuire',
  'Revizuire întârziată',
  'Publicat la',
  'Ultimul fișier validat',
  'ID',
];

const base = (over: Partial<SaveDatasetInput>): SaveDatasetInput => ({
  name: 'x',
  slug: 'x',
  holderInstitution: 'Primăria Municipiului Timișoara',
  holderDepartment: 'Direcția de Mediu',
  updateFrequency: 'monthly',
  scoreValue: 3,
  scoreDemand: 3,
  scoreReadiness: 3,
  scoreRisk: 3,
  ...over,
});

async function inventory() {
  const env = await freshCore({ now: () => NOW });
  const coord = await signIn(env.core, 'coordinator');
  const save = (over: Partial<SaveDatasetInput>) => ok(env.core, 'datasets.save', base(over), coord);
  // parcuri and statii-stpt tie on 16 points: both rank 1, listed by name
  await save({
    name: 'Parcuri și grădini publice',
    slug: 'parcuri',
    scoreValue: 5,
    scoreDemand: 4,
    scoreReadiness: 3,
    scoreRisk: 2,
    hvdCategory: 'geospatial',
    containsPersonalData: false,
    responsiblePerson: 'Ana Ionescu',
  });
  const buses = await save({
    name: 'Stații de transport public',
    slug: 'statii-stpt',
    holderInstitution: 'Societatea de Transport Public Timișoara',
    holderDepartment: '',
    scoreValue: 4,
    scoreDemand: 5,
    scoreReadiness: 3,
    scoreRisk: 2,
    hvdCategory: 'mobility',
    updateFrequency: 'annual',
    publicationStatus: 'in_preparation',
    responsiblePerson: 'Mihai Popescu',
  });
  // reviewed a year and a half ago, yearly: overdue since 2025-09-01
  await ok(env.core, 'datasets.recordReview', { id: buses.id, expectedUpdatedAt: buses.updatedAt, reviewedOn: '2024-09-01', note: 'Reevaluat ca HVD' }, coord);
  await save({
    name: 'Autorizații de construire',
    slug: 'autorizatii',
    scoreValue: 2,
    scoreDemand: 2,
    scoreReadiness: 2,
    scoreRisk: 4,
    containsPersonalData: true,
    format: 'CSV',
  });
  const gone = await save({ name: 'Set șters', slug: 'sters', scoreValue: 5, scoreDemand: 5, scoreReadiness: 5, scoreRisk: 1 });
  await ok(env.core, 'datasets.delete', { id: gone.id, expectedUpdatedAt: gone.updatedAt }, coord);
  return { ...env, coord };
}

const cellText = (v: ExcelJS.CellValue) =>
  v instanceof Date ? v.toISOString().slice(0, 10) : v === null || v === undefined ? null : typeof v === 'object' ? JSON.stringify(v) : v;

async function read(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheet = (name: string) => {
    const ws = wb.getWorksheet(name);
    expect(ws, name).toBeTruthy();
    const rows: unknown[][] = [];
    ws!.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1).map(cellText)));
    return rows;
  };
  return { names: wb.worksheets.map((w) => w.name), sheet };
}

describe('inventory export to Excel', () => {
  it('a member exports the ranked inventory with Romanian headers, HVD category, status, next review and overdue; the overdue reviews on a second sheet (a viewer exports nothing)', async () => {
    const env = await inventory();
    const viewer = await signIn(env.core, 'viewer');
    expect(await call(env.core, 'datasets.exportInventory', {}, viewer)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const member = await signIn(env.core, 'member');
    const { jobId } = await ok(env.core, 'datasets.exportInventory', {}, member);
    const job = await env.core.waitForJob(jobId);
    expect(job.status).toBe('done');
    const { fileId, fileName } = job.result as { fileId: string; fileName: string };
    expect(fileName).toBe('Inventar-date-deschise-2026-03-10.xlsx');
    const wb = await read(path.join(env.dataDir, 'exports', `${fileId}.xlsx`));
    expect(wb.names).toEqual(['Inventar date deschise', 'Revizuiri întârziate']);

    const rows = wb.sheet('Inventar date deschise');
    expect(rows[0]).toEqual(HEADERS);
    const col = (h: string) => HEADERS.indexOf(h);
    const pick = (r: unknown[], ...hs: string[]) => hs.map((h) => r[col(h)]);
    expect(rows.slice(1).map((r) => pick(r, 'Rang', 'Scor prioritate (4–20)', 'Nume pe portal'))).toEqual([
      [1, 16, 'parcuri'],
      [1, 16, 'statii-stpt'],
      [2, 8, 'autorizatii'],
    ]);
    expect(
      pick(
        rows[1],
        'Categorie de date de mare valoare (UE)',
        'Stadiul publicării',
        'Frecvența actualizării',
        'Conține date personale',
        'Următoarea revizuire',
        'Revizuire întârziată',
      ),
    ).toEqual(['Geospațiale', 'Identificat', 'Lunar', 'Nu', '2026-04-10', 'Nu']);
    expect(
      pick(
        rows[2],
        'Instituția deținătoare',
        'Categorie de date de mare valoare (UE)',
        'Stadiul publicării',
        'Frecvența actualizării',
        'Ultima revizuire',
        'Următoarea revizuire',
        'Revizuire întârziată',
      ),
    ).toEqual(['Societatea de Transport Public Timișoara', 'Mobilitate', 'În pregătire', 'Anual', '2024-09-01', '2025-09-01', 'Da']);
    expect(pick(rows[3], 'Categorie de date de mare valoare (UE)', 'Conține date personale', 'Format', 'Ultimul fișier validat')).toEqual([
      '—',
      'Da',
      'CSV',
      '—',
    ]);
    expect(rows.flat()).not.toContain('sters');

    const overdue = wb.sheet('Revizuiri întârziate');
    expect(overdue).toEqual([
      [
        'Denumirea setului de date',
        'Instituția deținătoare',
        'Frecvența actualizării',
        'Ultima revizuire',
        'Revizuire scadentă la',
        'Zile de întârziere',
        'Persoana responsabilă',
      ],
      ['Stații de transport public', 'Societatea de Transport Public Timișoara', 'Anual', '2024-09-01', '2025-09-01', 190, 'Mihai Popescu'],
    ]);
  });

  it('pla-desk datasets inventory-export --data-dir DIR --out FILE.xlsx writes the same workbook and prints its path; bad arguments exit 2', async () => {
    const env = await inventory();
    await env.core.close();
    const out = path.join(tempDir(), 'inventar.xlsx');
    const printed: string[] = [];
    const errors: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a) => void printed.push(a.join(' ')));
    const error = vi.spyOn(console, 'error').mockImplementation((...a) => void errors.push(a.join(' ')));
    try {
      expect(await main(['datasets', 'inventory-export', '--data-dir', env.dataDir, '--out', out])).toBe(0);
      expect(printed).toEqual([`Inventory exported to ${out}`]);
      const rows = (await read(out)).sheet('Inventar date deschise');
      expect(rows[0]).toEqual(HEADERS);
      expect(rows.map((r) => r[HEADERS.indexOf('Nume pe portal')])).toEqual(['Nume pe portal', 'parcuri', 'statii-stpt', 'autorizatii']);
      expect(await main(['datasets', 'inventory-export', '--data-dir', env.dataDir, '--out', path.join(tempDir(), 'inventar.csv')])).toBe(2);
      expect(errors.join('\n')).toMatch(/--out must end in \.xlsx/);
      expect(
        fs.existsSync(path.join(env.dataDir, 'exports')) ? fs.readdirSync(path.join(env.dataDir, 'exports')).filter((f) => f.endsWith('.xlsx')) : [],
      ).toEqual([]);
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  });
});
