import { z } from 'zod';
import { id as uuidV7, type MeasureStatus, type RiskCategory, type RiskLevel, type RiskStatus, type RiskStrategy, type Risk } from '../../contract';
import { cellDate, cellEnum, cellText, optText, type ImportColumn } from '../excel-import';

/**
 * The risk register's columns in Excel (the Romanian SCIM model's layout): the labels of its values, the headers
 * (ours first, then the model's usual names) and how the import reads each cell. Apart from the rest of the
 * workbook code so the import's worker thread (read-worker.ts) loads only this, zod and the sheet reader.
 */
export const RO = {
  category: {
    strategic: ['Strategic', 'Strategică'],
    operational: ['Operațional', 'Operațională'],
    financial: ['Financiar', 'Financiară'],
    legal: ['Juridic / conformitate', 'Juridic', 'Legal', 'Conformitate', 'Juridică'],
    integrity: ['Integritate', 'Risc de integritate', 'Corupție', 'Anticorupție'],
    reputational: ['Reputațional', 'Reputațională', 'Imagine'],
    it: ['IT / securitate informatică', 'IT', 'Tehnologic', 'Securitate informatică'],
    human_resources: ['Resurse umane', 'Personal'],
    other: ['Altele', 'Alt tip', 'Other'],
  } satisfies Record<RiskCategory, string[]>,
  strategy: {
    tolerate: ['Tolerare', 'Acceptare', 'Acceptarea riscului', 'Tolerate'],
    treat: ['Tratare', 'Tratarea riscului', 'Treat'],
    transfer: ['Transfer', 'Transferare', 'Externalizare', 'Transferul riscului'],
    terminate: ['Terminare', 'Evitare', 'Eliminare', 'Evitarea riscului', 'Terminate'],
  } satisfies Record<RiskStrategy, string[]>,
  status: {
    open: ['Deschis', 'Activ', 'Open'],
    closed: ['Închis', 'Inactiv', 'Closed'],
  } satisfies Record<RiskStatus, string[]>,
  measureStatus: { planned: 'Planificată', in_progress: 'În curs', done: 'Implementată', cancelled: 'Anulată' } satisfies Record<MeasureStatus, string>,
  level: { low: 'Scăzut', medium: 'Mediu', high: 'Ridicat', very_high: 'Foarte ridicat' } satisfies Record<RiskLevel, string>,
};

/** Register columns: the first header is what our export writes; the others are the SCIM model's usual names. */
export const H = {
  id: ['ID'],
  code: ['Cod risc', 'Cod', 'Cod risc identificat', 'Nr. crt.', 'Nr. crt', 'Nr.'],
  area: [
    'Compartiment / Domeniu',
    'Compartiment / activitate',
    'Compartimentul / activitatea',
    'Compartiment / activitatea',
    'Compartiment',
    'Compartimentul',
    'Structura',
    'Structura organizatorică',
    'Departament',
    'Domeniu',
    'Direcția',
  ],
  objective: ['Obiectiv / Acțiune asociată', 'Obiectiv', 'Obiective', 'Obiectivul specific', 'Obiective specifice', 'Activitate', 'Activități', 'Activitatea'],
  description: ['Descrierea riscului', 'Risc', 'Riscul', 'Riscuri identificate', 'Riscul identificat', 'Risc identificat', 'Denumirea riscului'],
  category: ['Categorie', 'Categoria riscului', 'Tipul riscului', 'Tip risc'],
  causes: ['Cauze', 'Cauzele riscului', 'Cauze care favorizează apariția riscului', 'Cauzele care favorizează apariția riscului'],
  consequences: ['Consecințe', 'Efecte', 'Consecințele materializării riscului', 'Efectele materializării riscului'],
  owner: ['Responsabil risc', 'Responsabil', 'Proprietarul riscului', 'Titularul riscului', 'Responsabil cu gestionarea riscului'],
  inherentProbability: ['Probabilitate inerentă', 'Probabilitate', 'Probabilitatea', 'P'],
  inherentImpact: ['Impact inerent', 'Impact', 'Impactul', 'I'],
  inherentExposure: ['Expunere inerentă', 'Expunere', 'Expunerea la risc', 'Expunere la risc', 'Scor'],
  strategy: ['Strategie de răspuns', 'Strategia adoptată', 'Strategia de răspuns', 'Răspuns la risc', 'Strategie'],
  measures: ['Măsuri de control', 'Măsuri de control intern', 'Măsuri', 'Măsuri de gestionare a riscului'],
  measureOwner: ['Responsabil măsuri', 'Responsabil cu implementarea măsurii', 'Responsabil cu implementarea măsurilor', 'Responsabil implementare'],
  deadline: ['Termen', 'Termen de implementare', 'Termen de realizare', 'Termen limită'],
  lastReviewDate: ['Data ultimei revizuiri', 'Data revizuirii', 'Ultima revizuire'],
  status: ['Stare', 'Stare risc', 'Starea riscului', 'Status'],
  residualProbability: ['Probabilitate reziduală', 'Probabilitate risc rezidual'],
  residualImpact: ['Impact rezidual', 'Impact risc rezidual'],
  residualExposure: ['Expunere reziduală', 'Risc rezidual', 'Expunere risc rezidual'],
  secondaryRisks: ['Riscuri secundare', 'Riscuri secundare identificate'],
  notes: ['Observații', 'Mențiuni', 'Note'],
  commitments: ['Angajamente', 'Angajamente PLA'],
  actions: ['Acțiuni asociate', 'Acțiuni PLA', 'Acțiuni'],
  aboveTolerance: ['Peste limita de toleranță'],
  level: ['Nivel de risc'],
  nextReview: ['Următoarea revizuire'],
} as const;

// Cell schemas with the message a person can act on (a bare union would only say "Invalid input").
const required = <T extends z.ZodType>(s: T) =>
  z
    .unknown()
    .refine((v) => v != null, 'required')
    .pipe(s as unknown as z.ZodType<z.output<T>, any>);
const opt = <T extends z.ZodType>(s: T) =>
  z.unknown().transform((v, ctx): z.output<T> | null => {
    if (v == null) return null;
    const r = s.safeParse(v);
    if (r.success) return r.data;
    for (const i of r.error.issues) ctx.addIssue({ code: 'custom', message: i.message });
    return z.NEVER;
  });
const int = (min: number, max: number) =>
  z
    .unknown()
    .transform((v) => (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v))
    .pipe(z.number({ error: 'expected a whole number' }).int('expected a whole number').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
const score = () => required(int(1, 5));
const optScore = () => opt(int(1, 5));
const codes = () =>
  optText(2000).transform((s) =>
    s
      .split(/[,;\n]+/)
      .map((c) => c.trim())
      .filter(Boolean),
  );
const ignored = z.unknown();

export const COLUMNS: ImportColumn[] = [
  {
    key: 'id',
    headers: [...H.id],
    schema: z
      .union([
        z.null(),
        z
          .string()
          .trim()
          .pipe(uuidV7.or(z.literal(''))),
      ])
      .transform((v) => v || null),
  },
  { key: 'code', headers: [...H.code], schema: optText(30) },
  { key: 'area', headers: [...H.area], schema: optText(300) },
  { key: 'objective', headers: [...H.objective], schema: optText(2000) },
  { key: 'description', headers: [...H.description], required: true, schema: required(cellText(4000)) },
  { key: 'category', headers: [...H.category], schema: opt(cellEnum(RO.category)).transform((v) => v ?? 'operational') },
  { key: 'causes', headers: [...H.causes], schema: optText(4000) },
  { key: 'consequences', headers: [...H.consequences], schema: optText(4000) },
  { key: 'owner', headers: [...H.owner], schema: optText(200) },
  { key: 'inherentProbability', headers: [...H.inherentProbability], required: true, schema: score() },
  { key: 'inherentImpact', headers: [...H.inherentImpact], required: true, schema: score() },
  { key: 'inherentExposure', headers: [...H.inherentExposure], schema: opt(int(1, 25)), acceptsFormula: true },
  { key: 'strategy', headers: [...H.strategy], schema: opt(cellEnum(RO.strategy)).transform((v) => v ?? 'treat') },
  { key: 'measures', headers: [...H.measures], schema: optText(20_000) },
  { key: 'measureOwner', headers: [...H.measureOwner], schema: optText(200) },
  { key: 'deadline', headers: [...H.deadline], schema: opt(cellDate()) },
  { key: 'lastReviewDate', headers: [...H.lastReviewDate], schema: opt(cellDate()) },
  { key: 'status', headers: [...H.status], schema: opt(cellEnum(RO.status)).transform((v) => v ?? 'open') },
  { key: 'residualProbability', headers: [...H.residualProbability], schema: optScore() },
  { key: 'residualImpact', headers: [...H.residualImpact], schema: optScore() },
  { key: 'residualExposure', headers: [...H.residualExposure], schema: opt(int(1, 25)), acceptsFormula: true },
  { key: 'secondaryRisks', headers: [...H.secondaryRisks], schema: optText(4000) },
  { key: 'notes', headers: [...H.notes], schema: optText(4000) },
  { key: 'commitments', headers: [...H.commitments], schema: codes() },
  { key: 'actions', headers: [...H.actions], schema: codes() },
  // Computed by the app; read so they are not reported as unknown, never written. A SCIM register often computes
  // them (and the exposures, which are checked against probability × impact) with formulas: those are accepted.
  { key: 'aboveTolerance', headers: [...H.aboveTolerance], schema: ignored, acceptsFormula: true },
  { key: 'level', headers: [...H.level], schema: ignored, acceptsFormula: true },
  { key: 'nextReview', headers: [...H.nextReview], schema: ignored, acceptsFormula: true },
];

/** A register row as read: the risk's own fields, plus the row's id (null for a new risk), its measures as text and its links as codes. */
export type ImportValues = Pick<
  Risk,
  | 'code'
  | 'area'
  | 'objective'
  | 'description'
  | 'category'
  | 'causes'
  | 'consequences'
  | 'owner'
  | 'inherentProbability'
  | 'inherentImpact'
  | 'strategy'
  | 'deadline'
  | 'lastReviewDate'
  | 'status'
  | 'residualProbability'
  | 'residualImpact'
  | 'residualExposure'
  | 'secondaryRisks'
  | 'notes'
> & {
  id: string | null;
  inherentExposure: number | null;
  measures: string;
  measureOwner: string;
  /** Commitment and action codes as written in the row (resolved to ids when the import is planned). */
  commitments: string[];
  actions: string[];
};
