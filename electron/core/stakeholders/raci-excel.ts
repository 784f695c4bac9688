import type { DbOrTx } from '../../../db/connection';
import type { RaciRole } from '../../contract';
import { writeWorkbook, type ColumnSpec, type WriteResult } from '../excel';
import { raciMatrixOf } from './raci';

type Row = Record<string, string | null>;

const LETTER: Record<RaciRole, string> = { responsible: 'R', accountable: 'A', consulted: 'C', informed: 'I' };
export const RACI_SHEETS = { matrix: 'Matrice RACI', legend: 'Legendă' } as const;

/**
 * The RACI matrix as a workbook: one row per plan action (code, title, who is Accountable) and one column per
 * stakeholder with the letter of their role; a second sheet says what the letters mean and the rule.
 */
export async function exportRaciWorkbook(
  db: DbOrTx,
  out: string,
  opts: { signal?: AbortSignal; onProgress?: (f: number, m?: string) => void } = {},
): Promise<WriteResult> {
  const m = await raciMatrixOf(db);
  const cells = new Map<string, string[]>();
  for (const l of m.links) {
    const k = `${l.actionId}|${l.stakeholderId}`;
    cells.set(k, [...(cells.get(k) ?? []), LETTER[l.role]]);
  }
  const columns: ColumnSpec<Row>[] = [
    { key: 'code', header: 'Cod acțiune', width: 12 },
    { key: 'title', header: 'Acțiune', width: 60, wrap: true },
    { key: 'accountable', header: 'Cine răspunde (A)', width: 30 },
    ...m.stakeholders.map((s, i) => ({ key: `s${i}`, header: s.name, width: Math.min(Math.max(s.name.length * 0.6, 8), 24), wrap: true })),
  ];
  return writeWorkbook(
    out,
    async (wb) => {
      const sheet = wb.sheet<Row>({ name: RACI_SHEETS.matrix, columns });
      for (const a of m.actions) {
        const row: Row = { code: a.code, title: a.title, accountable: a.accountable?.name ?? (m.links.some((l) => l.actionId === a.id) ? 'LIPSEȘTE' : '') };
        m.stakeholders.forEach((s, i) => (row[`s${i}`] = (cells.get(`${a.id}|${s.id}`) ?? []).sort().join(', ') || null));
        await sheet.addRow(row);
      }
      const legend = wb.sheet<Row>({
        name: RACI_SHEETS.legend,
        columns: [
          { key: 'letter', header: 'Literă', width: 8 },
          { key: 'meaning', header: 'Înțeles', width: 80, wrap: true },
        ],
      });
      await legend.addRow({ letter: 'R', meaning: 'Responsabil — face lucrul' });
      await legend.addRow({ letter: 'A', meaning: 'Răspunde (aprobă) — exact unul pe fiecare acțiune care are roluri RACI' });
      await legend.addRow({ letter: 'C', meaning: 'Consultat — dă aviz înainte' });
      await legend.addRow({ letter: 'I', meaning: 'Informat — află rezultatul' });
    },
    { signal: opts.signal, onProgress: opts.onProgress, totalRows: m.actions.length + 4 },
  );
}
