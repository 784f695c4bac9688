/**
 * Table Schema and Data Package descriptors: read (with clear errors), write, and resource entries with
 * byte size and SHA-256 (streamed). A Data Package given as "the schema" also supplies the reference
 * tables its foreign keys name (other resources, by path relative to the descriptor or inline `data`).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { foldText } from '../../../contract/text';
import { compileSchema, SchemaError } from './cast';
import { checkDialect } from './dialect';
import { detectEncoding } from './encoding';
import type { DataPackage, DataResource, Dialect, EncodingName, ReferenceSource, TableSchema } from './types';
import { FIELD_TYPES } from './types';

export const TABLE_SCHEMA_PROFILE = 'https://datapackage.org/profiles/2.0/tableschema.json';
export const DATA_PACKAGE_PROFILE = 'https://datapackage.org/profiles/2.0/datapackage.json';
export const DATA_RESOURCE_PROFILE = 'https://datapackage.org/profiles/2.0/dataresource.json';

const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);

/** Deepest nesting a descriptor may have: a Table Schema needs about 6 levels; beyond this, code walking it recursively could overflow the stack. */
export const MAX_JSON_DEPTH = 64;

/** How deeply a parsed JSON value nests (counted without recursion, so a hostile file cannot overflow the stack here). */
function depthOf(root: unknown, limit: number): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[root, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    if (d > max) max = d;
    if (max > limit) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (child && typeof child === 'object') stack.push([child, d + 1]);
  }
  return max;
}

/**
 * A descriptor file as JSON, refusing what would mislead or crash what reads it: bytes that are not UTF-8 (JSON
 * descriptors are UTF-8; read otherwise, "oraș" in ISO-8859-16 becomes "ora�" and every label is wrong) are named
 * with the encoding they look like; nesting deeper than MAX_JSON_DEPTH is refused before anything walks it.
 */
function readJsonFile(file: string, what: string): unknown {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new SchemaError(`cannot read ${what}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : (e as Error).message}`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // the best-scoring single-byte encoding; on a tie, the one reading more comma-below letters (ș ț: ISO-8859-16)
    const ranked = [...detectEncoding(bytes).candidates].sort((x, y) => y.score - x.score || y.romanian - x.romanian);
    const named = ranked.length
      ? `${ranked[0].encoding} (it reads ${ranked[0].romanian} Romanian letters there; other candidates: ${ranked
          .slice(1)
          .map((c) => c.encoding)
          .join(', ')})`
      : 'a single-byte encoding';
    throw new SchemaError(`${what} is not UTF-8: its bytes look like ${named}; save it as UTF-8 — a Table Schema or Data Package is always read as UTF-8`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new SchemaError(`cannot read ${what}: ${(e as Error).message}`);
  }
  const depth = depthOf(json, MAX_JSON_DEPTH);
  if (depth > MAX_JSON_DEPTH)
    throw new SchemaError(`${what} nests JSON more than ${MAX_JSON_DEPTH} levels deep; a Table Schema needs a handful (an enum lists plain values)`);
  return json;
}

/** Checks a parsed JSON value is a usable Table Schema (throws SchemaError naming the problem). */
export function parseSchema(json: unknown): TableSchema {
  if (!isObj(json)) throw new SchemaError('a Table Schema must be a JSON object');
  if (!Array.isArray(json.fields)) throw new SchemaError('a Table Schema needs a "fields" list');
  json.fields.forEach((f, i) => {
    if (!isObj(f)) throw new SchemaError(`field ${i + 1} must be an object`);
    if (typeof f.name !== 'string' || !f.name) throw new SchemaError(`field ${i + 1} needs a "name"`);
    if (f.type !== undefined && !(FIELD_TYPES as readonly unknown[]).includes(f.type))
      throw new SchemaError(`field "${f.name}": type "${String(f.type)}" is not supported (use ${FIELD_TYPES.join(', ')})`);
    if (f.constraints !== undefined && !isObj(f.constraints)) throw new SchemaError(`field "${f.name}": constraints must be an object`);
  });
  if (json.missingValues !== undefined && !Array.isArray(json.missingValues)) throw new SchemaError('"missingValues" must be a list');
  const schema = json as unknown as TableSchema;
  compileSchema(schema); // formats, patterns, keys
  return schema;
}

export interface Descriptor {
  schema: TableSchema;
  references: Record<string, ReferenceSource>;
  dialect?: Dialect;
  encoding?: EncodingName;
  /** The resource the schema came from, when the descriptor is a Data Package. */
  resource?: string;
}

/**
 * The descriptor's foreign keys that point at a resource it does not supply (none in a lone Table Schema, or not in
 * the Data Package, or whose file is not there): a problem of the schema or package, not of the data — the CLI exits 2.
 * Returns one English sentence per problem.
 */
export function missingReferences(d: Descriptor): string[] {
  const out: string[] = [];
  for (const fk of d.schema.foreignKeys ?? []) {
    const res = fk.reference?.resource ?? '';
    if (!res) continue;
    const fields = (Array.isArray(fk.fields) ? fk.fields : [fk.fields]).join(', ');
    const src = d.references[res];
    if (!src)
      out.push(
        d.resource
          ? `the foreign key (${fields}) refers to the resource "${res}", which the data package does not have`
          : `the foreign key (${fields}) refers to the resource "${res}"; a Table Schema alone cannot supply it — validate with the datapackage.json that lists "${res}"`,
      );
    else if ('path' in src && !fs.existsSync(src.path))
      out.push(`the foreign key (${fields}) refers to the resource "${res}", whose file ${src.path} does not exist`);
  }
  return out;
}

/**
 * Reads a Table Schema JSON file, or a Data Package (`resources` present): the resource whose path has the
 * data file's name (else the first resource with a schema), and every other resource as a reference table.
 */
export function readDescriptorFile(file: string, dataFile?: string): Descriptor {
  let json = readJsonFile(file, path.basename(file));
  // a Data Resource descriptor alone (path or data, and a schema): read as a package of that one resource
  if (
    isObj(json) &&
    !Array.isArray(json.resources) &&
    !Array.isArray(json.fields) &&
    json.schema !== undefined &&
    (json.path !== undefined || json.data !== undefined)
  )
    json = { resources: [json] };
  if (!isObj(json) || !Array.isArray(json.resources)) return { schema: parseSchema(json), references: {} };
  const pkg = json as unknown as DataPackage;
  const base = path.dirname(file);
  const name = dataFile ? path.basename(dataFile) : null;
  const own = pkg.resources.find((r) => name && typeof r.path === 'string' && path.basename(r.path) === name) ?? pkg.resources.find((r) => r.schema);
  if (!own?.schema) throw new SchemaError('the Data Package has no resource with a schema');
  let ownSchema: unknown = own.schema;
  if (typeof ownSchema === 'string') {
    // a schema kept in its own file, by path relative to the descriptor
    ownSchema = readJsonFile(path.resolve(base, ownSchema), `the schema ${String(own.schema)}`);
  }
  const references: Record<string, ReferenceSource> = {};
  for (const r of pkg.resources) {
    if (r === own || !r.name) continue;
    if (typeof r.path === 'string') references[r.name] = { path: path.resolve(base, r.path), ...(r.encoding ? { encoding: r.encoding as EncodingName } : {}) };
    else if (Array.isArray(r.data)) {
      const rows = r.data;
      if (rows.length && Array.isArray(rows[0])) references[r.name] = { header: (rows[0] as unknown[]).map(String), values: rows.slice(1) as unknown[][] };
      else references[r.name] = { rows: rows as Array<Record<string, unknown>> };
    }
  }
  // a dialect kept in its own file, by path relative to the descriptor (Data Package v2)
  const dialect = typeof own.dialect === 'string' ? readDialectFile(path.resolve(base, own.dialect)) : own.dialect;
  if (dialect !== undefined) parseDialect(dialect);
  return { schema: parseSchema(ownSchema), references, dialect, encoding: own.encoding as EncodingName | undefined, resource: own.name };
}

/** Checks a Table Dialect (a JSON object with the properties dialect.ts knows); throws SchemaError naming the problem. */
export function parseDialect(json: unknown): Dialect {
  if (!isObj(json)) throw new SchemaError('a Table Dialect must be a JSON object');
  try {
    checkDialect(json as Dialect);
  } catch (e) {
    throw new SchemaError((e as Error).message);
  }
  return json as Dialect;
}

/** A Table Dialect JSON file (`--dialect FILE`, or a resource's `"dialect": "dialect.json"`). */
export function readDialectFile(file: string): Dialect {
  return parseDialect(readJsonFile(file, path.basename(file)));
}

/** Table Schema JSON as written to disk (2-space, `$schema` first, a final newline). */
export function schemaToJson(schema: TableSchema): string {
  const { $schema, ...rest } = schema;
  return `${JSON.stringify({ $schema: $schema ?? TABLE_SCHEMA_PROFILE, ...rest }, null, 2)}\n`;
}

/** Byte size and `sha256:<hex>` of a file, streamed. */
export async function fileDigest(file: string): Promise<{ bytes: number; hash: string }> {
  const h = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    h.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { bytes, hash: `sha256:${h.digest('hex')}` };
}

/** A resource name as the spec recommends: lower case a-z 0-9 . _ - */
export const resourceName = (s: string) =>
  foldText(s)
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'data';

/** A Data Resource for a CSV written by us (UTF-8, comma), with its size and hash. `relPath` is how datapackage.json names it. */
export async function csvResource(
  file: string,
  o: { name?: string; relPath?: string; schema: TableSchema; title?: string; description?: string; encoding?: string; delimiter?: string },
): Promise<DataResource> {
  const { bytes, hash } = await fileDigest(file);
  return {
    name: resourceName(o.name ?? path.basename(file, path.extname(file))),
    type: 'table',
    path: o.relPath ?? path.basename(file),
    ...(o.title ? { title: o.title } : {}),
    ...(o.description ? { description: o.description } : {}),
    format: 'csv',
    mediatype: 'text/csv',
    encoding: o.encoding ?? 'utf-8',
    bytes,
    hash,
    dialect: { delimiter: o.delimiter ?? ',', header: true },
    schema: o.schema,
  };
}

export function dataPackage(o: Omit<DataPackage, '$schema'> & { resources: DataResource[] }): DataPackage {
  return { $schema: DATA_PACKAGE_PROFILE, ...o, resources: o.resources };
}

export const dataPackageToJson = (p: DataPackage) => `${JSON.stringify(p, null, 2)}\n`;
