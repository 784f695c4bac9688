import type { DbOrTx } from '../../../db/connection';
import * as q from '../../../db/queries/budgeting';
import type { CampaignResults, IndicatorRecord } from '../../contract';
import type { IndicatorSource } from '../plan/sources';
import { parseJson } from '../util';

/** Indicators the budgeting records answer (set on I2.7, I1.7 and I2.6 by migration 0008). */
export const BUDGETING_PARTICIPATION = 'budgeting.participation';
export const BUDGETING_PROJECTS_IMPLEMENTED = 'budgeting.projects_implemented';
export const BUDGETING_COMMUNITY_PROJECTS_FUNDED = 'budgeting.community_projects_funded';

const round2 = (n: number) => Math.round(n * 100) / 100;

export const budgetingIndicatorSources: Record<string, IndicatorSource> = {
  [BUDGETING_PROJECTS_IMPLEMENTED]: {
    rule:
      'Proiectele propuse și votate de cetățeni care au câștigat și au fost implementate: înregistrările de implementare ale campaniilor ' +
      'de buget participativ cu starea „finalizat”. Se numără doar câștigătorii (o înregistrare de implementare se deschide numai pentru ' +
      'un proiect câștigător); proiectele, propunerile și campaniile șterse, ca și granturile, nu se numără.',
    async compute(db: DbOrTx) {
      const done = (await q.projectsOfKind(db, 'pb'))
        .filter((p) => p.status === 'completed')
        .sort((a, b) => ((a.completed_on ?? '') < (b.completed_on ?? '') ? -1 : 1));
      const records: IndicatorRecord[] = done.map((p) => ({
        kind: 'budgeting_project',
        id: p.id,
        label: `${p.code} — ${p.title} · ${p.campaign_name}${p.edition ? ` (${p.edition})` : ''}`,
        date: p.completed_on,
      }));
      const date = done.reduce<string | null>((d, p) => (p.completed_on && (!d || p.completed_on > d) ? p.completed_on : d), null);
      return { value: records.length, date, records };
    },
  },
  [BUDGETING_PARTICIPATION]: {
    rule:
      'Votanții distincți ai celei mai recente campanii de buget participativ care are voturi înregistrate (voturi importate de pe platformă ' +
      'și buletine pe hârtie reconciliate); indicatorul îi raportează la populația orașului (numitorul lui). ' +
      'Campaniile șterse și apelurile de granturi nu se numără.',
    async compute(db: DbOrTx) {
      const rows = (await q.participationByCampaign(db)).filter((c) => c.voters > 0).sort((a, b) => (a.created_at < b.created_at ? 1 : -1));
      const c = rows[0];
      if (!c) return { value: 0, date: null, records: [] };
      const share = c.population ? ` / ${c.population} locuitori (${round2((100 * c.voters) / c.population)} %)` : '';
      const records: IndicatorRecord[] = [
        {
          kind: 'budgeting_campaign',
          id: c.id,
          label: `${c.name}${c.edition ? ` (${c.edition})` : ''}: ${c.voters} votanți${share}`,
          date: c.created_at.slice(0, 10),
        },
      ];
      // I2.7 is a ratio: the value is its numerator (people), the indicator's denominator is the city's population.
      return { value: c.voters, date: c.created_at.slice(0, 10), records };
    },
  },
  [BUDGETING_COMMUNITY_PROJECTS_FUNDED]: {
    rule:
      'Proiectele din comunitate finanțate în anul curent: câștigătorii apelurilor de granturi (după punctaj, în limita bugetului) ' +
      'din ultimul rezultat calculat al fiecărui apel, calculat în acest an. Apelurile șterse nu se numără.',
    async compute(db: DbOrTx, today: string) {
      const year = today.slice(0, 4);
      const records: IndicatorRecord[] = [];
      let date: string | null = null;
      for (const c of await q.listCampaigns(db, {})) {
        if (c.kind !== 'grant') continue;
        const r = await q.latestResult(db, c.id);
        if (!r || !r.computed_at.startsWith(year)) continue;
        const res = parseJson<CampaignResults | null>(r.result, null);
        for (const p of res?.projects ?? [])
          if (p.won)
            records.push({ kind: 'budgeting_proposal', id: p.proposalId, label: `${p.code} — ${p.title} · ${c.name}`, date: r.computed_at.slice(0, 10) });
        if (!date || r.computed_at.slice(0, 10) > date) date = r.computed_at.slice(0, 10);
      }
      return { value: records.length, date: records.length ? date : null, records };
    },
  },
};
