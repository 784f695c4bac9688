/**
 * What `pla-desk` says when something goes wrong, in Romanian (the users' language, the default) and
 * English (`--lang en`, `PLA_DESK_LANG=en`, or a LANG/LC_ALL/LC_MESSAGES starting with `en`). Each error is a
 * full sentence that says what to do. Field issues read from the contract's catalogue (issue-text.ts), the
 * same words the app shows.
 */
import { envLang } from './help';
// from the zod-free files, not the contract's index: `datasets validate` loads this module and no zod schema
import type { ApiErrorData, ErrorCode, FieldIssue } from '../contract/errors';
import { ISSUE_TEXT } from '../contract/issue-text';
import { fillIssueText, isIssueCode, ZOD_REASONS, type IssueLang } from '../contract/issues';

export type CliLang = IssueLang;

let current: CliLang | null = null;

/** The language of this run: --lang (main takes it out), then PLA_DESK_LANG, then the locale, then Romanian. */
export function cliLang(env: NodeJS.ProcessEnv = process.env): CliLang {
  return current ?? envLang(env);
}

/** Set by `--lang ro|en` for the rest of the run; null goes back to the environment. */
export function setCliLang(lang: CliLang | null) {
  current = lang;
}

type Plural = { one: string; few: string; other: string };
type Text = string | Plural;

const ro = {
  usage: 'Utilizare: {{usage}}',
  badOption: 'opțiunile nu sunt corecte ({{detail}}). Verificați-le cu pla-desk {{command}} --help.',
  badLang: '--lang este ro sau en.',
  optionRequired: 'lipsește opțiunea --{{name}}; adăugați-o la comandă.',
  roleOneOf: '--role trebuie să fie unul dintre: {{roles}}. Alegeți rolul potrivit și rulați din nou.',
  passwordStdinRequired: 'adăugați --password-stdin și dați parola la intrarea standard (parolele nu se scriu niciodată ca argumente).',
  passwordStdinTty:
    '--password-stdin citește parola de la intrarea standard; trimiteți-o printr-un pipe (de ex. printf "%s\\n" "$PAROLA" | pla-desk user add …).',
  noDatabase: 'nu există o bază de date în {{dir}}; rulați mai întâi pla-desk init --data-dir {{dir}}.',
  folderMissing: 'dosarul {{dir}} nu există; creați-l sau alegeți altul.',
  fileNotFound: 'fișierul {{file}} nu există; verificați calea.',
  outXlsx: '--out trebuie să se termine în .xlsx; alegeți un nume de fișier Excel.',
  outCsv: '--out trebuie să se termine în .csv; alegeți un nume de fișier CSV.',
  fileXlsx: '--file trebuie să fie un registru Excel .xlsx sau o foaie OpenDocument .ods; salvați fișierul ca „Excel 2007-365 (.xlsx)” și încercați din nou.',
  outIsLiveDb: '--out nu poate fi chiar baza de date în uz; alegeți alt fișier.',
  outIsFile: '--out {{out}} este un fișier, nu un dosar; alegeți un dosar.',
  outNotEmpty: '--out {{out}} nu este gol și nici un site construit de pla-desk; alegeți un dosar gol.',
  backupIntegrity: 'copia de siguranță nu a trecut verificarea de integritate ({{problems}}); încercați din nou sau verificați discul.',
  appRunning: 'PLA Desk rulează pe acest dosar de date (procesul {{pid}}); închideți aplicația înainte de restaurare.',
  backupUnusable: 'refuzat: copia de siguranță nu poate fi folosită ({{problems}}); nu s-a schimbat nimic. Alegeți altă copie.',
  backupNewer:
    'refuzat: copia de siguranță provine dintr-un PLA Desk mai nou ({{versions}}); nu s-a schimbat nimic. Actualizați aplicația înainte de restaurare.',
  portRange: '--port este un număr între 0 și 65535.',
  rendererNotBuilt: 'interfața nu este construită ({{dir}}); rulați npm run web.',
  serverStopping: 'PLA Desk se oprește: nu mai primește cereri.',
  serverFingerprint: 'Amprenta SHA-256 a certificatului (de comparat la prima conectare din aplicație): {{fingerprint}}',
  serverStoppingJobs:
    'PLA Desk se oprește: așteaptă cel mult {{seconds}} s să se termine lucrările în curs ({{count}}); cele neterminate atunci vor apărea ca eșuate.',
  serverStopped: 'PLA Desk s-a oprit.',
  exportFailed: 'exportul a eșuat: {{reason}}. Încercați din nou; dacă se repetă, verificați dosarul de date.',
  buildFailed: 'construirea site-ului a eșuat: {{reason}}. Corectați cauza și rulați din nou comanda.',
  publicationFailed: 'publicarea a eșuat: {{reason}}. Corectați cauza și rulați din nou comanda.',
  dateFormat: '--date are forma AAAA-LL-ZZ (de ex. 2026-05-31).',
  dateWithSite: '--date se aplică unui site construit acum, nu împreună cu --site; renunțați la una dintre ele.',
  yesNo: '--{{name}} este yes sau no.',
  targetScheme: '--target este un dosar sau o adresă sftp://utilizator@server:port/cale, nu {{scheme}}://.',
  targetInvalid: '--target nu este o adresă sftp:// validă; scrieți-o ca sftp://utilizator@server:port/cale.',
  targetPassword: '--target: nu scrieți parola în adresă (ar rămâne în istoricul terminalului); folosiți --identity CHEIE sau configurați parola în aplicație.',
  targetUser: '--target: adresa are nevoie de utilizator (sftp://utilizator@server:port/cale).',
  targetFolder: '--target: adresa are nevoie de dosarul de pe server (sftp://utilizator@server:port/var/www/pla).',
  targetDotdot: '--target: dosarul nu poate conține „..”; scrieți calea completă.',
  sftpIdentity: 'o țintă SFTP nouă are nevoie de --identity CHEIE (sau configurați-o în aplicație, cu parolă dacă trebuie).',
  keyNotFound: 'fișierul cheii {{file}} nu există; verificați calea.',
  identityFolder: '--identity este doar pentru ținte sftp://; pentru un dosar, renunțați la ea.',
  siteNotBuilt: '--site {{site}} nu este un site construit (nu are index.html); construiți-l cu pla-desk site build.',
  rollbackListOrRelease: '--list și --release merg separat: vedeți întâi versiunile cu --list, apoi reveniți la una cu --release ID.',
  rollbackUnknownTarget: 'din acest dosar de date nu s-a publicat niciodată pe {{target}}; verificați adresa (pla-desk site publish --target … publică întâi).',
  rollbackNoEarlier: 'pe {{target}} nu există o versiune anterioară celei publicate; vedeți versiunile păstrate cu --list.',
  cellAt: '{{sheet}}!{{column}} rândul {{row}}: {{message}}',
  reasons: 'Motive, cu primele celule:',
  badCells: {
    one: '{{count}} celulă greșită; nu s-a importat nimic. Corectați celula de mai sus și importați din nou.',
    few: '{{count}} celule greșite; nu s-a importat nimic. Corectați celulele de mai sus și importați din nou.',
    other: '{{count}} de celule greșite; nu s-a importat nimic. Corectați celulele de mai sus și importați din nou.',
  },
  problems: {
    one: '{{count}} problemă; nu s-a scris nimic. Corectați-o și rulați din nou comanda.',
    few: '{{count}} probleme; nu s-a scris nimic. Corectați-le și rulați din nou comanda.',
    other: '{{count}} de probleme; nu s-a scris nimic. Corectați-le și rulați din nou comanda.',
  },
  fieldIssue: 'câmpul «{{field}}»: {{text}}',
  fixAndRetry: 'Corectați valoarea și rulați din nou comanda.',
  error: {
    VALIDATION: 'datele nu sunt valide. Corectați-le și rulați din nou comanda.',
    NOT_FOUND: 'înregistrarea cerută nu există (poate a fost ștearsă); verificați identificatorul.',
    CONFLICT: 'altcineva a modificat între timp această înregistrare; rulați din nou comanda.',
    FORBIDDEN: 'rolul dumneavoastră nu permite această operație; cereți-o unui coordonator.',
    UNAUTHENTICATED: 'este nevoie de autentificare.',
    INTERNAL: 'a apărut o eroare neașteptată; încercați din nou, iar dacă se repetă, faceți o copie de siguranță și anunțați administratorul.',
    DISK_FULL: 'discul este plin: eliberați spațiu pe disc și încercați din nou; nimic nu a fost scris.',
    BUSY: 'altă operațiune scrie de prea mult timp în baza de date; încercați din nou peste câteva momente.',
  } satisfies Record<ErrorCode, string>,
};

type Catalogue = { [K in keyof typeof ro]: (typeof ro)[K] extends Plural ? Plural : (typeof ro)[K] extends string ? string : Record<ErrorCode, string> };

const en: Catalogue = {
  usage: 'Usage: {{usage}}',
  badOption: 'the options are not right ({{detail}}). Check them with pla-desk {{command}} --help.',
  badLang: '--lang is ro or en.',
  optionRequired: '--{{name}} is required; add it to the command.',
  roleOneOf: '--role must be one of {{roles}}. Choose the right role and run it again.',
  passwordStdinRequired: '--password-stdin is required (passwords are never taken as arguments); pipe the password in.',
  passwordStdinTty: '--password-stdin reads the password from standard input; pipe it in (e.g. printf "%s\\n" "$PASS" | pla-desk user add …).',
  noDatabase: 'no database in {{dir}}; run pla-desk init --data-dir {{dir}} first.',
  folderMissing: 'folder does not exist: {{dir}}; create it or choose another.',
  fileNotFound: 'file not found: {{file}}; check the path.',
  outXlsx: '--out must end in .xlsx; choose an Excel file name.',
  outCsv: '--out must end in .csv; choose a CSV file name.',
  fileXlsx: '--file must be an .xlsx workbook or an .ods spreadsheet; save the file as “Excel 2007-365 (.xlsx)” and try again.',
  outIsLiveDb: '--out must not be the live database; choose another file.',
  outIsFile: '--out is a file, not a folder: {{out}}; choose a folder.',
  outNotEmpty: '--out {{out}} is neither empty nor a site built by pla-desk; choose an empty folder.',
  backupIntegrity: 'the backup failed its integrity check: {{problems}}; try again or check the disk.',
  appRunning: 'PLA Desk is running on this data folder (process {{pid}}); close it before restoring.',
  backupUnusable: 'refused: the backup is not usable ({{problems}}); nothing was changed. Choose another backup.',
  backupNewer: 'refused: the backup comes from a newer PLA Desk ({{versions}}); nothing was changed. Update the app before restoring.',
  portRange: '--port must be a number from 0 to 65535.',
  rendererNotBuilt: 'the renderer is not built ({{dir}}); run npm run web.',
  serverStopping: 'PLA Desk is stopping: no new requests.',
  serverFingerprint: 'The certificate’s SHA-256 fingerprint (to compare at the first connection from the app): {{fingerprint}}',
  serverStoppingJobs:
    'PLA Desk is stopping: waiting at most {{seconds}} s for the running jobs ({{count}}) to finish; any still running then will show as failed.',
  serverStopped: 'PLA Desk has stopped.',
  exportFailed: 'export failed: {{reason}}. Try again; if it repeats, check the data folder.',
  buildFailed: 'build failed: {{reason}}. Fix the cause and run the command again.',
  publicationFailed: 'publication failed: {{reason}}. Fix the cause and run the command again.',
  dateFormat: '--date must be YYYY-MM-DD (e.g. 2026-05-31).',
  dateWithSite: '--date applies to a site built now, not to --site; drop one of them.',
  yesNo: '--{{name}} must be yes or no.',
  targetScheme: '--target must be a folder or sftp://user@host:port/path, not {{scheme}}://.',
  targetInvalid: '--target: not a valid sftp:// address; write it as sftp://user@host:port/path.',
  targetPassword:
    '--target: never put a password in the address (it would stay in the shell history); use --identity KEY, or configure the password in the app.',
  targetUser: '--target: the address needs a user (sftp://user@host:port/path).',
  targetFolder: '--target: the address needs the folder on the server (sftp://user@host:port/var/www/pla).',
  targetDotdot: '--target: the folder must not contain ".."; write the full path.',
  sftpIdentity: 'a new SFTP target needs --identity KEY (or configure it in the app, with a password if it must).',
  keyNotFound: 'key file not found: {{file}}; check the path.',
  identityFolder: '--identity is for sftp:// targets; drop it for a folder.',
  siteNotBuilt: '--site {{site}} is not a built site (no index.html); build one with pla-desk site build.',
  rollbackListOrRelease: '--list and --release go separately: list the releases first, then roll back to one with --release ID.',
  rollbackUnknownTarget:
    'nothing was ever published to {{target}} from this data folder; check the address (pla-desk site publish --target … publishes first).',
  rollbackNoEarlier: 'there is no release before the live one on {{target}}; see the releases kept with --list.',
  cellAt: '{{sheet}}!{{column}} row {{row}}: {{message}}',
  reasons: 'Reasons, with the first cells:',
  badCells: {
    one: '{{count}} bad cell(s); nothing was imported. Fix the cell above and import again.',
    few: '{{count}} bad cell(s); nothing was imported. Fix the cells above and import again.',
    other: '{{count}} bad cell(s); nothing was imported. Fix the cells above and import again.',
  },
  problems: {
    one: '{{count}} problem(s); nothing was written. Fix it and run the command again.',
    few: '{{count}} problem(s); nothing was written. Fix them and run the command again.',
    other: '{{count}} problem(s); nothing was written. Fix them and run the command again.',
  },
  fieldIssue: '{{field}}: {{text}}',
  fixAndRetry: 'Correct the value and run the command again.',
  error: {
    VALIDATION: 'the data is not valid. Correct it and run the command again.',
    NOT_FOUND: 'the record does not exist (it may have been deleted); check the id.',
    CONFLICT: 'someone else changed this record meanwhile; run the command again.',
    FORBIDDEN: 'your role does not allow this; ask a coordinator.',
    UNAUTHENTICATED: 'sign-in is needed.',
    INTERNAL: 'something unexpected went wrong; try again, and if it repeats, make a backup and tell the administrator.',
    DISK_FULL: 'the disk is full: free some disk space and try again; nothing was written.',
    BUSY: 'another operation has been writing to the database for too long; try again in a few moments.',
  },
};

const CATALOGUES: Record<CliLang, Catalogue> = { ro, en };

export type MessageKey = Exclude<keyof typeof ro, 'error'>;

const fill = (s: string, params: Record<string, unknown>, lang: CliLang) =>
  s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => {
    const v = params[k];
    return typeof v === 'number' ? v.toLocaleString(lang === 'ro' ? 'ro-RO' : 'en-GB') : String(v ?? '');
  });

/** A CLI message in the run's language; `count` picks the Romanian plural form (one / few / other). */
export function say(key: MessageKey, params: Record<string, unknown> = {}, lang: CliLang = cliLang()): string {
  const text: Text = CATALOGUES[lang][key] as Text;
  if (typeof text === 'string') return fill(text, params, lang);
  const form = new Intl.PluralRules(lang === 'ro' ? 'ro-RO' : 'en-GB').select(Number(params.count ?? 0)) as keyof Plural;
  return fill(text[form] ?? text.other, params, lang);
}

/** One field issue in a sentence: the field named, the reason in words (the app's catalogue). */
export function issueSentence(i: FieldIssue, lang: CliLang = cliLang()): string {
  const texts = ISSUE_TEXT[lang] as Record<string, string>;
  // In English, core's own sentence for a domain rule is already English and names the amounts; keep it.
  if (lang === 'en' && !isIssueCode(i.reason) && !(ZOD_REASONS as readonly string[]).includes(i.reason))
    return say('fieldIssue', { field: i.field, text: i.message }, lang);
  const template = texts[i.reason];
  // A reason the catalogue has no words for (the zip refusals: „bombă zip”, too many parts…): core's own
  // sentence names the limits, where the generic "Valoare nevalidă." would hide why the file was refused.
  if (template === undefined && i.message) return say('fieldIssue', { field: i.field, text: i.message }, lang);
  return say('fieldIssue', { field: i.field, text: fillIssueText(template ?? texts.custom, i.params, lang) }, lang);
}

/** A refused cell: where, then why — in the run's language when the cell failed a check the catalogue words. */
export function cellSentence(
  c: { sheet: string; column: string; row: number; message: string; reason?: string; params?: FieldIssue['params'] },
  lang: CliLang = cliLang(),
): string {
  if (c.reason === 'formula') return c.message; // already names its cell (Registru!F4: …)
  const template = c.reason ? (ISSUE_TEXT[lang] as Record<string, string>)[c.reason] : undefined;
  return say('cellAt', { ...c, message: template ? fillIssueText(template, c.params, lang) : c.message }, lang);
}

/** An API error as the CLI prints it: every field issue, then what to do; otherwise the code's sentence. */
export function errorSentence(e: ApiErrorData, lang: CliLang = cliLang()): string {
  const issues = e.details?.issues;
  if (issues?.length) return `${issues.map((i) => issueSentence(i, lang)).join('; ')}. ${say('fixAndRetry', {}, lang)}`.replace(/\.\. /g, '. ');
  if (lang === 'en') return e.message;
  const what = typeof e.details?.entity === 'string' ? ` (${e.details.entity}${typeof e.details.id === 'string' ? ` ${e.details.id}` : ''})` : '';
  return `${CATALOGUES.ro.error[e.code]}${what}`;
}
