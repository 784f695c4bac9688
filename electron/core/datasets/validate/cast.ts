/**
 * Table Schema fields compiled to fast cell readers: the raw text → the logical value (or INVALID), and the
 * constraint checks on the logical value, as Table Schema v2 defines them. Dates keep ISO text ("2023-12-31")
 * as their logical value (so they compare and print as ISO), datetimes and times milliseconds.
 */
import type { MessageParams } from '../../../contract/datasets-messages';
import { patternRisk } from './pattern';
import type { FieldConstraints, TableField, TableSchema } from './types';
import { FIELD_TYPES, LIST_ITEM_TYPES } from './types';

export const INVALID: unique symbol = Symbol('invalid');
export type Cast = (s: string) => unknown;

/** A schema that cannot be used (unknown type, bad pattern, key naming no field …). */
export class SchemaError extends Error {
  override name = 'SchemaError';
}

const NUM = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const INT = /^[+-]?\d+$/;
const DATETIME_ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})?$/;
const TIME_ISO = /^(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})?$/;
/** frictionless-py reads a year from exactly four digits (no sign). */
const YEAR = /^\d{4}$/;
const YEARMONTH = /^(\d{4})-(\d{2})$/;

export function keyOf(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return Object.is(v, -0) ? '0' : String(v);
    case 'bigint':
    case 'boolean':
      return String(v);
    default:
      return JSON.stringify(v);
  }
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const daysIn = (y: number, m: number) =>
  m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;

/** Powers of ten a double holds exactly (10^0 … 10^22). */
const EXACT_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * A plain decimal (`[+-]digits[.digits]`, `.5`, `7.`, at most 15 digits in all), read by hand: the digits as one
 * integer below 2^53 divided by an exact power of ten is the correctly rounded value, the same double Number() gives
 * (Clinger's fast path). undefined: not that shape (an exponent, more digits, anything else); the caller reads it.
 */
export function plainDecimal(s: string): number | undefined {
  const n = s.length;
  if (n === 0 || n > 17) return undefined;
  let i = 0;
  let neg = false;
  const c0 = s.charCodeAt(0);
  if (c0 === 45 || c0 === 43) {
    neg = c0 === 45;
    i = 1;
  }
  let m = 0;
  let digits = 0;
  let point = -1;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (point >= 0) return undefined;
      point = i;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) return undefined;
    m = m * 10 + d;
    digits++;
  }
  if (digits === 0 || digits > 15) return undefined;
  const v = point < 0 ? m : m / EXACT_TEN[n - 1 - point];
  return neg ? -v : v;
}
const okDate = (y: number, m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
const tzMinutes = (tz: string | undefined) => {
  if (!tz || tz === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(tz)!;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
};
const frac = (f: string | undefined) => (f ? Math.round(Number(`0${f.startsWith('.') ? f : `.${f}`}`) * 1000) : 0);

interface Parts {
  y?: number;
  m?: number;
  d?: number;
  H?: number;
  M?: number;
  S?: number;
  ms?: number;
  pm?: boolean;
  tz?: string;
}

/** A strptime pattern (`%d.%m.%Y`, `%Y-%m-%d %H:%M`, …) → a reader of its parts. */
export function compileStrptime(fmt: string): (s: string) => Parts | null {
  const groups: string[] = [];
  let re = '';
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (ch !== '%') {
      re += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      continue;
    }
    const d = fmt[++i];
    const map: Record<string, string> = {
      d: '(\\d{1,2})',
      m: '(\\d{1,2})',
      Y: '(\\d{4})',
      y: '(\\d{2})',
      H: '(\\d{1,2})',
      I: '(\\d{1,2})',
      M: '(\\d{1,2})',
      S: '(\\d{1,2})',
      f: '(\\d{1,6})',
      p: '(AM|PM|am|pm)',
      z: '(Z|[+-]\\d{2}:?\\d{2})',
    };
    if (d === '%') re += '%';
    else if (map[d]) {
      re += map[d];
      groups.push(d);
    } else throw new SchemaError(`the date format "${fmt}" uses %${d ?? ''}, which is not supported (use %d %m %Y %y %H %I %M %S %f %p %z)`);
  }
  const rx = new RegExp(`^${re}$`);
  return (s) => {
    const m = rx.exec(s);
    if (!m) return null;
    const p: Parts = {};
    groups.forEach((g, k) => {
      const v = m[k + 1];
      if (g === 'd') p.d = Number(v);
      else if (g === 'm') p.m = Number(v);
      else if (g === 'Y') p.y = Number(v);
      else if (g === 'y') p.y = Number(v) + (Number(v) < 69 ? 2000 : 1900);
      else if (g === 'H' || g === 'I') p.H = Number(v);
      else if (g === 'M') p.M = Number(v);
      else if (g === 'S') p.S = Number(v);
      else if (g === 'f') p.ms = frac(v);
      else if (g === 'p') p.pm = v.toLowerCase() === 'pm';
      else if (g === 'z') p.tz = v;
    });
    if (p.pm !== undefined && p.H !== undefined) {
      if (p.H < 1 || p.H > 12) return null;
      p.H = (p.H % 12) + (p.pm ? 12 : 0);
    }
    return p;
  };
}

const dateFromParts = (p: Parts | null): string | typeof INVALID => {
  if (!p || p.y === undefined || p.m === undefined || p.d === undefined || !okDate(p.y, p.m, p.d)) return INVALID;
  return `${pad(p.y, 4)}-${pad(p.m)}-${pad(p.d)}`;
};
const timeOk = (p: Parts) => (p.H ?? 0) <= 23 && (p.M ?? 0) <= 59 && (p.S ?? 0) <= 59;
const datetimeFromParts = (p: Parts | null): number | typeof INVALID => {
  if (!p || p.y === undefined || p.m === undefined || p.d === undefined || !okDate(p.y, p.m, p.d) || !timeOk(p)) return INVALID;
  return Date.UTC(p.y, p.m - 1, p.d, p.H ?? 0, p.M ?? 0, p.S ?? 0, p.ms ?? 0) - tzMinutes(p.tz) * 60000;
};
const timeFromParts = (p: Parts | null): number | typeof INVALID => {
  if (!p || p.H === undefined || !timeOk(p)) return INVALID;
  return (((p.H ?? 0) * 60 + (p.M ?? 0)) * 60 + (p.S ?? 0)) * 1000 + (p.ms ?? 0) - tzMinutes(p.tz) * 60000;
};

const digits = (s: string, a: number, b: number) => {
  let n = 0;
  for (let i = a; i < b; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
};
/** YYYY-MM-DD, checked by hand (the hot path of most files): the text itself is the logical value. */
const isoDate = (s: string): string | typeof INVALID => {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return INVALID;
  const y = digits(s, 0, 4);
  const m = digits(s, 5, 7);
  const d = digits(s, 8, 10);
  return y >= 0 && m >= 0 && d >= 0 && okDate(y, m, d) ? s : INVALID;
};
const isoDatetime = (s: string) => {
  const m = DATETIME_ISO.exec(s);
  return m ? datetimeFromParts({ y: +m[1], m: +m[2], d: +m[3], H: +m[4], M: +m[5], S: +m[6], ms: frac(m[7]), tz: m[8] }) : INVALID;
};
const isoTime = (s: string) => {
  const m = TIME_ISO.exec(s);
  return m ? timeFromParts({ H: +m[1], M: +m[2], S: +m[3], ms: frac(m[4]), tz: m[5] }) : INVALID;
};

const ANY_DATE = ['%d.%m.%Y', '%d/%m/%Y', '%d-%m-%Y', '%Y/%m/%d', '%Y.%m.%d'].map(compileStrptime);
const ANY_DATETIME = ['%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M', '%d.%m.%Y %H:%M:%S', '%d.%m.%Y %H:%M', '%d/%m/%Y %H:%M:%S', '%d/%m/%Y %H:%M'].map(compileStrptime);
const ANY_TIME = ['%H:%M', '%H:%M:%S', '%I:%M %p', '%I:%M:%S %p'].map(compileStrptime);

const firstOf = <T>(s: string, parsers: Array<(s: string) => Parts | null>, build: (p: Parts | null) => T | typeof INVALID): T | typeof INVALID => {
  for (const p of parsers) {
    const v = build(p(s));
    if (v !== INVALID) return v;
  }
  return INVALID;
};

// ───────────────────────── duration, geopoint, geojson, list (Table Schema v2)

const DURATION =
  /^([+-])?P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;
const DAY_S = 86_400;

/**
 * An ISO 8601 duration (P1Y2M10DT2H30M). Compares (minimum/maximum) by its length in seconds, a year counted as
 * 365.2425 days and a month as a twelfth of that; equal (enum/unique) when the years+months and the rest in seconds
 * are equal, so PT90M = PT1H30M but P1M ≠ P30D, as Python's isodate (frictionless-py) has it.
 */
export class Duration {
  constructor(
    readonly months: number,
    readonly seconds: number,
  ) {}
  valueOf(): number {
    return this.months * ((365.2425 * DAY_S) / 12) + this.seconds;
  }
  toJSON(): string {
    return `${this.months < 0 || (this.months === 0 && this.seconds < 0) ? '-' : ''}P${Math.abs(this.months)}MT${Math.abs(this.seconds)}S`;
  }
}

export function parseDuration(s: string): Duration | null {
  const m = DURATION.exec(s);
  if (!m || s.endsWith('T') || m.slice(2).every((x) => x === undefined)) return null;
  const n = (x: string | undefined) => (x === undefined ? 0 : Number(x.replace(',', '.')));
  const sign = m[1] === '-' ? -1 : 1;
  const months = n(m[2]) * 12 + n(m[3]);
  const seconds = (n(m[4]) * 7 + n(m[5])) * DAY_S + n(m[6]) * 3600 + n(m[7]) * 60 + n(m[8]);
  return new Duration(sign * months || 0, sign * seconds || 0);
}

const NUM_TEXT = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
/** A coordinate as Python's Decimal reads it: a JSON number, or text of a finite number. */
const coord = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : typeof x === 'string' && NUM_TEXT.test(x) ? Number(x) : null);

/** A geopoint's logical value: [lon, lat], lon in −180…180 and lat in −90…90. */
function geopoint(lon: unknown, lat: unknown): [number, number] | typeof INVALID {
  const x = coord(lon);
  const y = coord(lat);
  if (x === null || y === null || x < -180 || x > 180 || y < -90 || y > 90) return INVALID;
  return [x, y];
}

const jsonOf = (s: string): unknown => {
  try {
    return JSON.parse(s);
  } catch {
    return INVALID;
  }
};
const isObj = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

/** RFC 7946 structure (what the GeoJSON JSON Schema frictionless-py validates with checks): types, coordinates nesting and sizes. */
const position = (p: unknown) => Array.isArray(p) && p.length >= 2 && p.every((x) => typeof x === 'number' && Number.isFinite(x));
const positions = (ps: unknown, min: number) => Array.isArray(ps) && ps.length >= min && ps.every(position);
const rings = (rs: unknown) => Array.isArray(rs) && rs.every((r) => positions(r, 4));
const GEOMETRY: Record<string, (c: unknown) => boolean> = {
  Point: position,
  MultiPoint: (c) => positions(c, 0),
  LineString: (c) => positions(c, 2),
  MultiLineString: (c) => Array.isArray(c) && c.every((l) => positions(l, 2)),
  Polygon: rings,
  MultiPolygon: (c) => Array.isArray(c) && c.every(rings),
};
const bbox = (o: Record<string, unknown>) =>
  o.bbox === undefined || (Array.isArray(o.bbox) && o.bbox.length >= 4 && o.bbox.every((x) => typeof x === 'number'));
function isGeometry(g: unknown): boolean {
  if (!isObj(g) || typeof g.type !== 'string' || !bbox(g)) return false;
  if (g.type === 'GeometryCollection') return Array.isArray(g.geometries) && g.geometries.every(isGeometry);
  const ok = GEOMETRY[g.type];
  return !!ok && ok(g.coordinates);
}
const isFeature = (f: unknown) =>
  isObj(f) && f.type === 'Feature' && bbox(f) && (f.geometry === null || isGeometry(f.geometry)) && (f.properties === null || isObj(f.properties));
export function isGeoJson(v: unknown): boolean {
  if (!isObj(v)) return false;
  if (v.type === 'Feature') return isFeature(v);
  if (v.type === 'FeatureCollection') return bbox(v) && Array.isArray(v.features) && v.features.every(isFeature);
  return isGeometry(v);
}
/** TopoJSON: a Topology with an `objects` map and an `arcs` list (the topojson profile's required members). */
export const isTopoJson = (v: unknown) => isObj(v) && v.type === 'Topology' && isObj(v.objects) && Array.isArray(v.arcs) && bbox(v);

const GEOPOINT_FORMATS = ['default', 'array', 'object'];

const stripFormat = (f: string | undefined) => (f && f.startsWith('fmt:') ? f.slice(4) : f);

/** Removes what is not part of a number at both ends ("1.234 lei", "12 %", "€ 5"). */
const stripNonNumeric = (s: string) => s.replace(/^[^\d+\-.,]+|[^\d.,]+$/g, '');

/** The reader of one field's cells. */
export function compileCast(f: TableField): Cast {
  const type = f.type ?? 'any';
  const format = stripFormat(f.format) ?? 'default';
  const bare = f.bareNumber !== false;
  switch (type) {
    case 'string': {
      const rx =
        format === 'email'
          ? /^[^@\s]+@[^@\s]+\.[^@\s]+$/
          : format === 'uri'
            ? /^[A-Za-z][A-Za-z0-9+.-]*:\S*$/
            : format === 'uuid'
              ? /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
              : format === 'binary'
                ? /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/
                : null;
      return rx ? (s) => (rx.test(s) ? s : INVALID) : (s) => s;
    }
    case 'integer': {
      const group = f.groupChar;
      return (s) => {
        let t = s;
        if (bare && !group && t.length > 0 && t.length < 16) {
          // plain digits, by hand
          let i = 0;
          let neg = false;
          const c0 = t.charCodeAt(0);
          if (c0 === 45 || c0 === 43) {
            neg = c0 === 45;
            i = 1;
            if (t.length === 1) return INVALID;
          }
          let n = 0;
          for (; i < t.length; i++) {
            const d = t.charCodeAt(i) - 48;
            if (d < 0 || d > 9) return INVALID;
            n = n * 10 + d;
          }
          return neg ? -n : n;
        }
        if (!bare) t = stripNonNumeric(t);
        if (group && t.includes(group)) t = t.split(group).join('');
        if (!INT.test(t)) return INVALID;
        if (t.length > 15) {
          const b = BigInt(t);
          return b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
        }
        return Number(t);
      };
    }
    case 'number': {
      const dec = f.decimalChar ?? '.';
      const group = f.groupChar;
      if (dec.length !== 1) throw new SchemaError(`field "${f.name}": decimalChar must be one character`);
      const plain = bare && !group && dec === '.';
      return (s) => {
        if (plain) {
          const v = plainDecimal(s);
          if (v !== undefined) return v;
        }
        let t = s;
        if (!bare) t = stripNonNumeric(t);
        if (group && t.includes(group)) t = t.split(group).join('');
        if (dec !== '.') {
          if (t.includes('.')) return INVALID;
          t = t.replace(dec, '.');
        }
        if (NUM.test(t)) return Number(t);
        if (t === 'NaN' || t === 'nan') return NaN;
        if (t === 'INF' || t === 'Infinity' || t === 'inf') return Infinity;
        if (t === '-INF' || t === '-Infinity' || t === '-inf') return -Infinity;
        return INVALID;
      };
    }
    case 'boolean': {
      const t = new Set(f.trueValues ?? ['true', 'True', 'TRUE', '1']);
      const fa = new Set(f.falseValues ?? ['false', 'False', 'FALSE', '0']);
      return (s) => (t.has(s) ? true : fa.has(s) ? false : INVALID);
    }
    case 'date': {
      if (format === 'default') return isoDate;
      if (format === 'any') return (s) => (isoDate(s) !== INVALID ? isoDate(s) : firstOf(s, ANY_DATE, dateFromParts));
      const p = compileStrptime(format);
      return (s) => dateFromParts(p(s));
    }
    case 'datetime': {
      if (format === 'default') return isoDatetime;
      if (format === 'any')
        return (s) => {
          const v = isoDatetime(s);
          if (v !== INVALID) return v;
          const w = firstOf(s, ANY_DATETIME, datetimeFromParts);
          if (w !== INVALID) return w;
          const d = isoDate(s);
          return d === INVALID ? INVALID : Date.parse(`${d}T00:00:00Z`);
        };
      const p = compileStrptime(format);
      return (s) => datetimeFromParts(p(s));
    }
    case 'time': {
      if (format === 'default') return isoTime;
      if (format === 'any') return (s) => (isoTime(s) !== INVALID ? isoTime(s) : firstOf(s, ANY_TIME, timeFromParts));
      const p = compileStrptime(format);
      return (s) => timeFromParts(p(s));
    }
    case 'year':
      return (s) => (YEAR.test(s) ? Number(s) : INVALID);
    case 'yearmonth':
      return (s) => {
        const m = YEARMONTH.exec(s);
        return m && +m[2] >= 1 && +m[2] <= 12 ? s : INVALID;
      };
    case 'duration':
      return (s) => parseDuration(s) ?? INVALID;
    case 'geopoint': {
      if (!GEOPOINT_FORMATS.includes(format))
        throw new SchemaError(`field "${f.name}": geopoint format "${format}" is not supported (use default, array or object)`);
      if (format === 'default')
        return (s) => {
          const parts = s.split(',');
          return parts.length === 2 ? geopoint(parts[0].trim(), parts[1].trim()) : INVALID;
        };
      if (format === 'array')
        return (s) => {
          const v = jsonOf(s);
          return Array.isArray(v) && v.length === 2 ? geopoint(v[0], v[1]) : INVALID;
        };
      return (s) => {
        const v = jsonOf(s);
        return isObj(v) && Object.keys(v).length === 2 && 'lon' in v && 'lat' in v ? geopoint(v.lon, v.lat) : INVALID;
      };
    }
    case 'geojson': {
      if (format !== 'default' && format !== 'topojson')
        throw new SchemaError(`field "${f.name}": geojson format "${format}" is not supported (use default or topojson)`);
      const ok = format === 'topojson' ? isTopoJson : isGeoJson;
      return (s) => {
        const v = jsonOf(s);
        return v !== INVALID && ok(v) ? v : INVALID;
      };
    }
    case 'list': {
      const delimiter = f.delimiter ?? ',';
      if (!delimiter) throw new SchemaError(`field "${f.name}": a list needs a delimiter`);
      const itemType = f.itemType ?? 'string';
      if (!LIST_ITEM_TYPES.includes(itemType))
        throw new SchemaError(`field "${f.name}": list itemType "${String(itemType)}" is not supported (use ${LIST_ITEM_TYPES.join(', ')})`);
      if (itemType === 'string') return (s) => s.split(delimiter);
      const item = compileCast({ name: f.name, type: itemType });
      return (s) => {
        const parts = s.split(delimiter);
        const out: unknown[] = new Array(parts.length);
        for (let k = 0; k < parts.length; k++) {
          const v = item(parts[k].trim());
          if (v === INVALID) return INVALID;
          out[k] = v;
        }
        return out;
      };
    }
    case 'object':
    case 'array':
      return (s) => {
        try {
          const v = JSON.parse(s);
          if (type === 'array' ? Array.isArray(v) : v !== null && typeof v === 'object' && !Array.isArray(v)) return v;
        } catch {
          /* not JSON */
        }
        return INVALID;
      };
    case 'any':
      return (s) => s;
    default:
      throw new SchemaError(`field "${f.name}": type "${String(type)}" is not supported (use ${FIELD_TYPES.join(', ')})`);
  }
}

/** A constraint check: the note ("constraint \"minimum\" is \"1\"") when the logical value breaks it, else null. */
export type Check = ((v: unknown, raw: string) => string | null) & { params?: MessageParams };

/** −1, 0, 1, or NaN when the two cannot be ordered (NaN: frictionless flags it against any bound). */
const cmp = (a: unknown, b: unknown) => (Number.isNaN(a) ? NaN : (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0);

/** The constraint checks of a field except `required` and `unique` (the validator keeps those). */
export function compileChecks(f: TableField, cast: Cast): Check[] {
  const c: FieldConstraints = f.constraints ?? {};
  const checks: Check[] = [];
  const note = (name: string, value: unknown) => `constraint "${name}" is "${Array.isArray(value) ? value.join(',') : String(value)}"`;
  // each check carries its constraint and value for the catalogue text (contract/datasets-messages.ts)
  const push = (constraint: string, value: unknown, check: (v: unknown, raw: string) => string | null) =>
    checks.push(Object.assign(check, { params: { constraint, value } }));
  const bound = (name: keyof FieldConstraints): unknown => {
    const b = c[name];
    if (b === undefined) return undefined;
    if (typeof b === 'string') {
      let v = cast(b);
      if (v === INVALID && f.type === 'date') v = isoDate(b);
      if (v === INVALID && f.type === 'datetime') v = isoDatetime(b);
      if (v === INVALID) throw new SchemaError(`field "${f.name}": ${name} "${b}" is not a valid ${f.type ?? 'value'}`);
      return v;
    }
    return b;
  };
  if (c.minLength !== undefined || c.maxLength !== undefined) {
    const len = (v: unknown) =>
      typeof v === 'string' ? v.length : Array.isArray(v) ? v.length : v && typeof v === 'object' ? Object.keys(v).length : String(v).length;
    if (c.minLength !== undefined) push('minLength', c.minLength, (v) => (len(v) < c.minLength! ? note('minLength', c.minLength) : null));
    if (c.maxLength !== undefined) push('maxLength', c.maxLength, (v) => (len(v) > c.maxLength! ? note('maxLength', c.maxLength) : null));
  }
  for (const [name, bad] of [
    ['minimum', (r: number) => !(r >= 0)],
    ['maximum', (r: number) => !(r <= 0)],
    ['exclusiveMinimum', (r: number) => !(r > 0)],
    ['exclusiveMaximum', (r: number) => !(r < 0)],
  ] as const) {
    const b = bound(name);
    if (b !== undefined) push(name, c[name], (v) => (bad(cmp(v, b)) ? note(name, c[name]) : null));
  }
  if (c.pattern !== undefined) {
    // refused before it can hang the validator on one long cell (pattern.ts)
    const risk = typeof c.pattern === 'string' ? patternRisk(c.pattern) : null;
    if (risk) throw new SchemaError(`field "${f.name}": the pattern "${c.pattern}" is refused: ${risk}`);
    let rx: RegExp;
    try {
      rx = new RegExp(`^(?:${c.pattern})$`, 'u');
    } catch (e) {
      throw new SchemaError(`field "${f.name}": pattern "${c.pattern}" is not a valid regular expression (${(e as Error).message})`);
    }
    push('pattern', c.pattern, (_v, raw) => (rx.test(raw) ? null : note('pattern', c.pattern)));
  }
  if (c.enum !== undefined) {
    if (!Array.isArray(c.enum)) throw new SchemaError(`field "${f.name}": enum must be a list`);
    const allowed = new Set(
      c.enum.map((e) => {
        const v = typeof e === 'string' ? cast(e) : e;
        return keyOf(v === INVALID ? e : v);
      }),
    );
    push('enum', c.enum, (v) => (allowed.has(keyOf(v)) ? null : note('enum', c.enum)));
  }
  return checks;
}

export interface CompiledField {
  name: string;
  /** 0-based position in the schema. */
  index: number;
  field: TableField;
  cast: Cast;
  checks: Check[];
  missing: Set<string>;
  /** The missing values are exactly [""] (the default): a cheaper test. */
  emptyIsMissing: boolean;
  required: boolean;
  unique: boolean;
  /** `integer/default` — for type-error notes. */
  typeNote: string;
  /** { type, format } — the catalogue parameters of a type-error. */
  typeParams: MessageParams;
}

export interface CompiledSchema {
  fields: CompiledField[];
  byName: Map<string, CompiledField>;
  primaryKey: number[];
  uniqueKeys: number[][];
  foreignKeys: Array<{ local: number[]; resource: string; refFields: string[] }>;
  fieldsMatch: NonNullable<TableSchema['fieldsMatch']>;
}

const list = (x: string | string[] | undefined) => (x === undefined ? [] : Array.isArray(x) ? x : [x]);
export const missingOf = (mv: TableSchema['missingValues']) => (mv ?? ['']).map((m) => (typeof m === 'string' ? m : m.value));

export function compileSchema(schema: TableSchema): CompiledSchema {
  if (!schema || !Array.isArray(schema.fields)) throw new SchemaError('the schema has no "fields" list');
  const schemaMissing = missingOf(schema.missingValues);
  const byName = new Map<string, CompiledField>();
  const pk = list(schema.primaryKey);
  const fields = schema.fields.map((f, index): CompiledField => {
    if (!f || typeof f.name !== 'string' || !f.name) throw new SchemaError(`field ${index + 1} has no name`);
    const cast = compileCast(f);
    const cf: CompiledField = {
      name: f.name,
      index,
      field: f,
      cast,
      checks: compileChecks(f, cast),
      missing: new Set(f.missingValues ?? schemaMissing),
      emptyIsMissing: false,
      // not implied by the primary key (frictionless checks an empty key cell as a primary-key error, not as required)
      required: f.constraints?.required === true,
      unique: f.constraints?.unique === true,
      typeNote: `${f.type ?? 'any'}/${stripFormat(f.format) ?? 'default'}`,
      typeParams: { type: f.type ?? 'any', format: stripFormat(f.format) ?? 'default' },
    };
    cf.emptyIsMissing = cf.missing.size === 1 && cf.missing.has('');
    if (byName.has(f.name)) throw new SchemaError(`two fields are named "${f.name}"`);
    byName.set(f.name, cf);
    return cf;
  });
  const idx = (names: string[], what: string) =>
    names.map((n) => {
      const f = byName.get(n);
      if (!f) throw new SchemaError(`${what} names "${n}", which is not a field`);
      return f.index;
    });
  return {
    fields,
    byName,
    primaryKey: idx(pk, 'primaryKey'),
    uniqueKeys: (schema.uniqueKeys ?? []).map((k) => idx(list(k), 'uniqueKeys')),
    foreignKeys: (schema.foreignKeys ?? []).map((fk) => {
      const local = idx(list(fk.fields), 'foreignKeys');
      const refFields = list(fk.reference?.fields);
      if (refFields.length !== local.length) throw new SchemaError('a foreign key must name as many reference fields as local fields');
      return { local, resource: fk.reference?.resource ?? '', refFields };
    }),
    fieldsMatch: schema.fieldsMatch ?? 'exact',
  };
}

/** Casts a row of cells with a compiled schema (cells by schema position): values (null when missing), and which cells failed. */
export function castRow(schema: CompiledSchema, cells: string[]): { values: unknown[]; invalid: number[] } {
  const values: unknown[] = [];
  const invalid: number[] = [];
  for (const f of schema.fields) {
    const raw = cells[f.index];
    if (raw === undefined || f.missing.has(raw)) {
      values.push(null);
      continue;
    }
    const v = f.cast(raw);
    if (v === INVALID) {
      invalid.push(f.index);
      values.push(raw);
    } else values.push(v);
  }
  return { values, invalid };
}
