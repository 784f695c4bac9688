import fs from 'node:fs';
import path from 'node:path';
import {
  inferSchema,
  missingReferences,
  readDescriptorFile,
  readDialectFile,
  SchemaError,
  DEFAULT_INFER_SAMPLE,
  schemaToJson,
  SourceFailure,
  USER_ENCODINGS,
  DEFAULT_SAMPLE_ROWS,
  validateWithInference,
  type Descriptor,
  type Dialect,
  type EncodingName,
  type Report,
} from '../core/datasets/validate';
import { datasetMessage, errorCodeName, validationText } from '../contract/datasets-messages';
import type { Command } from './shared';
import { requireOpt, UsageError } from './usage';

/** Dataset files checked without a database: validate against a Table Schema, infer a draft schema. */

const ro = (n: number, d = 0) => n.toLocaleString('ro-RO', { minimumFractionDigits: d, maximumFractionDigits: d });
const size = (b: number) => (b >= 1024 * 1024 ? `${ro(b / 1024 / 1024, 1)} MB` : b >= 1024 ? `${ro(b / 1024, 1)} KB` : `${b} B`);
const KIND = { cnp: 'CNP', email: 'e-mail', phone: 'telefon', iban: 'IBAN' } as const;
const CONFIDENCE = { high: 'sigură', medium: 'probabilă', low: 'nesigură', ambiguous: 'ambiguă — confirmați' } as const;

function encodingOpt(v: Record<string, unknown>): 'auto' | EncodingName {
  const e = (v.encoding as string | undefined) ?? 'auto';
  if (e !== 'auto' && !(USER_ENCODINGS as readonly string[]).includes(e))
    throw new UsageError(`--encoding must be auto or one of ${USER_ENCODINGS.join(', ')}`);
  return e as 'auto' | EncodingName;
}

function fileOpt(v: Record<string, unknown>): string {
  return path.resolve(requireOpt(v, 'file'));
}

function intOpt(v: Record<string, unknown>, name: string, def: number): number {
  const x = v[name];
  if (x === undefined) return def;
  const n = Number(x);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number`);
  return n;
}

/** Optional checks beside the baseline, by frictionless' names. */
const CHECKS = ['duplicate-row'] as const;

function checksOpt(v: Record<string, unknown>): Set<string> {
  const raw = v.check;
  const list = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
    .flatMap((x) => String(x).split(','))
    .map((x) => x.trim())
    .filter(Boolean);
  for (const c of list)
    if (!(CHECKS as readonly string[]).includes(c)) throw new UsageError(`--check ${c} is not a check; the optional checks are: ${CHECKS.join(', ')}`);
  return new Set(list);
}

/** `--dialect FILE` (a Table Dialect JSON), else the package's dialect; --delimiter wins over both. */
function dialectOpt(v: Record<string, unknown>, fromPackage: Dialect | undefined): Dialect | undefined {
  if (v.dialect === undefined) return fromPackage;
  const file = path.resolve(requireOpt(v, 'dialect'));
  if (!fs.existsSync(file)) throw new UsageError(`dialect file not found: ${file}`);
  try {
    return { ...fromPackage, ...readDialectFile(file) };
  } catch (e) {
    if (e instanceof SchemaError) throw new UsageError(`--dialect: ${e.message}`);
    throw e;
  }
}

/** The report for people: Romanian first, one line per listed error. */
export function humanReport(r: Report, file: string): string[] {
  const out: string[] = [];
  const s = r.stats;
  out.push(
    `Fișier: ${path.basename(file)}${r.source.sheet ? ` (foaia „${r.source.sheet}”)` : ''} — ${s.format.toUpperCase()}, ${size(s.bytes)}, ${ro(s.rows)} rânduri, ${s.fields} câmpuri`,
  );
  if (r.encoding) {
    const why = r.encoding.why ? datasetMessage('ro', r.encoding.why.key, r.encoding.why.params, r.encoding.reason) : r.encoding.reason;
    out.push(`Codare: ${r.encoding.encoding}${r.encoding.method === 'user' ? '' : ` (${CONFIDENCE[r.encoding.confidence]})`} — ${why}`);
    for (const c of r.encoding.candidates)
      out.push(
        `  ${c.encoding.padEnd(13)} scor ${String(c.score).padStart(6)}: ${c.romanian} litere românești, ${c.cedilla} cu sedilă (ş ţ), ${c.punctuation} semne, ${c.suspicious} caractere improbabile`,
      );
  }
  if (s.delimiter) out.push(`Separator: ${s.delimiter === '\t' ? 'TAB' : `"${s.delimiter}"`}`);
  // the header is not the first row (found below a title or comment line, or named by the dialect), or there is none
  const hr = r.headerRows;
  if (hr && (hr.length !== 1 || hr[0] !== 1))
    out.push(
      hr.length
        ? `Antet: ${hr.length === 1 ? `rândul ${hr[0]}` : `rândurile ${hr.join(', ')}`}${hr[0] > 1 ? ' (ce este deasupra lui nu se validează)' : ''}`
        : 'Antet: niciunul (coloanele sunt field1, field2 …)',
    );
  if (r.inferred && r.schema) {
    const shown = r.schema.fields
      .slice(0, 30)
      .map(
        (f) => `${f.name} ${f.type ?? 'any'}${f.format ? ` ${f.format}` : ''}${f.decimalChar && f.decimalChar !== '.' ? ` zecimale "${f.decimalChar}"` : ''}`,
      );
    const more = r.schema.fields.length > 30 ? `, … încă ${r.schema.fields.length - 30}` : '';
    out.push(
      `Schemă: dedusă din primele ${ro(r.sampleRows ?? DEFAULT_SAMPLE_ROWS)} rânduri (nu s-a dat --schema), toate rândurile verificate după ea — ${shown.join(', ')}${more}`,
    );
  }
  // the share of each column's cells that read as a number, a date or true/false (validation without a schema)
  const mixed = (r.columns ?? []).filter((c) => c.type === 'string' && c.cells > 0 && (c.fits.number > 0 || c.fits.date > 0 || c.fits.boolean > 0));
  if (mixed.length) {
    const pct = (x: number) => `${Math.floor(x * 100)} %`;
    const kinds = (c: (typeof mixed)[number]) =>
      [
        c.fits.number > 0 ? `${pct(c.fits.number)} numere` : null,
        c.fits.date > 0 ? `${pct(c.fits.date)} date` : null,
        c.fits.boolean > 0 ? `${pct(c.fits.boolean)} true/false` : null,
      ]
        .filter(Boolean)
        .join(', ');
    out.push(`Coloane de text cu valori de alt tip: ${mixed.map((c) => `«${c.fieldName}» ${kinds(c)}`).join('; ')}`);
  }
  const warnings = r.warnings ?? [];
  const errCount = (n: number) => (n === 1 ? '1 eroare' : `${ro(n)} ${n % 100 === 0 || n % 100 >= 20 ? 'de ' : ''}erori`);
  if (r.valid)
    out.push(
      `Rezultat: VALID${warnings.length ? `, ${datasetMessage('ro', 'verdict.with-warnings', { n: warnings.length })}` : ' — nicio eroare'} (${ro(s.seconds, 2)} s)`,
    );
  else {
    const byCode = Object.entries(r.errorCounts)
      .map(([k, n]) => `${errorCodeName('ro', k)} ${ro(n)}`)
      .join(', ');
    out.push(`Rezultat: INVALID — ${errCount(s.errors)}: ${byCode} (${ro(s.seconds, 2)} s)`);
    for (const e of r.errors) out.push(`  ${errorCodeName('ro', e.type)}: ${validationText('ro', e)}`);
    if (r.errorsTruncated) out.push(`  … încă ${errCount(s.errors - r.errors.length)} nelistate (vedeți --error-cap)`);
  }
  if (warnings.length) {
    out.push(`Avertismente de verificat (${ro(warnings.length)}):`);
    for (const w of warnings) out.push(`  ${datasetMessage('ro', `warning.${w.code}`, w.params, w.message)}`);
  }
  if (r.personalData.total) {
    const n = r.personalData.total;
    out.push(
      `Date personale posibile (${n === 1 ? '1 celulă' : `${ro(n)} ${n % 100 === 0 || n % 100 >= 20 ? 'de ' : ''}celule`}) — verificați înainte de publicare:`,
    );
    for (const c of r.personalData.columns)
      out.push(
        `  câmpul „${c.fieldName}”: ${Object.entries(c.counts)
          .map(([k, n]) => `${ro(n ?? 0)} ${KIND[k as keyof typeof KIND]}`)
          .join(', ')} (${ro(c.share * 100)}% din celulele completate)`,
      );
  }
  return out;
}

export const datasetsCommands: Record<string, Command> = {
  'datasets validate': {
    usage:
      'pla-desk datasets validate --file FILE [--schema schema.json] [--dialect dialect.json] [--check duplicate-row] [--encoding auto|utf-8|windows-1250|iso-8859-2|iso-8859-16] [--json]',
    summary: 'check a CSV or XLSX file against a Table Schema (Frictionless error codes); no database needed',
    options: {
      file: { type: 'string' },
      schema: { type: 'string' },
      encoding: { type: 'string' },
      json: { type: 'boolean' },
      'error-cap': { type: 'string' },
      delimiter: { type: 'string' },
      sheet: { type: 'string' },
      'sample-rows': { type: 'string' },
      dialect: { type: 'string' },
      check: { type: 'string', multiple: true },
    },
    help: [
      '  --file FILE        the CSV (comma, semicolon or tab) or .xlsx file',
      '  --schema FILE      a Table Schema JSON, a datapackage.json (its other resources serve as foreign-key tables) or a resource JSON;',
      `                     without it a schema is inferred from the first ${DEFAULT_SAMPLE_ROWS} records, the header among them (as frictionless`,
      '                     does), and every row is validated against it; the report says so ("inferred": true and the "schema" in --json)',
      `  --sample-rows N    records the schema is inferred from when there is no --schema (default ${DEFAULT_SAMPLE_ROWS})`,
      '  --dialect FILE     a Table Dialect JSON: header (false: no header row), headerRows [2] or [2,3] (joined with headerJoin,',
      '                     default " "), commentChar "#", commentRows [1], delimiter, quoteChar, doubleQuote, escapeChar,',
      "                     skipInitialSpace; it overrides the package's dialect property by property. Without header/headerRows the",
      '                     header is the first of the first 100 records whose width is near the average (a title or comment line',
      '                     above it is skipped, as frictionless does); labels are stripped of spaces; a blank label names its field',
      '                     field3, a repeated one name2. Spaces after the delimiter are dropped when every delimiter of the first line',
      "                     has one (Python's csv.Sniffer rule).",
      '  --check duplicate-row  also report rows repeating an earlier row (off by default, as in frictionless)',
      `  --encoding E       auto (default: UTF-8, else a Romanian-aware guess shown with its evidence) or ${USER_ENCODINGS.join(', ')}`,
      '  --delimiter C      the CSV delimiter (default: detected)',
      '  --sheet NAME       the workbook sheet (default: the first)',
      '  --error-cap N      list at most N errors (default 1000; all are counted)',
      '  --json             print the report as one JSON object {valid, stats, errors:[{type,rowNumber,fieldName,cell,message,key,params}],',
      '                     warnings:[{code,fieldName,params,message}], columns, inferred, schema, …}',
      'Without --schema every column is also profiled over every row (the share of its cells that read as a number, a date or',
      'true/false; "columns" in --json) and these are WARNINGS to review, printed under the verdict ("valid, with N warnings"):',
      '  mostly-number / mostly-date / mostly-boolean  ≥ 80 % of the cells are that kind but the column is text: the rows of the others',
      '  mixed-decimal      numbers written with a decimal comma (1.234,56) AND with a decimal point (1234.56) in one column;',
      '                     a column that uses the decimal comma throughout is a number with decimalChar "," — no warning',
      '  mixed-date-format  dates in two or more formats (2024-03-01, 01.03.2024, 01/03/2024, with or without a time);',
      '                     one non-ISO format throughout is a date with that format — no warning',
      '  Codes with leading zeros (007, postcodes) are text and never a number warning. Warnings never change "valid" or the exit code.',
      'Human output is Romanian; --json keeps the frictionless codes and English messages, with key + params for other languages.',
      'As frictionless: a primary-key cell that is empty or invalid (or a composite key all empty) is a primary-key error, key',
      'fields are not implicitly required; primary- and foreign-key errors are row errors (no fieldNumber); a required cell',
      'missing from a short row is both missing-cell and constraint-error; NaN breaks minimum/maximum.',
      'A schema is refused (exit 2, before any row is read) when it is not UTF-8 (the encoding it looks like is named), nests JSON',
      'more than 64 levels, has a foreign key to a resource the package does not supply, or a pattern that could backtrack',
      'exponentially: no backreferences, no lookaround, no repeated group holding *, +, ?, {n,m} or | (e.g. "^(a+)+$").',
      'Exit code: 0 valid (warnings or not), 1 the data has errors, 2 the file or the schema cannot be used, or the arguments are wrong.',
    ].join('\n'),
    async run(v) {
      const file = fileOpt(v);
      const encoding = encodingOpt(v);
      const errorCap = intOpt(v, 'error-cap', 1000);
      const sampleRows = intOpt(v, 'sample-rows', DEFAULT_SAMPLE_ROWS);
      if (sampleRows < 1) throw new UsageError('--sample-rows must be at least 1');
      if (v['sample-rows'] !== undefined && v.schema !== undefined) throw new UsageError('--sample-rows is for inferring a schema; it cannot go with --schema');
      const checks = checksOpt(v);
      const delimiter = v.delimiter as string | undefined;
      if (delimiter !== undefined && [...delimiter.replace('\\t', '\t')].length !== 1) throw new UsageError('--delimiter must be one character (or \\t)');
      let descriptor: Descriptor | null = null;
      if (v.schema !== undefined) {
        const schemaFile = path.resolve(requireOpt(v, 'schema'));
        if (!fs.existsSync(schemaFile)) throw new UsageError(`schema file not found: ${schemaFile}`);
        try {
          descriptor = readDescriptorFile(schemaFile, file);
        } catch (e) {
          if (e instanceof SchemaError) throw new UsageError(`--schema: ${e.message}`);
          throw e;
        }
        const missing = missingReferences(descriptor);
        if (missing.length) throw new UsageError(`--schema: ${missing.join('; ')}`);
      }
      const dialect = dialectOpt(v, descriptor?.dialect);
      let report: Report;
      try {
        report = await validateWithInference(file, {
          sampleRows,
          schema: descriptor?.schema,
          references: descriptor?.references,
          encoding: encoding === 'auto' && descriptor?.encoding ? descriptor.encoding : encoding,
          delimiter: delimiter?.replace('\\t', '\t') ?? dialect?.delimiter,
          dialect,
          duplicateRows: checks.has('duplicate-row'),
          errorCap,
          sheet: v.sheet as string | undefined,
        });
      } catch (e) {
        if (e instanceof SchemaError) throw new UsageError(`--schema: ${e.message}`);
        if (e instanceof SourceFailure) {
          console.error(`pla-desk datasets validate: ${e.ref ? datasetMessage('ro', e.ref.key, e.ref.params, e.message) : e.message}`);
          return 2;
        }
        throw e;
      }
      if (v.json) console.log(JSON.stringify(report));
      else if (report.fatal)
        console.error(`pla-desk datasets validate: fișierul nu poate fi citit: ${report.errors[0] ? validationText('ro', report.errors[0]) : ''}`);
      else for (const line of humanReport(report, file)) console.log(line);
      return report.fatal ? 2 : report.valid ? 0 : 1;
    },
  },
  'datasets infer': {
    usage: 'pla-desk datasets infer --file FILE [--sample-rows N] [--dialect dialect.json] [--encoding E]',
    summary: 'print a draft Table Schema (JSON) inferred from the first rows of a CSV or XLSX file',
    options: {
      file: { type: 'string' },
      'sample-rows': { type: 'string' },
      encoding: { type: 'string' },
      delimiter: { type: 'string' },
      sheet: { type: 'string' },
      dialect: { type: 'string' },
    },
    help: [
      '  --file FILE        the CSV or .xlsx file',
      `  --sample-rows N    records read to decide the types, the header among them (default ${DEFAULT_INFER_SAMPLE}, frictionless' sample size)`,
      '  --dialect FILE     a Table Dialect JSON (header, headerRows, commentChar, delimiter, quoteChar … as for validate)',
      `  --encoding E       auto (default) or ${USER_ENCODINGS.join(', ')}`,
      '  --delimiter C      the CSV delimiter (default: detected)',
      '  --sheet NAME       the workbook sheet (default: the first)',
      'As frictionless: the header row is found by width (a comment or title line above it is skipped), labels are stripped, a',
      'blank label is field3 and a repeated one name2, a column with no value in the sample is "any", a type needs 90 % of the',
      'non-empty cells. On purpose, unlike frictionless: codes with leading zeros (007, postcodes) stay strings, and Romanian',
      'forms are types with their format: decimal comma ("decimalChar": ","), 13.10.2021 or 13/10/2021 dates ("%d.%m.%Y", "%d/%m/%Y").',
      'The schema goes to standard output; what was detected (encoding, delimiter) to standard error.',
    ].join('\n'),
    async run(v) {
      const file = fileOpt(v);
      const encoding = encodingOpt(v);
      const sampleRows = intOpt(v, 'sample-rows', DEFAULT_INFER_SAMPLE);
      if (sampleRows < 1) throw new UsageError('--sample-rows must be at least 1');
      const dialect = dialectOpt(v, undefined);
      try {
        const r = await inferSchema(file, {
          sampleRows,
          encoding,
          dialect,
          delimiter: (v.delimiter as string | undefined)?.replace('\\t', '\t'),
          sheet: v.sheet as string | undefined,
        });
        process.stdout.write(schemaToJson(r.schema));
        const enc = r.encoding
          ? `codare ${r.encoding.encoding} (${r.encoding.why ? datasetMessage('ro', r.encoding.why.key, r.encoding.why.params, r.encoding.reason) : r.encoding.reason})`
          : r.format.toUpperCase();
        console.error(
          `Schemă dedusă din ${ro(r.rowsSampled)} rânduri; ${enc}${r.dialect.delimiter ? `, separator "${r.dialect.delimiter === '\t' ? 'TAB' : r.dialect.delimiter}"` : ''}.`,
        );
        return 0;
      } catch (e) {
        if (e instanceof SourceFailure) {
          console.error(`pla-desk datasets infer: fișierul nu poate fi citit: ${e.ref ? datasetMessage('ro', e.ref.key, e.ref.params, e.message) : e.message}`);
          return 2;
        }
        throw e;
      }
    },
  },
};
