/** Compact approval ballots (see `Ballots` in ./types) and tallies. */
import type { Ballots } from './types';

class IntList {
  data = new Int32Array(1024);
  length = 0;
  push(v: number) {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  toArray() {
    return this.data.slice(0, this.length);
  }
}

/**
 * Builds `Ballots` from (voter, project) pairs in any order — e.g. vote rows read back from the database.
 * A repeated pair counts once. Projects are indexed in `projectIds` order (unknown ids get appended).
 */
export class BallotBuilder {
  private readonly projectIndex = new Map<string, number>();
  private readonly projectIds: string[] = [];
  private readonly voterIndex = new Map<string, number>();
  private readonly voterKeys: string[] = [];
  private readonly pairVoter = new IntList();
  private readonly pairProject = new IntList();

  constructor(projectIds: Iterable<string> = []) {
    for (const id of projectIds) this.projectOf(id);
  }

  private projectOf(id: string) {
    let i = this.projectIndex.get(id);
    if (i === undefined) {
      i = this.projectIds.length;
      this.projectIndex.set(id, i);
      this.projectIds.push(id);
    }
    return i;
  }

  add(voter: string, projectId: string): this {
    let v = this.voterIndex.get(voter);
    if (v === undefined) {
      v = this.voterKeys.length;
      this.voterIndex.set(voter, v);
      this.voterKeys.push(voter);
    }
    this.pairVoter.push(v);
    this.pairProject.push(this.projectOf(projectId));
    return this;
  }

  build(): Ballots {
    const n = this.voterKeys.length;
    const counts = new Int32Array(n + 1);
    const pv = this.pairVoter.data;
    const pp = this.pairProject.data;
    const m = this.pairVoter.length;
    for (let i = 0; i < m; i++) counts[pv[i] + 1]++;
    for (let v = 0; v < n; v++) counts[v + 1] += counts[v];
    const fill = counts.slice(0, n);
    const items = new Int32Array(m);
    for (let i = 0; i < m; i++) items[fill[pv[i]]++] = pp[i];
    // drop repeated pairs (ballots are short: a linear scan per voter)
    const offsets = new Int32Array(n + 1);
    let w = 0;
    for (let v = 0; v < n; v++) {
      const start = w;
      for (let j = counts[v]; j < counts[v + 1]; j++) {
        let dup = false;
        for (let q = start; q < w; q++) if (items[q] === items[j]) dup = true;
        if (!dup) items[w++] = items[j];
      }
      offsets[v + 1] = w;
    }
    return { projectIds: [...this.projectIds], voterCount: n, offsets, projects: items.slice(0, w), voterKeys: [...this.voterKeys] };
  }
}

/** Votes per project id (every id of ballots.projectIds present, 0 when none). */
export function tallyBallots(ballots: Ballots): Map<string, number> {
  const counts = new Int32Array(ballots.projectIds.length);
  const items = ballots.projects;
  for (let i = 0; i < items.length; i++) counts[items[i]]++;
  const out = new Map<string, number>();
  ballots.projectIds.forEach((id, i) => out.set(id, counts[i]));
  return out;
}

/** Participation rate in percent (voters / population × 100), or null without a population figure. */
export function participationRate(voters: number, population: number | null | undefined): number | null {
  if (!population || population <= 0) return null;
  return (voters / population) * 100;
}

/** Sets each project's `votes` from a tally (projects absent from it get 0). */
export function withVotes<T extends { id: string; votes: number }>(projects: readonly T[], tally: ReadonlyMap<string, number>): T[] {
  return projects.map((p) => ({ ...p, votes: tally.get(p.id) ?? 0 }));
}
