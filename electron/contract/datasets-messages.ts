/**
 * The datasets module's message catalogue: every text the validation engine, the encoding detector and the
 * cleaning steps can show a person, keyed by a code, with parameters — in Romanian and English. The engine records
 * `{ key, params }` beside its English `message` (kept for `--json` and for frictionless parity); the CLI's human
 * output and the app render the key in the reader's language with `datasetMessage(lang, key, params)`.
 * Nothing here parses English text: a key with no template falls back to the English message it came with.
 *
 * Keys: the frictionless error codes (`type-error` …), `source.*` (why a file cannot be read), `warning.*` (column
 * profile warnings), `encoding.*` (why an encoding was chosen), `step.*` (cleaning steps), `code.*` (the name of an
 * error code, for counts and tables), `constraint.*` (what a constraint asked for), `type.*` (field type names).
 */

export type MessageLang = 'ro' | 'en';
export type MessageParams = Record<string, unknown>;
/** A text for the catalogue: its key and parameters. */
export interface MessageRef {
  key: string;
  params?: MessageParams;
}

type Template = (p: MessageParams, h: Helpers) => string;
interface Helpers {
  lang: MessageLang;
  /** A quoted value: «x» in Romanian, "x" in English. */
  q(v: unknown): string;
  /** A number in the reader's locale. */
  n(v: unknown): string;
  /** A list of row numbers, "4, 17, 90" (+ "… and N more"). */
  rows(v: unknown, more?: unknown): string;
  /** A nested message (e.g. the detector's reason inside "chosen by the user"). */
  msg(v: unknown): string;
  t(key: string, p?: MessageParams): string;
}

const s = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const plural = (h: Helpers, n: unknown, one: string, many: string) => (Number(n) === 1 ? one : many);
/** Romanian plural with "de" from 20 up ("20 de celule", "3 celule"). */
const roCount = (h: Helpers, n: unknown, one: string, many: string) => {
  const x = Number(n);
  if (x === 1) return `${h.n(x)} ${one}`;
  const r = x % 100;
  return `${h.n(x)} ${x !== 0 && (r === 0 || r >= 20) ? 'de ' : ''}${many}`;
};

const TYPE_NAMES: Record<string, { ro: string; en: string }> = {
  string: { ro: 'text', en: 'text' },
  integer: { ro: 'număr întreg', en: 'whole number' },
  number: { ro: 'număr', en: 'number' },
  boolean: { ro: 'da/nu (true/false)', en: 'true/false' },
  date: { ro: 'dată', en: 'date' },
  datetime: { ro: 'dată și oră', en: 'date and time' },
  time: { ro: 'oră', en: 'time' },
  year: { ro: 'an', en: 'year' },
  yearmonth: { ro: 'an și lună', en: 'year and month' },
  duration: { ro: 'durată ISO 8601', en: 'ISO 8601 duration' },
  geopoint: { ro: 'punct geografic', en: 'geographic point' },
  geojson: { ro: 'geometrie GeoJSON', en: 'GeoJSON geometry' },
  object: { ro: 'obiect JSON', en: 'JSON object' },
  array: { ro: 'tablou JSON', en: 'JSON array' },
  list: { ro: 'listă de valori', en: 'list of values' },
  any: { ro: 'orice valoare', en: 'any value' },
};
const typeName = (h: Helpers, type: unknown, format?: unknown) => {
  const name = TYPE_NAMES[s(type)]?.[h.lang] ?? s(type);
  const f = s(format);
  return f && f !== 'default' && f !== 'any' ? `${name} (${h.lang === 'ro' ? 'formatul' : 'format'} ${f})` : name;
};

const CONSTRAINTS: Record<string, { ro: Template; en: Template }> = {
  required: { ro: () => 'valoarea este obligatorie', en: () => 'a value is required' },
  minimum: { ro: (p, h) => `cel puțin ${h.q(p.value)}`, en: (p, h) => `at least ${h.q(p.value)}` },
  maximum: { ro: (p, h) => `cel mult ${h.q(p.value)}`, en: (p, h) => `at most ${h.q(p.value)}` },
  exclusiveMinimum: { ro: (p, h) => `mai mare decât ${h.q(p.value)}`, en: (p, h) => `greater than ${h.q(p.value)}` },
  exclusiveMaximum: { ro: (p, h) => `mai mic decât ${h.q(p.value)}`, en: (p, h) => `less than ${h.q(p.value)}` },
  minLength: { ro: (p, h) => `cel puțin ${h.n(p.value)} caractere (sau elemente)`, en: (p, h) => `at least ${h.n(p.value)} characters (or items)` },
  maxLength: { ro: (p, h) => `cel mult ${h.n(p.value)} caractere (sau elemente)`, en: (p, h) => `at most ${h.n(p.value)} characters (or items)` },
  pattern: { ro: (p, h) => `să se potrivească modelului ${h.q(p.value)}`, en: (p, h) => `to match the pattern ${h.q(p.value)}` },
  enum: {
    ro: (p, h) => `una dintre valorile ${h.q(Array.isArray(p.value) ? p.value.join(', ') : p.value)}`,
    en: (p, h) => `one of ${h.q(Array.isArray(p.value) ? p.value.join(', ') : p.value)}`,
  },
};

/** Where in the file: "rândul 4, câmpul «valoare» (coloana 3)". */
const at = (p: MessageParams, h: Helpers) => {
  const parts: string[] = [];
  if (p.row !== undefined && p.row !== null) parts.push(`${h.lang === 'ro' ? 'rândul' : 'row'} ${h.n(p.row)}`);
  if (p.field)
    parts.push(`${h.lang === 'ro' ? 'câmpul' : 'field'} ${h.q(p.field)}${p.position ? ` (${h.lang === 'ro' ? 'coloana' : 'column'} ${h.n(p.position)})` : ''}`);
  else if (p.position) parts.push(`${h.lang === 'ro' ? 'coloana' : 'column'} ${h.n(p.position)}`);
  return parts.join(', ');
};

const FORMAT_NAMES: Record<string, string> = {
  '%Y-%m-%d': '2024-03-01 (ISO)',
  '%Y-%m-%dT%H:%M:%S': '2024-03-01T10:30 (ISO)',
  '%d.%m.%Y': '01.03.2024',
  '%d.%m.%Y %H:%M': '01.03.2024 10:30',
  '%d/%m/%Y': '01/03/2024',
};

export const DATASET_MESSAGES: Record<string, { ro: Template; en: Template }> = {
  // ── frictionless error codes: the names shown in counts and tables
  'code.blank-label': { ro: () => 'Etichetă goală', en: () => 'Blank label' },
  'code.duplicate-label': { ro: () => 'Etichetă repetată', en: () => 'Duplicate label' },
  'code.extra-label': { ro: () => 'Etichetă în plus', en: () => 'Extra label' },
  'code.missing-label': { ro: () => 'Etichetă lipsă', en: () => 'Missing label' },
  'code.incorrect-label': { ro: () => 'Etichetă greșită', en: () => 'Incorrect label' },
  'code.blank-row': { ro: () => 'Rând gol', en: () => 'Blank row' },
  'code.extra-cell': { ro: () => 'Celulă în plus', en: () => 'Extra cell' },
  'code.missing-cell': { ro: () => 'Celulă lipsă', en: () => 'Missing cell' },
  'code.type-error': { ro: () => 'Tip greșit', en: () => 'Type error' },
  'code.constraint-error': { ro: () => 'Regulă încălcată', en: () => 'Constraint error' },
  'code.unique-error': { ro: () => 'Valoare repetată', en: () => 'Unique error' },
  'code.primary-key': { ro: () => 'Cheie primară repetată', en: () => 'Primary key error' },
  'code.foreign-key': { ro: () => 'Cheie străină negăsită', en: () => 'Foreign key error' },
  'code.duplicate-row': { ro: () => 'Rând repetat', en: () => 'Duplicate row' },
  'code.encoding-error': { ro: () => 'Codificare greșită', en: () => 'Encoding error' },
  'code.source-error': { ro: () => 'Fișier necitibil', en: () => 'Source error' },

  // ── validation errors (params: row, field, position, cell + what each needs)
  'blank-label': {
    ro: (p, h) => `Antetul nu are etichetă în coloana ${h.n(p.position)}`,
    en: (p, h) => `The header has no label in column ${h.n(p.position)}`,
  },
  'duplicate-label': {
    ro: (p, h) => `Eticheta ${h.q(p.label)} din coloana ${h.n(p.position)} repetă eticheta din coloana ${h.n(p.first)}`,
    en: (p, h) => `The label ${h.q(p.label)} in column ${h.n(p.position)} repeats the label in column ${h.n(p.first)}`,
  },
  'extra-label': {
    ro: (p, h) => `Eticheta ${h.q(p.label)}${p.position ? ` din coloana ${h.n(p.position)}` : ''} nu este în schemă`,
    en: (p, h) => `The label ${h.q(p.label)}${p.position ? ` in column ${h.n(p.position)}` : ''} is not in the schema`,
  },
  'missing-label': {
    ro: (p, h) => `Antetul nu are coloana ${h.q(p.field)} din schemă${p.position ? ` (poziția ${h.n(p.position)})` : ''}`,
    en: (p, h) => `The header lacks the schema's column ${h.q(p.field)}${p.position ? ` (position ${h.n(p.position)})` : ''}`,
  },
  'incorrect-label': {
    ro: (p, h) => `Eticheta ${h.q(p.label)} din coloana ${h.n(p.position)} nu este numele din schemă, ${h.q(p.field)}`,
    en: (p, h) => `The label ${h.q(p.label)} in column ${h.n(p.position)} is not the schema's name, ${h.q(p.field)}`,
  },
  'blank-row': { ro: (p, h) => `Rândul ${h.n(p.row)} este gol`, en: (p, h) => `Row ${h.n(p.row)} is blank` },
  'extra-cell': {
    ro: (p, h) => `Rândul ${h.n(p.row)} are o valoare în plus în coloana ${h.n(p.position)}, după ultima coloană a antetului`,
    en: (p, h) => `Row ${h.n(p.row)} has an extra value in column ${h.n(p.position)}, past the header's last column`,
  },
  'missing-cell': {
    ro: (p, h) => `Rândului ${h.n(p.row)} îi lipsește celula din ${at({ field: p.field, position: p.position }, h)}`,
    en: (p, h) => `Row ${h.n(p.row)} lacks the cell of ${at({ field: p.field, position: p.position }, h)}`,
  },
  'type-error': {
    ro: (p, h) => `Valoarea ${h.q(p.cell)} din ${at(p, h)} nu este ${typeName(h, p.type, p.format)}`,
    en: (p, h) => `The value ${h.q(p.cell)} in ${at(p, h)} is not a ${typeName(h, p.type, p.format)}`,
  },
  'constraint-error': {
    ro: (p, h) =>
      `Valoarea ${h.q(p.cell)} din ${at(p, h)} nu respectă regula: ${CONSTRAINTS[s(p.constraint)]?.ro(p, h) ?? `${s(p.constraint)} = ${s(p.value)}`}`,
    en: (p, h) =>
      `The value ${h.q(p.cell)} in ${at(p, h)} breaks a constraint: ${CONSTRAINTS[s(p.constraint)]?.en(p, h) ?? `${s(p.constraint)} = ${s(p.value)}`}`,
  },
  'unique-error': {
    ro: (p, h) => `Rândul ${h.n(p.row)} repetă în ${h.q(p.field)} valoarea din rândul ${h.n(p.first)}; valorile trebuie să fie unice`,
    en: (p, h) => `Row ${h.n(p.row)} repeats in ${h.q(p.field)} the value of row ${h.n(p.first)}; the values must be unique`,
  },
  'primary-key': {
    ro: (p, h) => `Rândul ${h.n(p.row)} repetă cheia primară (${s(p.field)}) din rândul ${h.n(p.first)}`,
    en: (p, h) => `Row ${h.n(p.row)} repeats the primary key (${s(p.field)}) of row ${h.n(p.first)}`,
  },
  'primary-key-empty': {
    ro: (p, h) => `Rândul ${h.n(p.row)} nu are cheia primară (${s(p.field)}): celulele ei sunt goale sau nevalide`,
    en: (p, h) => `Row ${h.n(p.row)} has no primary key (${s(p.field)}): its cells are empty or invalid`,
  },
  'foreign-key': {
    ro: (p, h) =>
      `Rândul ${h.n(p.row)}: valorile ${h.q(p.cell)} din ${h.q(p.field)} nu se găsesc în ${p.resource ? `tabelul ${h.q(p.resource)}` : 'acest tabel'}`,
    en: (p, h) => `Row ${h.n(p.row)}: the values ${h.q(p.cell)} of ${h.q(p.field)} are not in ${p.resource ? `the table ${h.q(p.resource)}` : 'this table'}`,
  },
  'duplicate-row': {
    ro: (p, h) => `Rândul ${h.n(p.row)} repetă întocmai rândul ${h.n(p.first)}`,
    en: (p, h) => `Row ${h.n(p.row)} repeats row ${h.n(p.first)} exactly`,
  },
  'encoding-error': {
    ro: (p, h) =>
      `Octeții din apropierea rândului ${h.n(p.row)} (octetul ${h.n(p.from)}…${h.n(p.to)}) nu sunt ${s(p.encoding)} valid; au fost citiți ca „\uFFFD”. Alegeți altă codificare (windows-1250, iso-8859-2, iso-8859-16)`,
    en: (p, h) =>
      `The bytes near row ${h.n(p.row)} (byte ${h.n(p.from)}…${h.n(p.to)}) are not valid ${s(p.encoding)}; they were read as "\uFFFD". Choose another encoding (windows-1250, iso-8859-2, iso-8859-16)`,
  },

  // ── why a file (or part of it) cannot be read: source-error
  'source.not-found': { ro: () => 'Fișierul nu există', en: () => 'The file does not exist' },
  'source.cannot-open': { ro: (p) => `Fișierul nu poate fi deschis: ${s(p.reason)}`, en: (p) => `The file cannot be opened: ${s(p.reason)}` },
  'source.folder': { ro: () => 'Acesta este un dosar, nu un fișier', en: () => 'This is a folder, not a file' },
  'source.empty': { ro: () => 'Fișierul este gol (0 octeți)', en: () => 'The file is empty (0 bytes)' },
  'source.blank': {
    ro: () => 'Fișierul nu are date (doar spații sau un marcaj BOM)',
    en: () => 'The file has no data (only blank space or a byte-order mark)',
  },
  'source.xlsx-not-zip': {
    ro: () => 'Fișierul se numește .xlsx, dar nu este un registru Excel (nu este o arhivă zip); dacă este un CSV, redenumiți-l .csv',
    en: () => 'The file is named .xlsx but is not an Excel workbook (not a zip archive); if it is a CSV, rename it to .csv',
  },
  'source.xls': {
    ro: () => 'Fișierele Excel vechi .xls nu se citesc; salvați foaia ca .xlsx sau CSV',
    en: () => 'Old Excel .xls files are not read; save the sheet as .xlsx or CSV',
  },
  'source.zip-not-csv': {
    ro: () => 'Fișierul este o arhivă zip (un registru Excel?), nu un text CSV; numiți-l .xlsx ca să fie citit ca registru',
    en: () => 'The file is a zip archive (an Excel workbook?), not a CSV text file; name it .xlsx to read it as a workbook',
  },
  'source.binary': {
    ro: () => 'Fișierul este binar (are octeți NUL sau de control), nu un text CSV',
    en: () => 'The file is binary (it has NUL or control bytes), not a CSV text file',
  },
  'source.long-cell': {
    ro: (p, h) => `Celula are peste ${h.n(p.max)} de caractere; s-au păstrat doar primele ${h.n(p.max)}`,
    en: (p, h) => `The cell is longer than ${h.n(p.max)} characters; only the first ${h.n(p.max)} were kept`,
  },
  'source.formula': {
    ro: (p) =>
      `Celula ${s(p.cell)} conține o formulă (${s(p.formula)}), nu o valoare; înlocuiți formula cu valoarea ei (Copiere, apoi Lipire specială → Valori)`,
    en: (p) => `Cell ${s(p.cell)} holds a formula (${s(p.formula)}), not a value; replace the formula with its value (Copy, then Paste special → Values)`,
  },
  'source.unclosed-quote': {
    ro: (p, h) => `Ghilimelele deschise în rândul ${h.n(p.row)} nu se închid: tot restul fișierului a fost citit ca o singură celulă`,
    en: (p, h) => `A quote opened in row ${h.n(p.row)} never closes: everything after it, to the end of the file, was read as one cell`,
  },
  'source.workbook': { ro: (p) => `Registrul Excel nu poate fi citit: ${s(p.reason)}`, en: (p) => `The workbook cannot be read: ${s(p.reason)}` },
  'source.no-sheet': { ro: (p, h) => `Registrul nu are o foaie numită ${h.q(p.sheet)}`, en: (p, h) => `The workbook has no sheet named ${h.q(p.sheet)}` },
  'source.no-sheets': { ro: () => 'Registrul nu are nicio foaie', en: () => 'The workbook has no sheets' },
  'source.empty-sheet': { ro: (p, h) => `Foaia ${h.q(p.sheet)} este goală`, en: (p, h) => `The sheet ${h.q(p.sheet)} is empty` },
  'source.no-header': { ro: () => 'Fișierul nu are rând de antet', en: () => 'The file has no header row' },
  'source.fk-resource-missing': {
    ro: (p, h) =>
      `Cheia străină (${s(p.fields)}) trimite la resursa ${h.q(p.resource)}, care nu a fost dată (e nevoie de un fișier CSV sau de o listă de valori)`,
    en: (p, h) => `The foreign key (${s(p.fields)}) refers to the resource ${h.q(p.resource)}, which was not given (a CSV file or a list of values is needed)`,
  },
  'source.reference-unreadable': {
    ro: (p, h) => `Tabelul de referință ${h.q(p.resource)} nu poate fi citit: ${h.msg(p.reason)}`,
    en: (p, h) => `The reference table ${h.q(p.resource)} cannot be read: ${h.msg(p.reason)}`,
  },
  'source.reference-no-column': {
    ro: (p) => `Tabelul de referință nu are coloana ${s(p.columns)}`,
    en: (p) => `The reference table has no column ${s(p.columns)}`,
  },
  'source.file-changed': {
    ro: (p, h) => `Fișierul s-a schimbat în timpul validării; valorile a ${h.n(p.count)} erori de cheie nu sunt afișate`,
    en: (p, h) => `The file changed while it was validated; the values of ${h.n(p.count)} key errors are not shown`,
  },
  'source.schema-unusable': { ro: (p) => `Schema nu poate fi folosită: ${s(p.reason)}`, en: (p) => `The schema cannot be used: ${s(p.reason)}` },

  // ── column profile warnings (validation without a schema)
  'warning.mostly-number': {
    ro: (p, h) =>
      `coloana ${h.q(p.field)}: ${h.n(p.percent)} % numere; ${roCount(h, p.outliers, 'celulă nu este număr', 'celule nu sunt numere')}: ${plural(h, p.outliers, 'rândul', 'rândurile')} ${h.rows(p.rows, p.more)}${examples(p, h)}`,
    en: (p, h) =>
      `column ${h.q(p.field)}: ${h.n(p.percent)} % numbers; ${h.n(p.outliers)} ${plural(h, p.outliers, 'cell is not a number', 'cells are not numbers')}: ${plural(h, p.outliers, 'row', 'rows')} ${h.rows(p.rows, p.more)}${examples(p, h)}`,
  },
  'warning.mostly-date': {
    ro: (p, h) =>
      `coloana ${h.q(p.field)}: ${h.n(p.percent)} % date calendaristice; ${roCount(h, p.outliers, 'celulă nu este dată', 'celule nu sunt date')}: ${plural(h, p.outliers, 'rândul', 'rândurile')} ${h.rows(p.rows, p.more)}${examples(p, h)}`,
    en: (p, h) =>
      `column ${h.q(p.field)}: ${h.n(p.percent)} % dates; ${h.n(p.outliers)} ${plural(h, p.outliers, 'cell is not a date', 'cells are not dates')}: ${plural(h, p.outliers, 'row', 'rows')} ${h.rows(p.rows, p.more)}${examples(p, h)}`,
  },
  'warning.mostly-boolean': {
    ro: (p, h) =>
      `coloana ${h.q(p.field)}: ${h.n(p.percent)} % valori true/false; ${roCount(h, p.outliers, 'celulă nu este true/false', 'celule nu sunt true/false')}: ${plural(h, p.outliers, 'rândul', 'rândurile')} ${h.rows(p.rows, p.more)}${examples(p, h)}`,
    en: (p, h) =>
      `column ${h.q(p.field)}: ${h.n(p.percent)} % true/false; ${h.n(p.outliers)} ${plural(h, p.outliers, 'cell is not true/false', 'cells are not true/false')}: ${plural(h, p.outliers, 'row', 'rows')} ${h.rows(p.rows, p.more)}${examples(p, h)}`,
  },
  'warning.mixed-decimal': {
    ro: (p, h) =>
      `coloana ${h.q(p.field)}: numere scrise cu virgulă zecimală (${roCount(h, p.comma, 'celulă', 'celule')}, prima în rândul ${h.n(p.commaRow)}) și cu punct zecimal (${roCount(h, p.point, 'celulă', 'celule')}, prima în rândul ${h.n(p.pointRow)}); alegeți un singur separator (pasul de curățare „Număr → zecimale cu punct”)`,
    en: (p, h) =>
      `column ${h.q(p.field)}: numbers written with a decimal comma (${h.n(p.comma)} ${plural(h, p.comma, 'cell', 'cells')}, first in row ${h.n(p.commaRow)}) and with a decimal point (${h.n(p.point)} ${plural(h, p.point, 'cell', 'cells')}, first in row ${h.n(p.pointRow)}); use one separator (cleaning step "Number → decimal point")`,
  },
  'warning.mixed-date-format': {
    ro: (p, h) =>
      `coloana ${h.q(p.field)}: date scrise în ${h.n((p.formats as unknown[]).length)} formate — ${formatsList(p, h)}; alegeți un singur format (pasul de curățare „Dată → ISO”)`,
    en: (p, h) =>
      `column ${h.q(p.field)}: dates written in ${h.n((p.formats as unknown[]).length)} formats — ${formatsList(p, h)}; use one format (cleaning step "Date → ISO")`,
  },

  // ── why the encoding detector chose an encoding
  'encoding.bom': { ro: (p) => `fișierul începe cu marcajul BOM ${s(p.encoding)}`, en: (p) => `the file starts with a ${s(p.encoding)} byte-order mark` },
  'encoding.ascii': {
    ro: () => 'eșantionul are doar caractere ASCII (se citește la fel în orice codificare)',
    en: () => 'the sample has only ASCII characters (readable the same in every candidate encoding)',
  },
  'encoding.utf-8': {
    ro: (p, h) => `${roCount(h, p.nonAscii, 'octet non-ASCII', 'octeți non-ASCII')}, toți UTF-8 valid`,
    en: (p, h) => `${h.n(p.nonAscii)} non-ASCII bytes, all valid UTF-8`,
  },
  'encoding.scored': {
    ro: (p, h) =>
      `nu este UTF-8; ${s(p.best)} citește ${roCount(h, p.romanian, 'literă românească', 'litere românești')}, ${roCount(h, p.cedilla, 'literă cu sedilă', 'litere cu sedilă')}, ${roCount(h, p.punctuation, 'semn de punctuație', 'semne de punctuație')} și ${roCount(h, p.suspicious, 'caracter improbabil', 'caractere improbabile')} (scor ${h.n(p.score)}${p.next ? `, următoarea ${s(p.next)} ${h.n(p.nextScore)}` : ''})`,
    en: (p, h) =>
      `not UTF-8; ${s(p.best)} reads ${h.n(p.romanian)} Romanian letters, ${h.n(p.cedilla)} cedilla letters, ${h.n(p.punctuation)} punctuation marks and ${h.n(p.suspicious)} unlikely characters (score ${h.n(p.score)}${p.next ? `, next ${s(p.next)} ${h.n(p.nextScore)}` : ''})`,
  },
  'encoding.tie': {
    ro: (p, h) =>
      `nu este UTF-8; ${s(p.best)} și ${s(p.next)} au același scor (${h.n(p.score)}), dar citesc unii octeți diferit${p.cedillaDiffers ? ' (într-una ş ţ cu sedilă, în cealaltă ș ț cu virgulă)' : ''}; s-a ales ${s(p.best)} — confirmați`,
    en: (p, h) =>
      `not UTF-8; ${s(p.best)} and ${s(p.next)} score the same (${h.n(p.score)}) but read some bytes differently${p.cedillaDiffers ? ' (cedilla ş ţ in one, comma-below ș ț in the other)' : ''}; ${s(p.best)} was chosen — please confirm`,
  },
  'encoding.user': {
    ro: (p, h) => `aleasă de utilizator (detectarea spunea ${s(p.detected)}: ${h.msg(p.why)})`,
    en: (p, h) => `chosen by the user (detection said ${s(p.detected)}: ${h.msg(p.why)})`,
  },

  // ── cleaning steps
  'step.no-column': {
    ro: (p, h) => `pasul ${h.n(p.step)} (${h.t(`op.${s(p.op)}`)}): nu există coloana ${h.q(p.column)} (coloane: ${s(p.columns)})`,
    en: (p, h) => `step ${h.n(p.step)} (${h.t(`op.${s(p.op)}`)}): there is no column named ${h.q(p.column)} (columns: ${s(p.columns)})`,
  },
  'step.column-exists': {
    ro: (p, h) => `pasul ${h.n(p.step)} (${h.t(`op.${s(p.op)}`)}): există deja o coloană ${h.q(p.column)}`,
    en: (p, h) => `step ${h.n(p.step)} (${h.t(`op.${s(p.op)}`)}): a column named ${h.q(p.column)} already exists`,
  },
  'op.trim': { ro: () => 'spații', en: () => 'trim' },
  'op.case': { ro: () => 'majuscule', en: () => 'case' },
  'op.cedilla': { ro: () => 'sedile', en: () => 'cedilla' },
  'op.date': { ro: () => 'dată', en: () => 'date' },
  'op.number': { ro: () => 'număr', en: () => 'number' },
  'op.map': { ro: () => 'înlocuire', en: () => 'map' },
  'op.split': { ro: () => 'împărțire', en: () => 'split' },
  'op.merge': { ro: () => 'unire', en: () => 'merge' },
  'op.drop': { ro: () => 'eliminare', en: () => 'drop' },
  'op.rename': { ro: () => 'redenumire', en: () => 'rename' },
  'op.dedupe': { ro: () => 'dubluri', en: () => 'dedupe' },

  // ── the module's refusals (details.ref of a VALIDATION error)
  'error.not-ready': {
    ro: (p, h) => `Setul de date nu poate fi marcat ${h.q(STATUS[s(p.status)]?.ro ?? p.status)}: ${blockers(p, h)}`,
    en: (p, h) => `The dataset cannot be marked ${h.q(STATUS[s(p.status)]?.en ?? p.status)}: ${blockers(p, h)}`,
  },
  'blocker.no-import': { ro: () => 'niciun fișier importat și validat', en: () => 'no file has been imported and validated' },
  'blocker.unreadable': { ro: () => 'ultimul fișier nu a putut fi citit', en: () => 'the latest file could not be read' },
  'blocker.errors': {
    ro: (p, h) => `ultimul fișier are erori de validare (${roCount(h, p.n, 'eroare', 'erori')})`,
    en: (p, h) => `the latest file has validation errors (${h.n(p.n)})`,
  },
  'blocker.flags': {
    ro: (p, h) => `există date personale neverificate (${roCount(h, p.n, 'semnalare', 'semnalări')})`,
    en: (p, h) => `personal data is not reviewed (${h.n(p.n)} ${plural(h, p.n, 'flag', 'flags')})`,
  },
  'blocker.stale': {
    ro: () => 'schema sau pașii de curățare s-au schimbat de la ultima validare; validați din nou',
    en: () => 'the schema or the cleaning steps changed since the last validation; validate again',
  },
  'error.slug-taken': {
    ro: (p, h) => `Numele pe portal ${h.q(p.slug)} este deja folosit de alt set de date`,
    en: (p, h) => `The portal name ${h.q(p.slug)} is already used by another dataset`,
  },
  'error.review-future': { ro: () => 'O revizuire nu poate avea o dată din viitor', en: () => 'A review cannot be dated in the future' },
  'error.review-before-last': {
    ro: (p) => `Ultima revizuire a fost pe ${s(p.date)}; alegeți o dată de atunci încoace`,
    en: (p) => `The last review was on ${s(p.date)}; choose a date since then`,
  },
  'error.schema-field': {
    ro: (p, h) => `Câmpul ${h.q(p.field)} al schemei nu poate fi folosit: ${s(p.reason)}`,
    en: (p, h) => `The schema field ${h.q(p.field)} cannot be used: ${s(p.reason)}`,
  },
  'error.no-reference': {
    ro: (p, h) => `Nu există un tabel de referință numit ${h.q(p.name)}; adăugați-l la „Tabele de referință”`,
    en: (p, h) => `There is no reference table named ${h.q(p.name)}; add it under "Reference tables"`,
  },
  'error.csv-header-blank': { ro: () => 'Primul rând trebuie să numească fiecare coloană', en: () => 'The first row must name every column' },
  'error.csv-header-repeated': { ro: () => 'Două coloane au același nume', en: () => 'Two columns have the same name' },
  'error.csv-ragged': {
    ro: (p, h) => `Rândul ${h.n(p.row)} are ${roCount(h, p.values, 'valoare', 'valori')}; antetul are ${roCount(h, p.width, 'coloană', 'coloane')}`,
    en: (p, h) => `Row ${h.n(p.row)} has ${h.n(p.values)} values; the header has ${h.n(p.width)}`,
  },
  'error.reference-taken': {
    ro: (p, h) => `Există deja un tabel de referință numit ${h.q(p.name)}`,
    en: (p, h) => `A reference table named ${h.q(p.name)} exists`,
  },
  'error.reference-in-use': {
    ro: (p, h) => `Tabelul de referință ${h.q(p.name)} este folosit de schema setului ${s(p.datasets)}; scoateți întâi cheia străină`,
    en: (p, h) => `The reference table ${h.q(p.name)} is used by the schema of ${s(p.datasets)}; remove the foreign key first`,
  },
  'error.no-dataset': { ro: () => 'Setul de date nu există', en: () => 'The dataset does not exist' },
  'error.nothing-to-export': {
    ro: () => 'Importați și validați întâi un fișier: nu există încă un fișier curățat de exportat',
    en: () => 'Import and validate a file first: there is no cleaned file to export',
  },
  'error.clean-missing': {
    ro: () => 'Fișierul curățat lipsește; procesați din nou importul',
    en: () => 'The cleaned file is missing; process the import again',
  },
  'error.file-format': {
    ro: () => 'Se acceptă un CSV (.csv, .txt, .tsv) sau un registru Excel (.xlsx)',
    en: () => 'Expected a CSV (.csv, .txt, .tsv) or an Excel workbook (.xlsx)',
  },
  'error.base64': {
    ro: () => 'Conținutul fișierului nu a ajuns întreg (base64 invalid); încercați din nou',
    en: () => 'The file content is not valid base64; try again',
  },
  'error.busy': { ro: () => 'Fișierul este deja în lucru; așteptați să se termine', en: () => 'This file is being processed already; wait for it to finish' },
  'error.no-column-after-steps': {
    ro: (p, h) => `După pașii de curățare nu există coloana ${h.q(p.column)}`,
    en: (p, h) => `There is no column named ${h.q(p.column)} after the cleaning steps`,
  },

  // ── the verdict (CLI and app)
  'verdict.valid': { ro: () => 'Fișierul este valid: nicio eroare.', en: () => 'The file is valid: no errors.' },
  'verdict.valid-warnings': {
    ro: (p, h) => `Fișierul este valid, ${h.t('verdict.with-warnings', p)}.`,
    en: (p, h) => `The file is valid, ${h.t('verdict.with-warnings', p)}.`,
  },
  'verdict.with-warnings': {
    ro: (p, h) => `cu ${roCount(h, p.n, 'avertisment', 'avertismente')} de verificat`,
    en: (p, h) => `with ${h.n(p.n)} ${plural(h, p.n, 'warning', 'warnings')} to review`,
  },
};

const STATUS: Record<string, { ro: string; en: string }> = {
  ready: { ro: 'Gata de publicare', en: 'Ready for publication' },
  published: { ro: 'Publicat', en: 'Published' },
};

function blockers(p: MessageParams, h: Helpers): string {
  return (Array.isArray(p.blockers) ? p.blockers : []).map((b) => h.msg(b)).join('; ');
}

function examples(p: MessageParams, h: Helpers): string {
  const cells = Array.isArray(p.cells) ? p.cells : [];
  if (!cells.length) return '';
  return ` (${h.lang === 'ro' ? 'de ex.' : 'e.g.'} ${cells.map((c) => h.q(c)).join(', ')})`;
}

function formatsList(p: MessageParams, h: Helpers): string {
  const list = (Array.isArray(p.formats) ? p.formats : []) as Array<{ format: string; count: number; row: number }>;
  return list
    .map((f) =>
      h.lang === 'ro'
        ? `${FORMAT_NAMES[f.format] ?? f.format}: ${roCount(h, f.count, 'celulă', 'celule')} (prima în rândul ${h.n(f.row)})`
        : `${FORMAT_NAMES[f.format] ?? f.format}: ${h.n(f.count)} ${plural(h, f.count, 'cell', 'cells')} (first in row ${h.n(f.row)})`,
    )
    .join('; ');
}

const isRef = (v: unknown): v is MessageRef => !!v && typeof v === 'object' && typeof (v as MessageRef).key === 'string';

/**
 * The text of `key` in `lang`; `fallback` (the English message the engine wrote) when the key has no template —
 * e.g. a report stored before this catalogue existed.
 */
export function datasetMessage(lang: MessageLang, key: string, params: MessageParams = {}, fallback = ''): string {
  const entry = DATASET_MESSAGES[key];
  if (!entry) return fallback || key;
  const locale = lang === 'ro' ? 'ro-RO' : 'en-GB';
  const h: Helpers = {
    lang,
    q: (v) => (lang === 'ro' ? `«${s(v)}»` : `"${s(v)}"`),
    n: (v) => (typeof v === 'number' ? v.toLocaleString(locale) : s(v)),
    rows: (v, more) => {
      const list = (Array.isArray(v) ? v : []).map((x) => (typeof x === 'number' ? x.toLocaleString(locale) : s(x))).join(', ');
      const m = Number(more ?? 0);
      return m > 0 ? `${list} ${lang === 'ro' ? `și încă ${m.toLocaleString(locale)}` : `and ${m.toLocaleString(locale)} more`}` : list;
    },
    msg: (v) => (isRef(v) ? datasetMessage(lang, v.key, v.params) : s(v)),
    t: (k, p) => datasetMessage(lang, k, p ?? {}),
  };
  return entry[lang](params, h);
}

/** The name of a frictionless error code (`type-error` → "Tip greșit"); the code itself when unknown. */
export const errorCodeName = (lang: MessageLang, code: string) => datasetMessage(lang, `code.${code}`, {}, code);

/** The text of one validation error or warning as the engine reports it ({ type | code, key?, params?, message }). */
export function validationText(lang: MessageLang, e: { type?: string; key?: string; params?: MessageParams; message?: string }): string {
  const key = e.key ?? e.type ?? '';
  if (!e.params && !e.key) return e.message ?? key;
  return datasetMessage(lang, key, e.params ?? {}, e.message);
}
