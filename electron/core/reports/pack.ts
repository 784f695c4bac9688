import * as bq from '../../../db/queries/budgeting';
import * as dq from '../../../db/queries/datasets';
import * as rq from '../../../db/queries/reports';
import type { CampaignResults, Rag } from '../../contract';
import type { ServiceContext } from '../context';
import { sheetLink, writeWorkbook, type ColumnSpec, type Link, type WorkbookBuilder, type WriteResult } from '../excel';
import { loadFundingSheets, writeFundingSheets } from '../funding/excel';
import {
  figureColumn,
  keyFigureRows,
  loadPlanSheets,
  RO,
  roundFigure,
  roundFigureOrNull,
  SHEETS as PLAN_SHEETS,
  writeKeyFiguresSheet,
  writePlanSheets,
  type PlanSheetsData,
} from '../plan/export';
import type { RagSettings } from '../plan/rag';
import { loadRiskSheets, riskSheetRows, writeRiskSheets } from '../risks/excel';
import { loadStakeholderSheets, stakeholderSheetRows, writeStakeholderSheets, type StakeholderSheet } from '../stakeholders/excel';
import { allSessions, listProgrammes } from '../training/service';
import { parseJson } from '../util';

/**
 * The coordinator's report pack: one streamed workbook with a summary sheet first (every commitment and
 * indicator, linked to its row further on), then the sheets of every module: plan, risks, trainings, stakeholders,
 * funding, participatory budgeting (campaigns and results) and the open-data inventory. Each module is one
 * entry of SECTIONS: `load` reads what its sheets show (and counts the rows, for progress), `write` writes
 * them. The plan, risk, funding and stakeholder sheets are those modules' own export sheets (same rows,
 * same headers), so the pack and the module exports never disagree.
 */

export const SUMMARY_SHEET = 'Sumar';
export const TRAINING_SHEET = 'Formări pe programe';
/** The registry's sheets the pack takes (the RACI, takeovers and interaction log stay in its own export). */
const STAKEHOLDER_SHEETS: readonly StakeholderSheet[] = ['stakeholders', 'partnerships'];

export interface PackInput {
  ctx: ServiceContext;
  today: string;
  settings: RagSettings;
  signal?: AbortSignal;
  /** The plan, read once: the summary and the plan's sheets show the same state. */
  plan: PlanSheetsData;
  /** Where each plan row lands (sheet row numbers), known before anything is written: the summary comes first. */
  rows: PlanRows;
}

export interface PlanRows {
  commitment: Map<string, number>;
  action: Map<string, number>;
  indicator: Map<string, number>;
}

export interface LoadedSection {
  /** Data rows the section will write (for progress). */
  rows: number;
  write(wb: WorkbookBuilder): Promise<void>;
}

export interface Section {
  key: string;
  load(input: PackInput): Promise<LoadedSection>;
}

// ───────────────────────────── summary

interface SummaryRow {
  kind: string;
  code: Link | string;
  name: string;
  commitment: string;
  ragLabel: string;
  rag: Rag;
  value: number | null;
  target: number | null;
  unit: string;
  percent: number | null;
  expected: number | null;
  lastDate: string | null;
}

const wholeOrDecimal = (v: number | null | undefined) => (v != null && !Number.isInteger(v) ? '#,##0.0##' : '#,##0');

export const SUMMARY_COLUMNS: ColumnSpec<SummaryRow>[] = [
  { key: 'kind', header: 'Tip', width: 12 },
  { key: 'code', header: 'Cod', width: 9 },
  { key: 'name', header: 'Denumire', width: 60, wrap: true },
  { key: 'commitment', header: 'Angajament', width: 11 },
  { key: 'ragLabel', header: 'Stare', width: 18, rag: 'rag' },
  figureColumn('value', 'Valoare curentă', 'number', { width: 12 }),
  { key: 'target', header: 'Țintă', type: 'decimal', width: 10, numFmt: (r) => wholeOrDecimal(r.target) },
  { key: 'unit', header: 'Unitate', width: 14 },
  figureColumn('percent', '% din țintă', 'percent', { width: 11 }),
  figureColumn('expected', 'Progres așteptat', 'percent', { width: 11 }),
  { key: 'lastDate', header: 'Ultima actualizare', type: 'date', width: 14 },
];

const summarySection: Section = {
  key: 'summary',
  async load({ plan: { state }, rows }) {
    const codeOf = new Map(state.commitments.map((c) => [c.id, c.code]));
    const lastUpdate = new Map<string, string>();
    for (const a of state.actions) {
      const prev = lastUpdate.get(a.commitmentId);
      if (a.lastUpdateDate && (!prev || a.lastUpdateDate > prev)) lastUpdate.set(a.commitmentId, a.lastUpdateDate);
    }
    return {
      rows: state.commitments.length + state.indicators.length,
      async write(wb) {
        const s = wb.sheet({ name: SUMMARY_SHEET, columns: SUMMARY_COLUMNS });
        for (const c of state.commitments)
          await s.addRow({
            kind: 'Angajament',
            code: { text: c.code, hyperlink: sheetLink(PLAN_SHEETS.commitments, rows.commitment.get(c.id)!) },
            name: c.title,
            commitment: c.code,
            ragLabel: RO.rag[c.rag],
            rag: c.rag,
            // A commitment's value is its progress, against 100 %.
            value: roundFigure(c.progress),
            target: 100,
            unit: '%',
            percent: roundFigure(c.progress),
            expected: roundFigure(c.expectedProgress),
            lastDate: lastUpdate.get(c.id) ?? null,
          });
        for (const i of state.indicators)
          await s.addRow({
            kind: 'Indicator',
            code: { text: i.code, hyperlink: sheetLink(PLAN_SHEETS.indicators, rows.indicator.get(i.id)!) },
            name: i.name,
            commitment: codeOf.get(i.commitmentId) ?? '',
            ragLabel: RO.rag[i.rag],
            rag: i.rag,
            value: roundFigureOrNull(i.latest?.comparable),
            target: i.target,
            unit: i.type === 'ratio' && !i.unit ? '%' : i.unit,
            percent: roundFigureOrNull(i.percentOfTarget),
            expected: null,
            lastDate: i.latest?.date ?? null,
          });
      },
    };
  },
};

/** The plan's key figures, the plan export's first sheet: the same function writes both. */
const keyFiguresSection: Section = {
  key: 'figures',
  async load({ plan: { state } }) {
    return { rows: keyFigureRows(state.figures).length, write: (wb) => writeKeyFiguresSheet(wb, state.figures) };
  },
};

// ───────────────────────────── the modules

const planSection: Section = {
  key: 'plan',
  async load({ ctx, plan, rows, signal }) {
    const measurements = await rq.countLiveMeasurements(ctx.db);
    return {
      rows: plan.state.commitments.length + plan.state.actions.length + plan.state.indicators.length + plan.updates.length + measurements,
      async write(wb) {
        const written = await writePlanSheets(wb, ctx.db, plan, { signal });
        // The summary linked to rows computed before writing; a mismatch would be a broken link.
        for (const [kind, m] of [
          ['commitment', written.commitmentRow],
          ['action', written.actionRow],
          ['indicator', written.indicatorRow],
        ] as const)
          for (const [id, row] of m)
            if (rows[kind].get(id) !== row) throw new Error(`report pack: ${kind} ${id} written at row ${row}, linked at ${rows[kind].get(id)}`);
      },
    };
  },
};

const risksSection: Section = {
  key: 'risks',
  async load({ ctx, today }) {
    const data = await loadRiskSheets(ctx.db, today);
    return { rows: riskSheetRows(data), write: (wb) => writeRiskSheets(wb, data) };
  },
};

interface TrainingRow {
  programme: string;
  action: Link | string;
  sessions: number;
  attendances: number;
  completedPeople: number;
  hours: number;
  cost: number;
  firstDate: string | null;
  lastDate: string | null;
}

export const TRAINING_COLUMNS: ColumnSpec<TrainingRow>[] = [
  { key: 'programme', header: 'Program de formare', width: 45, wrap: true },
  { key: 'action', header: 'Acțiune', width: 10 },
  { key: 'sessions', header: 'Sesiuni', type: 'int', width: 9 },
  { key: 'attendances', header: 'Participări', type: 'int', width: 11 },
  { key: 'completedPeople', header: 'Persoane distincte care au finalizat', type: 'int', width: 16 },
  { key: 'hours', header: 'Ore de formare (sesiuni)', type: 'decimal', width: 12, numFmt: (r) => wholeOrDecimal(r.hours) },
  { key: 'cost', header: 'Cost', type: 'lei', width: 16 },
  { key: 'firstDate', header: 'Prima sesiune', type: 'date' },
  { key: 'lastDate', header: 'Ultima sesiune', type: 'date' },
];

/** Trainings per programme: people counted once per programme, and once overall on the total row (not summed). */
const trainingSection: Section = {
  key: 'training',
  async load({ ctx, rows }) {
    const [programmes, sessions, distinct] = await Promise.all([listProgrammes(ctx), allSessions(ctx), rq.distinctTrainedPeople(ctx.db)]);
    const per = new Map<string, { attendances: number; hours: number; cost: number; first: string | null; last: string | null }>();
    for (const s of sessions) {
      let p = per.get(s.programmeId);
      if (!p) per.set(s.programmeId, (p = { attendances: 0, hours: 0, cost: 0, first: null, last: null }));
      p.attendances += s.attendeeCount;
      p.hours += s.hours;
      p.cost += s.cost;
      if (!p.first || s.startDate < p.first) p.first = s.startDate;
      const end = s.endDate ?? s.startDate;
      if (!p.last || end > p.last) p.last = end;
    }
    return {
      rows: programmes.length + 1,
      async write(wb) {
        const ws = wb.sheet({ name: TRAINING_SHEET, columns: TRAINING_COLUMNS });
        const total = { sessions: 0, attendances: 0, hours: 0, cost: 0 };
        for (const g of programmes) {
          const p = per.get(g.id);
          const actionRow = rows.action.get(g.actionId);
          await ws.addRow({
            programme: g.name,
            action: actionRow ? { text: g.actionCode, hyperlink: sheetLink(PLAN_SHEETS.actions, actionRow) } : g.actionCode,
            sessions: g.sessionCount,
            attendances: p?.attendances ?? 0,
            completedPeople: g.completedPeople,
            hours: Math.round((p?.hours ?? 0) * 100) / 100,
            cost: p?.cost ?? 0,
            firstDate: p?.first ?? null,
            lastDate: p?.last ?? null,
          });
          total.sessions += g.sessionCount;
          total.attendances += p?.attendances ?? 0;
          total.hours += p?.hours ?? 0;
          total.cost += p?.cost ?? 0;
        }
        await ws.addRow({
          programme: 'Total (o persoană numărată o singură dată)',
          action: '',
          sessions: total.sessions,
          attendances: total.attendances,
          completedPeople: distinct,
          hours: Math.round(total.hours * 100) / 100,
          cost: total.cost,
          firstDate: null,
          lastDate: null,
        });
      },
    };
  },
};

const stakeholdersSection: Section = {
  key: 'stakeholders',
  async load({ ctx, today }) {
    const data = await loadStakeholderSheets(ctx.db);
    return { rows: stakeholderSheetRows(data, STAKEHOLDER_SHEETS), write: (wb) => writeStakeholderSheets(wb, data, today, STAKEHOLDER_SHEETS) };
  },
};

const fundingSection: Section = {
  key: 'funding',
  async load({ ctx }) {
    const data = await loadFundingSheets(ctx);
    return { rows: data.calls.length + data.apps.length, write: (wb) => writeFundingSheets(wb, data) };
  },
};

// ───────────────────────────── participatory budgeting and grants (from db/queries/budgeting.ts)

export const BUDGETING_SHEETS = { campaigns: 'Bugetare – campanii', results: 'Bugetare – rezultate' } as const;
const KIND_RO = { pb: 'Buget participativ', grant: 'Competiție de granturi' } as const;

interface CampaignRow {
  name: Link | string;
  kind: string;
  edition: string;
  budget: number;
  proposals: number;
  voters: number;
  population: number | null;
  participation: number | null;
  rule: string;
  winners: number | null;
  funded: number | null;
  computedAt: string | null;
}

interface ResultRow {
  campaign: Link | string;
  zone: string;
  rank: number;
  code: string;
  title: string;
  votes: number;
  score: number | null;
  cost: number;
  won: string;
  funded: number;
  reason: string;
}

const CAMPAIGN_COLUMNS: ColumnSpec<CampaignRow>[] = [
  { key: 'name', header: 'Campanie', width: 36, wrap: true },
  { key: 'kind', header: 'Tip', width: 20 },
  { key: 'edition', header: 'Ediție', width: 10 },
  { key: 'budget', header: 'Buget total', type: 'lei' },
  { key: 'proposals', header: 'Propuneri', type: 'int', width: 10 },
  { key: 'voters', header: 'Votanți distincți', type: 'int', width: 11 },
  { key: 'population', header: 'Populație', type: 'int', width: 11 },
  { key: 'participation', header: 'Rata de participare', type: 'percent', width: 11, numFmt: '0.00%' },
  { key: 'rule', header: 'Regula de alegere a câștigătorilor', width: 50, wrap: true },
  { key: 'winners', header: 'Proiecte câștigătoare', type: 'int', width: 12 },
  { key: 'funded', header: 'Sumă alocată câștigătorilor', type: 'lei' },
  { key: 'computedAt', header: 'Rezultate calculate la', type: 'datetime' },
];

const RESULT_COLUMNS: ColumnSpec<ResultRow>[] = [
  { key: 'campaign', header: 'Campanie', width: 30 },
  { key: 'zone', header: 'Zonă', width: 8 },
  { key: 'rank', header: 'Loc', type: 'int', width: 6 },
  { key: 'code', header: 'Cod', width: 10 },
  { key: 'title', header: 'Proiect', width: 45, wrap: true },
  { key: 'votes', header: 'Voturi', type: 'int', width: 9 },
  { key: 'score', header: 'Punctaj', type: 'decimal', width: 9 },
  { key: 'cost', header: 'Cost', type: 'lei' },
  { key: 'won', header: 'Câștigător', width: 11 },
  { key: 'funded', header: 'Sumă alocată', type: 'lei' },
  { key: 'reason', header: 'De ce a câștigat sau nu', width: 70, wrap: true },
];

/** Campaigns with participation and their latest results (the rule, and per project why it won or not). */
const budgetingSection: Section = {
  key: 'budgeting',
  async load({ ctx }) {
    const [campaigns, participation] = await Promise.all([bq.listCampaigns(ctx.db), bq.participationByCampaign(ctx.db)]);
    const voters = new Map(participation.map((p) => [p.id, p.voters]));
    const results = new Map<string, CampaignResults>();
    for (const c of campaigns) {
      const r = await bq.latestResult(ctx.db, c.id);
      const parsed = r ? parseJson<CampaignResults | null>(r.result, null) : null;
      if (parsed) results.set(c.id, parsed);
    }
    const resultRows = [...results.values()].reduce((n, r) => n + r.projects.length, 0);
    return {
      rows: campaigns.length + resultRows,
      async write(wb) {
        // Each campaign links to its first project on the results sheet (written after it, so counted here).
        const firstResult = new Map<string, number>();
        let next = 2;
        for (const c of campaigns) {
          const r = results.get(c.id);
          if (r?.projects.length) firstResult.set(c.id, next);
          next += r?.projects.length ?? 0;
        }
        const cs = wb.sheet({ name: BUDGETING_SHEETS.campaigns, columns: CAMPAIGN_COLUMNS });
        const campaignRow = new Map<string, number>();
        for (const c of campaigns) {
          const r = results.get(c.id);
          const first = firstResult.get(c.id);
          const n = voters.get(c.id) ?? 0;
          const row = await cs.addRow({
            name: first ? { text: c.name, hyperlink: sheetLink(BUDGETING_SHEETS.results, first) } : c.name,
            kind: KIND_RO[c.kind],
            edition: c.edition,
            budget: c.total_budget,
            proposals: Number(c.proposal_count ?? 0),
            voters: n,
            population: c.population,
            participation: c.population ? (n / c.population) * 100 : null,
            rule: r?.ruleTextRo ?? '',
            winners: r ? r.projects.filter((p) => p.won).length : null,
            funded: r ? r.projects.reduce((s, p) => s + (p.won ? p.funded : 0), 0) : null,
            computedAt: r?.computedAt ?? null,
          });
          campaignRow.set(c.id, row);
        }
        const rs = wb.sheet({ name: BUDGETING_SHEETS.results, columns: RESULT_COLUMNS });
        for (const c of campaigns)
          for (const p of results.get(c.id)?.projects ?? [])
            await rs.addRow({
              campaign: { text: c.name, hyperlink: sheetLink(BUDGETING_SHEETS.campaigns, campaignRow.get(c.id)!) },
              zone: p.zoneCode ?? '',
              rank: p.rank,
              code: p.code,
              title: p.title,
              votes: p.votes,
              score: p.score,
              cost: p.cost,
              won: p.won ? 'Da' : 'Nu',
              funded: p.funded,
              reason: p.textRo,
            });
      },
    };
  },
};

// ───────────────────────────── open-data inventory (from db/queries/datasets.ts)

export const DATASETS_SHEET = 'Seturi de date';
const DATASET_RO = {
  status: {
    identified: 'Identificat',
    in_preparation: 'În pregătire',
    ready: 'Gata de publicare',
    published: 'Publicat',
    not_publishable: 'Nu se poate publica',
  },
  frequency: {
    daily: 'Zilnic',
    weekly: 'Săptămânal',
    monthly: 'Lunar',
    quarterly: 'Trimestrial',
    semiannual: 'Semestrial',
    annual: 'Anual',
    irregular: 'Neregulat',
    never: 'Nu se actualizează',
  },
  hvd: {
    geospatial: 'Geospațiale',
    earth_observation_environment: 'Observarea Pământului și mediu',
    meteorological: 'Meteorologice',
    statistics: 'Statistică',
    companies: 'Societăți și proprietarii lor',
    mobility: 'Mobilitate',
  },
} as const;

interface DatasetRow {
  name: string;
  holder: string;
  department: string;
  description: string;
  legalBasis: string;
  personal: string;
  format: string;
  frequency: string;
  status: string;
  publishedOn: string | null;
  lastReviewed: string | null;
  value: number;
  demand: number;
  readiness: number;
  risk: number;
  hvd: string;
  licence: string;
  responsible: string;
}

const DATASET_COLUMNS: ColumnSpec<DatasetRow>[] = [
  { key: 'name', header: 'Set de date', width: 40, wrap: true },
  { key: 'holder', header: 'Instituția deținătoare', width: 28 },
  { key: 'department', header: 'Departament', width: 24 },
  { key: 'description', header: 'Descriere', width: 50, wrap: true },
  { key: 'legalBasis', header: 'Temei legal', width: 30, wrap: true },
  { key: 'personal', header: 'Conține date personale', width: 11 },
  { key: 'format', header: 'Format', width: 10 },
  { key: 'frequency', header: 'Frecvența actualizării', width: 16 },
  { key: 'status', header: 'Stadiul publicării', width: 18 },
  { key: 'publishedOn', header: 'Publicat la', type: 'date' },
  { key: 'lastReviewed', header: 'Ultima revizuire', type: 'date' },
  { key: 'value', header: 'Scor valoare', type: 'int', width: 9 },
  { key: 'demand', header: 'Scor cerere', type: 'int', width: 9 },
  { key: 'readiness', header: 'Scor pregătire', type: 'int', width: 9 },
  { key: 'risk', header: 'Scor risc', type: 'int', width: 9 },
  { key: 'hvd', header: 'Categorie cu valoare ridicată (HVD)', width: 24 },
  { key: 'licence', header: 'Licență', width: 14 },
  { key: 'responsible', header: 'Responsabil (intern)', width: 24 },
];

const datasetsSection: Section = {
  key: 'datasets',
  async load({ ctx }) {
    const rows = await dq.listDatasets(ctx.db);
    return {
      rows: rows.length,
      async write(wb) {
        const ws = wb.sheet({ name: DATASETS_SHEET, columns: DATASET_COLUMNS });
        for (const d of rows)
          await ws.addRow({
            name: d.name,
            holder: d.holder_institution,
            department: d.holder_department,
            description: d.description,
            legalBasis: d.legal_basis,
            personal: d.contains_personal_data ? 'Da' : 'Nu',
            format: d.format,
            frequency: DATASET_RO.frequency[d.update_frequency],
            status: DATASET_RO.status[d.publication_status],
            publishedOn: d.published_on,
            lastReviewed: d.last_reviewed_on,
            value: d.score_value,
            demand: d.score_demand,
            readiness: d.score_readiness,
            risk: d.score_risk,
            hvd: d.hvd_category ? DATASET_RO.hvd[d.hvd_category] : '',
            licence: d.licence_id,
            responsible: d.responsible_person,
          });
      },
    };
  },
};

/** The pack, in sheet order. A module joins the pack with one entry here. */
export const SECTIONS: readonly Section[] = [
  summarySection,
  keyFiguresSection,
  planSection,
  risksSection,
  trainingSection,
  stakeholdersSection,
  fundingSection,
  budgetingSection,
  datasetsSection,
];

/** Sheet rows of the plan's items as writePlanSheets lays them out: in state order, after the header. */
export function planRows(plan: PlanSheetsData): PlanRows {
  const at = (items: Array<{ id: string }>) => new Map(items.map((x, n) => [x.id, n + 2]));
  return { commitment: at(plan.state.commitments), action: at(plan.state.actions), indicator: at(plan.state.indicators) };
}

export interface PackOptions {
  today: string;
  settings: RagSettings;
  signal?: AbortSignal;
  onProgress?: (fraction: number, message?: string) => void;
  /** The workbook writer (default: the streaming one); the benchmark passes writeWorkbookInMemory as its baseline. */
  writer?: typeof writeWorkbook;
  sections?: readonly Section[];
}

export async function exportReportPack(ctx: ServiceContext, outPath: string, opts: PackOptions): Promise<WriteResult> {
  const { signal } = opts;
  const plan = await loadPlanSheets(ctx.db, opts.today, opts.settings);
  const input: PackInput = { ctx, today: opts.today, settings: opts.settings, signal, plan, rows: planRows(plan) };
  const loaded: LoadedSection[] = [];
  for (const s of opts.sections ?? SECTIONS) {
    signal?.throwIfAborted();
    loaded.push(await s.load(input));
  }
  const totalRows = loaded.reduce((n, s) => n + s.rows, 0);
  const write = opts.writer ?? writeWorkbook;
  return write(
    outPath,
    async (wb) => {
      for (const s of loaded) await s.write(wb);
    },
    { signal, onProgress: opts.onProgress, totalRows, creator: 'PLA Desk — raport pentru coordonatori' },
  );
}
