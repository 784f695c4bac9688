import type { Dataset, HvdCategory, OverdueReview, PublicationStatus, UpdateFrequency } from '../../contract';
import type { ServiceContext } from '../context';
import { writeWorkbook, type ColumnSpec, type RagStatus, type WriteResult } from '../excel';
import { listDatasets, overdueReviews } from './service';

/**
 * The inventory (the census Law 179/2022 asks for) in Excel, Romanian headers: every live dataset in priority
 * order with its score parts, EU high-value category, publication status and the periodic review (A3.4):
 * next review and whether it is overdue; a second sheet lists the overdue reviews, most overdue first.
 */

export const INVENTORY_SHEET = 'Inventar date deschise';
export const OVERDUE_SHEET = 'Revizuiri întârziate';

export const RO_FREQUENCY: Record<UpdateFrequency, string> = {
  daily: 'Zilnic',
  weekly: 'Săptămânal',
  monthly: 'Lunar',
  quarterly: 'Trimestrial',
  semiannual: 'Semestrial',
  annual: 'Anual',
  irregular: 'Neregulat',
  never: 'Nu se actualizează',
};
export const RO_STATUS: Record<PublicationStatus, string> = {
  identified: 'Identificat',
  in_preparation: 'În pregătire',
  ready: 'Gata de publicare',
  published: 'Publicat',
  not_publishable: 'Nu se poate publica',
};
export const RO_HVD: Record<HvdCategory, string> = {
  geospatial: 'Geospațiale',
  earth_observation_environment: 'Observarea Pământului și mediu',
  meteorological: 'Meteorologice',
  statistics: 'Statistică',
  companies: 'Societăți și proprietarii lor',
  mobility: 'Mobilitate',
};

interface InventoryRow {
  rank: number;
  priorityScore: number;
  scoreValue: number;
  scoreDemand: number;
  scoreReadiness: number;
  scoreRisk: number;
  name: string;
  slug: string;
  holderInstitution: string;
  holderDepartment: string;
  description: string;
  legalBasis: string;
  containsPersonalData: string;
  format: string;
  updateFrequency: string;
  publicationStatus: string;
  hvdCategory: string;
  responsiblePerson: string;
  lastReviewedOn: string | null;
  nextReviewOn: string;
  overdue: string;
  overdueRag: RagStatus;
  publishedOn: string | null;
  latestImport: string;
  id: string;
}

export const INVENTORY_COLUMNS: ReadonlyArray<ColumnSpec<InventoryRow>> = [
  { key: 'rank', header: 'Rang', type: 'int', width: 7 },
  { key: 'priorityScore', header: 'Scor prioritate (4–20)', type: 'int', width: 12 },
  { key: 'scoreValue', header: 'Valoare (1–5)', type: 'int', width: 10 },
  { key: 'scoreDemand', header: 'Cerere (1–5)', type: 'int', width: 10 },
  { key: 'scoreReadiness', header: 'Pregătire (1–5)', type: 'int', width: 10 },
  { key: 'scoreRisk', header: 'Risc (1–5)', type: 'int', width: 10 },
  { key: 'name', header: 'Denumirea setului de date', width: 40, wrap: true },
  { key: 'slug', header: 'Nume pe portal', width: 26 },
  { key: 'holderInstitution', header: 'Instituția deținătoare', width: 30, wrap: true },
  { key: 'holderDepartment', header: 'Direcția / serviciul', width: 26, wrap: true },
  { key: 'description', header: 'Descriere', width: 50, wrap: true },
  { key: 'legalBasis', header: 'Temei legal', width: 30, wrap: true },
  { key: 'containsPersonalData', header: 'Conține date personale', width: 12 },
  { key: 'format', header: 'Format', width: 12 },
  { key: 'updateFrequency', header: 'Frecvența actualizării', width: 16 },
  { key: 'publicationStatus', header: 'Stadiul publicării', width: 20 },
  { key: 'hvdCategory', header: 'Categorie de date de mare valoare (UE)', width: 28 },
  { key: 'responsiblePerson', header: 'Persoana responsabilă', width: 24 },
  { key: 'lastReviewedOn', header: 'Ultima revizuire', type: 'date' },
  { key: 'nextReviewOn', header: 'Următoarea revizuire', type: 'date' },
  { key: 'overdue', header: 'Revizuire întârziată', width: 12, rag: 'overdueRag' },
  { key: 'publishedOn', header: 'Publicat la', type: 'date' },
  { key: 'latestImport', header: 'Ultimul fișier validat', width: 28 },
  { key: 'id', header: 'ID', width: 38 },
];

interface OverdueRow {
  name: string;
  holderInstitution: string;
  updateFrequency: string;
  lastReviewedOn: string | null;
  nextReviewOn: string;
  daysOverdue: number;
  responsiblePerson: string;
}

export const OVERDUE_COLUMNS: ReadonlyArray<ColumnSpec<OverdueRow>> = [
  { key: 'name', header: 'Denumirea setului de date', width: 40, wrap: true },
  { key: 'holderInstitution', header: 'Instituția deținătoare', width: 30, wrap: true },
  { key: 'updateFrequency', header: 'Frecvența actualizării', width: 16 },
  { key: 'lastReviewedOn', header: 'Ultima revizuire', type: 'date' },
  { key: 'nextReviewOn', header: 'Revizuire scadentă la', type: 'date' },
  { key: 'daysOverdue', header: 'Zile de întârziere', type: 'int', width: 12 },
  { key: 'responsiblePerson', header: 'Persoana responsabilă', width: 24 },
];

const latestText = (d: Dataset) => {
  const l = d.latestImport;
  if (!l || l.valid === null) return '—';
  return `${l.fileName}: ${l.valid ? 'valid' : `${l.errorCount} ${l.errorCount === 1 ? 'eroare' : 'erori'}`}`;
};

export function inventoryRow(d: Dataset): InventoryRow {
  return {
    rank: d.rank,
    priorityScore: d.priorityScore,
    scoreValue: d.scoreValue,
    scoreDemand: d.scoreDemand,
    scoreReadiness: d.scoreReadiness,
    scoreRisk: d.scoreRisk,
    name: d.name,
    slug: d.slug,
    holderInstitution: d.holderInstitution,
    holderDepartment: d.holderDepartment,
    description: d.description,
    legalBasis: d.legalBasis,
    containsPersonalData: d.containsPersonalData ? 'Da' : 'Nu',
    format: d.format,
    updateFrequency: RO_FREQUENCY[d.updateFrequency],
    publicationStatus: RO_STATUS[d.publicationStatus],
    hvdCategory: d.hvdCategory ? RO_HVD[d.hvdCategory] : '—',
    responsiblePerson: d.responsiblePerson,
    lastReviewedOn: d.lastReviewedOn,
    nextReviewOn: d.nextReviewOn,
    overdue: d.reviewOverdue ? 'Da' : 'Nu',
    overdueRag: d.reviewOverdue ? 'late' : 'on_track',
    publishedOn: d.publishedOn,
    latestImport: latestText(d),
    id: d.id,
  };
}

const overdueRow = (o: OverdueReview): OverdueRow => ({ ...o, updateFrequency: RO_FREQUENCY[o.updateFrequency] });

/** Writes the inventory workbook (streamed, atomic: see electron/core/excel.ts). */
export async function exportInventoryWorkbook(
  ctx: ServiceContext,
  out: string,
  o: { today: string; signal?: AbortSignal; onProgress?: (f: number, m?: string) => void },
): Promise<WriteResult> {
  const [datasets, overdue] = await Promise.all([listDatasets(ctx, { today: o.today }), overdueReviews(ctx, { today: o.today })]);
  const ranked = [...datasets].sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name, 'ro'));
  return writeWorkbook(
    out,
    async (wb) => {
      const inv = wb.sheet({ name: INVENTORY_SHEET, columns: INVENTORY_COLUMNS });
      for (const d of ranked) await inv.addRow(inventoryRow(d));
      const od = wb.sheet({ name: OVERDUE_SHEET, columns: OVERDUE_COLUMNS });
      for (const r of overdue) await od.addRow(overdueRow(r));
    },
    { signal: o.signal, onProgress: o.onProgress, totalRows: ranked.length + overdue.length },
  );
}
