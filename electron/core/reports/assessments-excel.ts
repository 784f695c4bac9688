import type { DbOrTx } from '../../../db/connection';
import { OGP_VALUES, type Rag } from '../../contract';
import { sheetLink, writeWorkbook, type ColumnSpec, type Link, type WriteResult } from '../excel';
import { figureColumn, RO, roundFigure } from '../plan/export';
import type { RagSettings } from '../plan/rag';
import { buildAssessments } from './assessments';

/** The OGP Local assessments as one workbook: Inception and End-of-Commitment sheets, the actions, the evidence files. */

export const ASSESSMENT_SHEETS = { inception: 'Evaluare inițială', end: 'Evaluare finală', actions: 'Acțiuni', evidence: 'Dovezi' } as const;

const yesNo = (b: boolean | null) => (b == null ? '' : b ? 'Da' : 'Nu');
const POTENTIAL_RO = { unclear: 'Neclar', modest: 'Modest', substantial: 'Substanțial' } as const;
const SOURCE_RO = { progress_update: 'Actualizare de progres', measurement: 'Măsurătoare' } as const;
/** "Not applicable": the commitment is not tagged with this value. */
const NOT_APPLICABLE = 'Nu se aplică';

interface InceptionRow {
  code: string;
  title: string;
  problem: string;
  objective: string;
  description: string;
  solution: string;
  values: string;
  start: string | null;
  end: string | null;
  lead: string;
  actors: string;
  verifiable: string;
  potential: string;
  actions: number;
  indicators: number;
}

type EndRow = {
  code: Link | string;
  title: string;
  completion: string;
  suggested: string;
  progress: number;
  ragLabel: string;
  rag: Rag;
  done: number;
  inProgress: number;
  notStarted: number;
  cancelled: number;
  factors: string;
  lessons: string;
  evidence: Link | string;
} & Record<`og_${string}`, string>;

interface ActionRow {
  commitment: Link | string;
  code: string;
  title: string;
  deliverable: string;
  start: string | null;
  end: string | null;
  responsible: string;
  status: string;
  progress: number;
}

interface EvidenceRow {
  commitment: string;
  source: string;
  code: string;
  date: string;
  note: string;
  fileName: string;
  size: number;
  withinLimit: string;
  sha256: string;
}

const INCEPTION_COLUMNS: ColumnSpec<InceptionRow>[] = [
  { key: 'code', header: 'Cod', width: 8 },
  { key: 'title', header: 'Angajament', width: 40, wrap: true },
  { key: 'problem', header: 'Problema publică abordată', width: 50, wrap: true },
  { key: 'objective', header: 'Obiectiv general', width: 50, wrap: true },
  { key: 'description', header: 'Descrierea angajamentului', width: 50, wrap: true },
  { key: 'solution', header: 'Cum contribuie la rezolvarea problemei', width: 50, wrap: true },
  { key: 'values', header: 'Valori OGP relevante', width: 30, wrap: true },
  { key: 'start', header: 'Început', type: 'date' },
  { key: 'end', header: 'Sfârșit', type: 'date' },
  { key: 'lead', header: 'Instituție responsabilă', width: 30 },
  { key: 'actors', header: 'Alți actori implicați', width: 40, wrap: true },
  { key: 'verifiable', header: 'Verificabil', width: 11 },
  { key: 'potential', header: 'Potențial de rezultate', width: 14 },
  { key: 'actions', header: 'Acțiuni', type: 'int', width: 9 },
  { key: 'indicators', header: 'Indicatori', type: 'int', width: 10 },
];

const END_COLUMNS: ColumnSpec<EndRow>[] = [
  { key: 'code', header: 'Cod', width: 8 },
  { key: 'title', header: 'Angajament', width: 40, wrap: true },
  { key: 'completion', header: 'Nivel de finalizare (înregistrat)', width: 22 },
  { key: 'suggested', header: 'Nivel sugerat de înregistrări', width: 22 },
  figureColumn('progress', 'Progres', 'percent'),
  { key: 'ragLabel', header: 'Stare', width: 18, rag: 'rag' },
  { key: 'done', header: 'Acțiuni realizate', type: 'int', width: 10 },
  { key: 'inProgress', header: 'Acțiuni în desfășurare', type: 'int', width: 12 },
  { key: 'notStarted', header: 'Acțiuni neîncepute', type: 'int', width: 11 },
  { key: 'cancelled', header: 'Acțiuni anulate', type: 'int', width: 10 },
  { key: 'factors', header: 'Factori care au influențat implementarea', width: 50, wrap: true },
  { key: 'lessons', header: 'Lecții învățate', width: 50, wrap: true },
  ...OGP_VALUES.map((v): ColumnSpec<EndRow> => ({ key: `og_${v}`, header: `A deschis guvernarea? — ${RO.ogpValue[v]}`, width: 20 })),
  { key: 'evidence', header: 'Dovezi (fișiere)', width: 12 },
];

const ACTION_COLUMNS: ColumnSpec<ActionRow>[] = [
  { key: 'commitment', header: 'Angajament', width: 11 },
  { key: 'code', header: 'Cod', width: 10 },
  { key: 'title', header: 'Acțiune', width: 50, wrap: true },
  { key: 'deliverable', header: 'Livrabil verificabil', width: 40, wrap: true },
  { key: 'start', header: 'Început planificat', type: 'date' },
  { key: 'end', header: 'Sfârșit planificat', type: 'date' },
  { key: 'responsible', header: 'Responsabil', width: 30 },
  { key: 'status', header: 'Stare', width: 15 },
  figureColumn('progress', 'Progres', 'percent'),
];

const EVIDENCE_COLUMNS: ColumnSpec<EvidenceRow>[] = [
  { key: 'commitment', header: 'Angajament', width: 11 },
  { key: 'source', header: 'Sursă', width: 22 },
  { key: 'code', header: 'Cod', width: 10 },
  { key: 'date', header: 'Data', type: 'date' },
  { key: 'note', header: 'Notă', width: 40, wrap: true },
  { key: 'fileName', header: 'Fișier', width: 36 },
  { key: 'size', header: 'Dimensiune (octeți)', type: 'int', width: 14 },
  { key: 'withinLimit', header: 'Cel mult 10 MB', width: 10 },
  { key: 'sha256', header: 'SHA-256', width: 66 },
];

export async function exportAssessmentsWorkbook(
  db: DbOrTx,
  out: string,
  opts: { today: string; settings: RagSettings; signal?: AbortSignal; onProgress?: (f: number, m?: string) => void },
): Promise<WriteResult> {
  const list = await buildAssessments(db, opts.today, opts.settings);
  const actionsTotal = list.reduce((n, a) => n + a.inception.actions.length, 0);
  const evidenceTotal = list.reduce((n, a) => n + a.end.evidence.length, 0);
  // Rows of each commitment's first evidence file on the Dovezi sheet (written last, so counted here).
  const firstEvidence = new Map<string, number>();
  let next = 2;
  for (const a of list) {
    if (a.end.evidence.length) firstEvidence.set(a.id, next);
    next += a.end.evidence.length;
  }
  return writeWorkbook(
    out,
    async (wb) => {
      const inceptionRow = new Map<string, number>();
      const is = wb.sheet({ name: ASSESSMENT_SHEETS.inception, columns: INCEPTION_COLUMNS });
      for (const a of list) {
        const i = a.inception;
        const row = await is.addRow({
          code: a.code,
          title: a.title,
          problem: i.problem,
          objective: i.objective,
          description: i.description,
          solution: i.solution,
          values: i.ogpValues.map((v) => RO.ogpValue[v]).join(', '),
          start: i.startDate,
          end: i.endDate,
          lead: i.leadInstitution,
          actors: i.actors,
          verifiable: yesNo(i.verifiable),
          potential: i.potential ? POTENTIAL_RO[i.potential] : '',
          actions: i.actions.length,
          indicators: i.indicators.length,
        });
        inceptionRow.set(a.id, row);
      }
      const es = wb.sheet({ name: ASSESSMENT_SHEETS.end, columns: END_COLUMNS });
      for (const a of list) {
        const e = a.end;
        const og: Record<string, string> = {};
        for (const v of OGP_VALUES) {
          const entry = e.openedGovernment.find((o) => o.value === v);
          og[`og_${v}`] = !entry ? NOT_APPLICABLE : entry.level ? RO.openedGovernment[entry.level] : '';
        }
        const first = firstEvidence.get(a.id);
        await es.addRow({
          code: { text: a.code, hyperlink: sheetLink(ASSESSMENT_SHEETS.inception, inceptionRow.get(a.id)!) },
          title: a.title,
          completion: e.completion ? RO.completion[e.completion] : '',
          suggested: RO.completion[e.suggestedCompletion],
          progress: roundFigure(e.progress),
          ragLabel: RO.rag[e.rag],
          rag: e.rag,
          done: e.actionsDone,
          inProgress: e.actionsInProgress,
          notStarted: e.actionsNotStarted,
          cancelled: e.actionsCancelled,
          factors: e.factors,
          lessons: e.lessons,
          ...og,
          evidence: first ? { text: String(e.evidence.length), hyperlink: sheetLink(ASSESSMENT_SHEETS.evidence, first) } : '0',
        } as EndRow);
      }
      const as = wb.sheet({ name: ASSESSMENT_SHEETS.actions, columns: ACTION_COLUMNS });
      for (const a of list)
        for (const x of a.inception.actions)
          await as.addRow({
            commitment: { text: a.code, hyperlink: sheetLink(ASSESSMENT_SHEETS.inception, inceptionRow.get(a.id)!) },
            code: x.code,
            title: x.title,
            deliverable: x.deliverable,
            start: x.plannedStart,
            end: x.plannedEnd,
            responsible: x.responsibleOrg,
            status: RO.actionStatus[x.status],
            progress: roundFigure(x.progress),
          });
      const vs = wb.sheet({ name: ASSESSMENT_SHEETS.evidence, columns: EVIDENCE_COLUMNS });
      for (const a of list)
        for (const x of a.end.evidence)
          await vs.addRow({
            commitment: a.code,
            source: SOURCE_RO[x.source],
            code: x.code,
            date: x.date,
            note: x.note,
            fileName: x.fileName,
            size: x.size,
            withinLimit: x.withinLimit ? 'Da' : 'Nu',
            sha256: x.sha256,
          });
    },
    { signal: opts.signal, onProgress: opts.onProgress, totalRows: list.length * 2 + actionsTotal + evidenceTotal, creator: 'PLA Desk — evaluări OGP Local' },
  );
}
