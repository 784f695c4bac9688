import type { VoteImportReport } from '../../contract';
import type { VoteRejectRule } from './rules';

/**
 * Why a vote was refused, in the words a coordinator reads (Romanian first; the CLI and the app's report both
 * show these), with what usually fixes it. An import that would refuse more than 1 % of its rows for one reason
 * is stopped before anything is written: at that size it is almost always the file (another campaign, zone names
 * instead of codes, a missing proposals import), not the voters.
 */
export const VOTE_REFUSAL_RO: Record<VoteRejectRule, { label: string; fix: string }> = {
  malformed: { label: 'rând incomplet sau greșit', fix: 'verificați separatorul (virgulă sau punct și virgulă) și că fiecare rând are votantul și propunerea' },
  unknown_proposal: {
    label: 'propunere necunoscută',
    fix: 'importați întâi propunerile campaniei sau verificați că fișierul este al acestei campanii și că propunerile sunt numite prin codul lor',
  },
  ineligible_proposal: { label: 'propunere neeligibilă', fix: 'verificați eligibilitatea propunerilor înainte de importul voturilor' },
  unknown_zone: { label: 'zonă necunoscută', fix: 'numiți zona prin codul sau numele ei din campanie, sau adăugați zona în campanie' },
  zone_mismatch: { label: 'altă zonă decât a propunerii', fix: 'verificați zona fiecărei propuneri în campanie și că fișierul este al acestei campanii' },
  duplicate: { label: 'vot dublu', fix: 'verificați dacă fișierul nu conține de două ori aceleași voturi' },
  over_limit: { label: 'peste numărul de voturi permis', fix: 'verificați numărul de voturi pe votant al campaniei' },
};

/** More than this share of the rows refused for one reason stops the import (1 %). */
export const REFUSAL_LIMIT_PERCENT = 1;

const fmtPercent = (n: number) => `${(Math.round(n * 10) / 10).toLocaleString('ro-RO')} %`;

/**
 * The reason (if any) that stops the import: the one refusing the most rows above the limit, named with its first
 * examples and the likely fix. `zones` lists the campaign's zones for an unknown zone ("Z1 «Zona 1», …").
 */
export function refusalStop(
  report: Pick<VoteImportReport, 'rows' | 'refused' | 'examples'>,
  zones: ReadonlyArray<{ code: string; name: string }>,
): VoteImportReport['stopped'] {
  const over = Object.entries(report.refused)
    .filter(([, n]) => n * 100 > report.rows * REFUSAL_LIMIT_PERCENT)
    .sort((a, b) => b[1] - a[1]);
  if (!over.length) return null;
  const [rule, count] = over[0] as [VoteRejectRule, number];
  const percent = (count * 100) / report.rows;
  const examples = report.examples.filter((e) => e.rule === rule).slice(0, 3);
  const zoneList = zones.map((z) => `${z.code} «${z.name}»`).join(', ');
  let first: string;
  if (rule === 'unknown_zone' && examples.length) {
    const names = [...new Set(examples.map((e) => e.value))];
    first = `${names.map((n) => `zona «${n}»`).join(', ')} nu ${names.length === 1 ? 'este codul' : 'sunt codurile'} sau numele unei zone; zonele campaniei: ${zoneList || '(campania nu are zone)'}`;
  } else first = examples.map((e) => `rândul ${e.line}: ${e.detail}`).join('; ');
  const { label, fix } = VOTE_REFUSAL_RO[rule] ?? { label: rule, fix: '' };
  const message = `Importul a fost oprit, nimic nu s-a scris: ${count.toLocaleString('ro-RO')} din ${report.rows.toLocaleString('ro-RO')} rânduri (${fmtPercent(percent)}) ar fi refuzate ca „${label}” (limita este ${REFUSAL_LIMIT_PERCENT} % pentru un motiv). ${first ? `${first.charAt(0).toUpperCase()}${first.slice(1)}. ` : ''}Ce puteți face: ${fix}.`;
  return { rule, count, percent: Math.round(percent * 100) / 100, message };
}

export { ELIGIBILITY_CRITERIA_RO } from '../../contract';
