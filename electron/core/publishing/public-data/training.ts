import type { DbOrTx } from '../../../../db/connection';
import * as q from '../../../../db/queries/publishing-site';
import { redact } from './redaction';
import type { TrainingAggregates } from './types';

/** Training as counts only: sessions, hours and distinct people, per programme and per target group (A-marked facts). */
export async function collectTraining(db: DbOrTx): Promise<TrainingAggregates> {
  const { bySession, people, totals } = await q.siteTrainingCounts(db);
  const programmes = new Map<string, TrainingAggregates['byProgramme'][number]>();
  const groups = new Map<string, TrainingAggregates['byTargetGroup'][number]>();
  let sessions = 0;
  let hours = 0;
  for (const s of bySession) {
    const n = Number(s.sessions);
    const h = Number(s.hours ?? 0);
    sessions += n;
    hours += h;
    const prog = programmes.get(s.programme_id) ?? { name: redact(s.programme_name), sessions: 0, hours: 0, participants: 0, completed: 0 };
    prog.sessions += n;
    prog.hours += h;
    programmes.set(s.programme_id, prog);
    const g = groups.get(s.target_group) ?? { targetGroup: s.target_group, sessions: 0, hours: 0, participants: 0, completed: 0 };
    g.sessions += n;
    g.hours += h;
    groups.set(s.target_group, g);
  }
  // Distinct people per (programme, target group), summed per programme and per group.
  const progPeople = new Map<string, { participants: number; completed: number }>();
  const groupPeople = new Map<string, { participants: number; completed: number }>();
  for (const p of people) {
    const a = progPeople.get(p.programme_id) ?? { participants: 0, completed: 0 };
    a.participants += Number(p.participants);
    a.completed += Number(p.completed);
    progPeople.set(p.programme_id, a);
    const b = groupPeople.get(p.target_group) ?? { participants: 0, completed: 0 };
    b.participants += Number(p.participants);
    b.completed += Number(p.completed);
    groupPeople.set(p.target_group, b);
  }
  for (const [id, prog] of programmes) Object.assign(prog, progPeople.get(id) ?? {});
  for (const [g, grp] of groups) Object.assign(grp, groupPeople.get(g) ?? {});
  return {
    sessions,
    hours,
    participants: Number(totals.participants ?? 0),
    completed: Number(totals.completed ?? 0),
    byProgramme: [...programmes.values()],
    byTargetGroup: [...groups.values()].sort((a, b) => (a.targetGroup < b.targetGroup ? -1 : 1)),
  };
}
