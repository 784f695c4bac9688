/**
 * Which `pattern` constraints may run: JavaScript's regular expressions backtrack, so a pattern such as `^(a+)+$`
 * takes exponential time on a 40-character cell that almost matches, and the validator would hang. Instead of a second
 * engine (RE2 is a native module or an unmaintained WASM build), patterns are kept to a subset that V8 runs without
 * catastrophic backtracking, and anything outside it is refused when the schema is read, with the reason:
 *
 * - no backreferences (`\1`, `\k<name>`): matching them is not a regular language at all;
 * - no lookaround (`(?=…)`, `(?!…)`, `(?<=…)`, `(?<!…)`): Table Schema patterns are XML Schema regular expressions,
 *   which have none;
 * - no group repeated more than 10 times (`*`, `+`, `{n,}`, `{n,m}` with m > 10) that contains a variable repetition
 *   (`*`, `+`, `?`, `{n,m}` with n < m) or alternatives (`|`) — the "nested quantifier" shape of every exponential case
 *   (`(a+)+`, `(a|aa)*`, `(\d+,?)+`). Exact counts inside are fine: `(\d{3}\.)+`; so is a group that starts with
 *   a literal its repetitions cannot match (`\p{L}+( \p{L}+)*`: each repetition starts at a space), having one way to
 *   split the cell.
 *
 * What stays possible: polynomial blow-ups of adjacent repetitions (`\d+\d+x` is quadratic in the cell's length);
 * cells are at most 1,000,000 characters, and such patterns are rare in published schemas.
 */

/** The reason a pattern is refused (English, for SchemaError), or null when it may run. */
export function patternRisk(p: string): string | null {
  interface Group {
    start: number;
    variable: boolean;
    alt: boolean;
    /** The group's first atom when it is one literal character matched exactly once (undefined: no atom yet). */
    first?: string | null;
    /** Sources of the atoms repeated a variable number of times directly inside. */
    varAtoms: string[];
    nested: boolean;
  }
  const open = (start: number): Group => ({ start, variable: false, alt: false, varAtoms: [], nested: false });
  const stack: Group[] = [open(0)];
  /** A repeated group that starts with a literal its variable parts cannot match ("( \p{L}+)*") has one way to split a cell. */
  const anchored = (g: Group) =>
    typeof g.first === 'string' &&
    !g.alt &&
    !g.nested &&
    g.varAtoms.every((a) => {
      try {
        return !new RegExp(`^(?:${a})$`, 'u').test(g.first as string);
      } catch {
        return false;
      }
    });
  /** Reads a quantifier at i: its length and bounds, or null. */
  const quantifier = (i: number): { len: number; min: number; max: number } | null => {
    const c = p[i];
    let q: { len: number; min: number; max: number } | null = null;
    if (c === '*') q = { len: 1, min: 0, max: Infinity };
    else if (c === '+') q = { len: 1, min: 1, max: Infinity };
    else if (c === '?') q = { len: 1, min: 0, max: 1 };
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i));
      if (m) q = { len: m[0].length, min: Number(m[1]), max: m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]) };
    }
    if (q && p[i + q.len] === '?') q.len++; // lazy: the same bounds
    return q;
  };
  let i = 0;
  while (i < p.length) {
    const c = p[i];
    const top = stack[stack.length - 1];
    let atomEnd = i + 1;
    if (c === '\\') {
      const n = p[i + 1];
      if (n !== undefined && n >= '1' && n <= '9') return `it uses a backreference (\\${n}), which cannot be checked in linear time`;
      if (n === 'k' && p[i + 2] === '<') return 'it uses a named backreference (\\k<…>), which cannot be checked in linear time';
      atomEnd = i + 2;
      if ((n === 'u' || n === 'p' || n === 'P') && p[i + 2] === '{') atomEnd = p.indexOf('}', i + 2) + 1 || p.length;
    } else if (c === '[') {
      let j = i + 1;
      if (p[j] === '^') j++;
      if (p[j] === ']') j++;
      while (j < p.length && p[j] !== ']') j += p[j] === '\\' ? 2 : 1;
      atomEnd = j + 1;
    } else if (c === '(') {
      if (p.startsWith('(?=', i) || p.startsWith('(?!', i) || p.startsWith('(?<=', i) || p.startsWith('(?<!', i))
        return 'it uses a lookahead or lookbehind ((?=…), (?!…)), which Table Schema patterns (XML Schema regular expressions) do not have';
      if (top.first === undefined) top.first = null;
      top.nested = true;
      stack.push(open(i));
      i++;
      continue;
    } else if (c === ')') {
      const g = stack.length > 1 ? stack.pop()! : open(0);
      const q = quantifier(i + 1);
      const parent = stack[stack.length - 1];
      if (q && q.max > 10 && (g.variable || g.alt) && !anchored(g)) {
        const shown = p.slice(g.start, i + 1 + q.len);
        return `it repeats the group ${JSON.stringify(shown)}, which itself ${g.variable ? 'repeats a variable number of times' : 'has alternatives (|)'}: such a nested repetition can take exponential time on a long cell; rewrite it so that no repeated group contains *, +, ?, {n,m} or |`;
      }
      parent.variable ||= g.variable || (q !== null && q.min < q.max);
      parent.alt ||= g.alt;
      i += 1 + (q?.len ?? 0);
      continue;
    } else if (c === '|') {
      top.alt = true;
      i++;
      continue;
    }
    const q = quantifier(atomEnd);
    const atom = p.slice(i, atomEnd);
    if (top.first === undefined) top.first = (!q || (q.min === 1 && q.max === 1)) && isLiteral(atom) ? (atom.length === 2 ? atom[1] : atom) : null;
    if (q && q.min < q.max) {
      top.variable = true;
      top.varAtoms.push(atom);
    }
    i = atomEnd + (q?.len ?? 0);
  }
  return null;
}

/** One character matched as itself: a plain character, or an escaped punctuation mark (`\.`, `\-`). */
function isLiteral(atom: string): boolean {
  if (atom.length === 1) return !'\\^$.|?*+()[]{}'.includes(atom);
  return atom.length === 2 && atom[0] === '\\' && /[^\p{L}\p{N}]/u.test(atom[1]);
}
