/** The sentence for every reason, in Romanian (comma-below ș ț) and English, from the reason's parameters. */
import { formatAmount, formatCount, formatLei, formatScore } from './format';
import { describeTieBreak, type PrimaryKey } from './ranking';
import type { Bani, EqualSharesCompletion, EqualSharesUtility, LocalText, Reason, TieBreakKey, WinnerRule } from './types';

type P = Reason['params'];
const n = (p: P, k: string) => Number(p[k] ?? 0);
const s = (p: P, k: string) => String(p[k] ?? '');

/** "120.000 lei necesari, 80.000 disponibili" / "120,000 lei needed, 80,000 available". */
const needHave = (p: P): LocalText => ({
  ro: `${formatLei(n(p, 'cost'), 'ro')} necesari, ${formatAmount(n(p, 'available'), 'ro')} disponibili`,
  en: `${formatLei(n(p, 'cost'), 'en')} needed, ${formatAmount(n(p, 'available'), 'en')} available`,
});

export function reasonText(r: Reason): LocalText {
  const p = r.params;
  switch (r.code) {
    case 'funded': {
      const nh = needHave(p);
      return { ro: `câștigă: încape în bugetul rămas (${nh.ro})`, en: `wins: fits in the remaining budget (${nh.en})` };
    }
    case 'funded_top_up': {
      const nh = needHave(p);
      return {
        ro: `câștigă cu suplimentare: ${nh.ro}; diferența de ${formatLei(n(p, 'gap'), 'ro')} nu depășește limita de suplimentare de ${formatLei(n(p, 'limit'), 'ro')}`,
        en: `wins with a top-up: ${nh.en}; the ${formatLei(n(p, 'gap'), 'en')} gap is within the ${formatLei(n(p, 'limit'), 'en')} top-up limit`,
      };
    }
    case 'funded_equal_shares':
      return {
        ro: `câștigă prin Metoda părților egale: cei ${formatCount(n(p, 'supporters'), 'ro')} susținători au acoperit costul de ${formatLei(n(p, 'cost'), 'ro')} din părțile lor egale (cel mult ${formatLei(n(p, 'maxShare'), 'ro')} fiecare)`,
        en: `wins by the Method of Equal Shares: its ${formatCount(n(p, 'supporters'), 'en')} supporters covered the ${formatLei(n(p, 'cost'), 'en')} from their equal shares (at most ${formatLei(n(p, 'maxShare'), 'en')} each)`,
      };
    case 'funded_completion': {
      const nh = needHave(p);
      return {
        ro: `câștigă la completarea după voturi: încape în bugetul rămas (${nh.ro})`,
        en: `wins in the completion by votes: fits in the remaining budget (${nh.en})`,
      };
    }
    case 'funded_score': {
      const nh = needHave(p);
      return {
        ro: `câștigă: punctaj ${formatScore(n(p, 'score'), 'ro')}, cel puțin minimul de ${formatScore(n(p, 'minScore'), 'ro')}, și încape în buget (${nh.ro})`,
        en: `wins: score ${formatScore(n(p, 'score'), 'en')}, at least the minimum of ${formatScore(n(p, 'minScore'), 'en')}, and fits in the budget (${nh.en})`,
      };
    }
    case 'over_remaining': {
      const nh = needHave(p);
      return { ro: `nu încape în bugetul rămas: ${nh.ro}`, en: `does not fit in the remaining budget: ${nh.en}` };
    }
    case 'stop_first_unfit': {
      const nh = needHave(p);
      if (p.limit !== undefined)
        return {
          ro: `nu încape în bugetul rămas: ${nh.ro}; diferența de ${formatLei(n(p, 'gap'), 'ro')} depășește limita de suplimentare de ${formatLei(n(p, 'limit'), 'ro')}, alocarea se oprește aici și restul devine rezervă`,
          en: `does not fit in the remaining budget: ${nh.en}; the ${formatLei(n(p, 'gap'), 'en')} gap exceeds the ${formatLei(n(p, 'limit'), 'en')} top-up limit, so the allocation stops here and the rest becomes a reserve`,
        };
      return {
        ro: `nu încape în bugetul rămas: ${nh.ro}; alocarea se oprește aici și restul devine rezervă`,
        en: `does not fit in the remaining budget: ${nh.en}; the allocation stops here and the rest becomes a reserve`,
      };
    }
    case 'after_stop':
      return { ro: `clasat după ${s(p, 'stoppedAt')}, la care alocarea s-a oprit`, en: `ranked after ${s(p, 'stoppedAt')}, where the allocation stopped` };
    case 'over_zone_budget':
      if (p.limit !== undefined)
        return {
          ro: `costă mai mult decât întregul buget al zonei plus suplimentarea: ${formatLei(n(p, 'cost'), 'ro')} față de ${formatLei(n(p, 'budget'), 'ro')} + ${formatLei(n(p, 'limit'), 'ro')}`,
          en: `costs more than the zone's whole budget plus the top-up: ${formatLei(n(p, 'cost'), 'en')} against ${formatLei(n(p, 'budget'), 'en')} + ${formatLei(n(p, 'limit'), 'en')}`,
        };
      return {
        ro: `costă mai mult decât întregul buget al zonei: ${formatLei(n(p, 'cost'), 'ro')} față de ${formatLei(n(p, 'budget'), 'ro')}`,
        en: `costs more than the zone's whole budget: ${formatLei(n(p, 'cost'), 'en')} against ${formatLei(n(p, 'budget'), 'en')}`,
      };
    case 'ineligible':
      return p.reason ? { ro: `neeligibil: ${s(p, 'reason')}`, en: `not eligible: ${s(p, 'reason')}` } : { ro: 'neeligibil', en: 'not eligible' };
    case 'no_votes':
      return { ro: 'niciun vot', en: 'no votes' };
    case 'equal_shares_unaffordable':
      return {
        ro: `susținătorii nu mai au destui bani din părțile lor egale: ${formatLei(n(p, 'cost'), 'ro')} necesari, ${formatAmount(n(p, 'supportersMoney'), 'ro')} disponibili`,
        en: `its supporters' remaining equal shares do not cover it: ${formatLei(n(p, 'cost'), 'en')} needed, ${formatAmount(n(p, 'supportersMoney'), 'en')} available`,
      };
    case 'below_min_score':
      return {
        ro: `punctajul ${formatScore(n(p, 'score'), 'ro')} este sub minimul de ${formatScore(n(p, 'minScore'), 'ro')}`,
        en: `score ${formatScore(n(p, 'score'), 'en')} is below the minimum of ${formatScore(n(p, 'minScore'), 'en')}`,
      };
    case 'no_score':
      return { ro: 'fără punctaj final', en: 'no final score' };
    case 'unknown_zone':
      return p.zone
        ? { ro: `zona „${s(p, 'zone')}” nu este o zonă a campaniei`, en: `zone "${s(p, 'zone')}" is not one of the campaign's zones` }
        : { ro: 'proiectul nu are zonă, iar campania are bugete pe zone', en: 'the project has no zone, but the campaign has zone budgets' };
  }
}

/** The short name of an Equal Shares variant: utilities and completion (results page, workbook, .pb comment). */
export const EQUAL_SHARES_UTILITY_TEXT: Record<EqualSharesUtility, LocalText> = {
  cost: { ro: 'utilitate = costul proiectului', en: 'cost utilities' },
  approval: { ro: 'utilitate = aprobare (fiecare proiect aprobat valorează 1)', en: 'approval utilities (each approved project counts 1)' },
};
export const EQUAL_SHARES_COMPLETION_NAME: Record<EqualSharesCompletion, LocalText> = {
  add1_greedy: { ro: 'completare add1, apoi după voturi', en: 'add1 completion, then greedy by votes' },
  add1: { ro: 'completare add1', en: 'add1 completion' },
  greedy: { ro: 'completare după voturi', en: 'greedy completion by votes' },
  none: { ro: 'fără completare', en: 'no completion' },
};

/** Stop at first skips what could never fit: said in the rule's text (results page, workbook, public site) and in the README. */
const SKIPS_OVER_BUDGET: LocalText = {
  ro: 'Un proiect care costă mai mult decât întregul buget al zonei nu poate fi finanțat: este sărit și alocarea continuă cu următorul.',
  en: "A project that costs more than the zone's whole budget can never be funded: it is skipped and the allocation goes on with the next one.",
};

export function ruleText(
  rule: WinnerRule,
  opts: { topUpLimit: Bani; minScore: number; completion: EqualSharesCompletion; utility?: EqualSharesUtility },
): LocalText {
  switch (rule) {
    case 'greedy':
      return {
        ro: 'Pe rând după voturi (ca în CONSUL): un proiect care nu mai încape în bugetul rămas este sărit și se continuă cu următorul.',
        en: 'In order of votes (as CONSUL does): a project that no longer fits in the remaining budget is skipped and the next one is tried.',
      };
    case 'stop_at_first':
      return {
        ro: `Pe rând după voturi, până la primul proiect care nu încape în bugetul rămas; restul bugetului devine rezervă. ${SKIPS_OVER_BUDGET.ro}`,
        en: `In order of votes, up to the first project that does not fit in the remaining budget; the rest of the budget becomes a reserve. ${SKIPS_OVER_BUDGET.en}`,
      };
    case 'timisoara_topup':
      return {
        ro: `Regula Timișoara: pe rând după voturi, până la primul proiect care nu încape; acesta este finanțat prin suplimentare dacă diferența este de cel mult ${formatLei(opts.topUpLimit, 'ro')}, altfel restul bugetului devine rezervă. Un proiect care costă mai mult decât bugetul zonei plus suplimentarea este sărit și alocarea continuă.`,
        en: `Timișoara rule: in order of votes up to the first project that does not fit; that one is funded with a top-up if the gap is at most ${formatLei(opts.topUpLimit, 'en')}, otherwise the rest of the budget becomes a reserve. A project that costs more than the zone's budget plus the top-up is skipped and the allocation goes on.`,
      };
    case 'equal_shares': {
      const c: Record<EqualSharesCompletion, LocalText> = {
        add1_greedy: {
          ro: 'completare add1 (partea fiecărui votant crește cu câte 1 leu până când niciun alt proiect votat nu mai încape sau pasul următor ar depăși bugetul), apoi după voturi',
          en: 'add1 completion (each voter’s share raised by 1 leu at a time until no other voted project fits or the next step would overspend), then by votes',
        },
        add1: {
          ro: 'completare add1 (partea fiecărui votant crește cu câte 1 leu până când niciun alt proiect votat nu mai încape sau pasul următor ar depăși bugetul)',
          en: 'add1 completion (each voter’s share raised by 1 leu at a time until no other voted project fits or the next step would overspend)',
        },
        greedy: { ro: 'completare după voturi cu banii rămași', en: 'completion by votes with the money left' },
        none: { ro: 'fără completare', en: 'no completion' },
      };
      const u = EQUAL_SHARES_UTILITY_TEXT[opts.utility ?? 'cost'];
      return {
        ro: `Metoda părților egale (Method of Equal Shares, equalshares.net; ${u.ro}): bugetul se împarte egal între votanți și fiecare proiect este plătit din părțile susținătorilor lui; ${c[opts.completion].ro}.`,
        en: `Method of Equal Shares (equalshares.net; ${u.en}): the budget is split equally between the voters and each project is paid from its supporters' shares; ${c[opts.completion].en}.`,
      };
    }
    case 'grant_score':
      return {
        ro: `Granturi: după punctajul final, cu minimul de ${formatScore(opts.minScore, 'ro')} puncte, în limita bugetului (un proiect care nu mai încape este sărit).`,
        en: `Grants: by final score, with a minimum of ${formatScore(opts.minScore, 'en')} points, within the budget (a project that no longer fits is skipped).`,
      };
  }
}

export const tieBreakText = (primary: PrimaryKey, tieBreak: readonly TieBreakKey[]) => describeTieBreak(primary, tieBreak);
