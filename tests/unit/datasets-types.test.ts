import { afterAll, describe, expect, it } from 'vitest';
import { compileSchema, parseSchema, SchemaError, validateFile, type Report, type TableField, type TableSchema } from '../../electron/core/datasets/validate';
import { tableSchemaSchema } from '../../electron/contract';
import { tempDir } from './datasets-helpers';

/**
 * The Table Schema v2 types beyond the basic ones — geopoint, duration, list, geojson — and the spec's rules for
 * object, array, any, year, yearmonth and time: every valid shape reads, every invalid shape is a type-error naming
 * the row, the field, the cell and "type is <type>/<format>" the way frictionless-py words it.
 */
const tmp = tempDir();
afterAll(() => tmp.cleanup());
let n = 0;
const q = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** A one-column CSV (every cell quoted, so JSON and "lon, lat" survive) validated against one field. */
async function column(field: TableField, cells: string[], extra: Partial<TableSchema> = {}): Promise<Report> {
  const file = tmp.write(`t${++n}.csv`, `${q(field.name)}\n${cells.map(q).join('\n')}\n`);
  return validateFile(file, { schema: { fields: [field], ...extra }, delimiter: ',', duplicateRows: false, personalData: false });
}
/** The type errors as [row, field, cell]. */
const typeErrors = (r: Report) => r.errors.filter((e) => e.type === 'type-error').map((e) => [e.rowNumber, e.fieldName, e.cell]);
const notes = (r: Report) => r.errors.map((e) => [e.rowNumber, e.type, e.note]);

describe('geopoint', () => {
  it('default format "LON, LAT": valid points, and every bad shape is a type-error on its row', async () => {
    const good = ['21.2087, 45.7489', '21.2087,45.7489', '-180, -90', '180, 90', '0, 0'];
    const bad = ['21.2087', '21.2087, 45.7489, 90', '181, 45', '21, -91', 'abc, 45', '', '[21, 45]'];
    const r = await column({ name: 'loc', type: 'geopoint' }, [...good, ...bad.filter((b) => b !== '')]);
    expect(typeErrors(r)).toEqual(bad.filter((b) => b !== '').map((cell, i) => [good.length + 2 + i, 'loc', cell]));
    expect(r.errors[0].message).toBe(
      `Type error in the cell "21.2087" in row "${good.length + 2}" and field "loc" at position "1": type is "geopoint/default"`,
    );
  });

  it('array format [lon, lat] and object format {"lon", "lat"}', async () => {
    const arr = await column({ name: 'p', type: 'geopoint', format: 'array' }, [
      '[21.2, 45.7]',
      '["21.2", "45.7"]',
      '[21.2]',
      '[200, 45]',
      '{"lon": 21, "lat": 45}',
      '21.2, 45.7',
      '[21, 45, 3]',
    ]);
    expect(typeErrors(arr).map((e) => e[0])).toEqual([4, 5, 6, 7, 8]);
    expect(arr.errors[0].note).toBe('type is "geopoint/array"');
    const obj = await column({ name: 'p', type: 'geopoint', format: 'object' }, [
      '{"lon": 21.2, "lat": 45.7}',
      '{"lat": -45, "lon": -170}',
      '{"lon": 21.2}',
      '{"lon": 21, "lat": 95}',
      '{"lon": 1, "lat": 2, "alt": 3}',
      '[21, 45]',
      'not json',
    ]);
    expect(typeErrors(obj).map((e) => e[0])).toEqual([4, 5, 6, 7, 8]);
  });

  it('unique applies to the point (the same coordinates written differently are duplicates); an unknown format is refused', async () => {
    const r = await column({ name: 'p', type: 'geopoint', constraints: { unique: true } }, ['21.2, 45.7', '21.20,45.70', '21.3, 45.7']);
    expect(r.errors.map((e) => [e.type, e.rowNumber])).toEqual([['unique-error', 3]]);
    expect(() => compileSchema({ fields: [{ name: 'p', type: 'geopoint', format: 'wkt' }] })).toThrow(/geopoint format "wkt"/);
  });
});

describe('duration', () => {
  it('ISO 8601 durations read; anything else is a type-error', async () => {
    const good = ['P1Y2M10DT2H30M', 'P3W', 'PT0.5S', 'PT36H', 'P1D', '-P2D', 'P0,5Y'];
    const bad = ['1Y2M', 'P', 'PT', 'P1DT', 'P1H', 'P1Y2D3M', 'two days', 'PT-5M'];
    const r = await column({ name: 'durata', type: 'duration' }, [...good, ...bad]);
    expect(typeErrors(r)).toEqual(bad.map((cell, i) => [good.length + 2 + i, 'durata', cell]));
    expect(r.errors[0].note).toBe('type is "duration/default"');
  });

  it('minimum/maximum compare lengths, enum compares equal durations (PT90M is PT1H30M)', async () => {
    const r = await column({ name: 'd', type: 'duration', constraints: { minimum: 'PT1H', maximum: 'P1D' } }, ['PT1H', 'PT59M', 'PT24H', 'PT24H1S', 'P1M']);
    expect(notes(r)).toEqual([
      [3, 'constraint-error', 'constraint "minimum" is "PT1H"'],
      [5, 'constraint-error', 'constraint "maximum" is "P1D"'],
      [6, 'constraint-error', 'constraint "maximum" is "P1D"'],
    ]);
    const e = await column({ name: 'd', type: 'duration', constraints: { enum: ['PT1H30M', 'P1M'] } }, ['PT90M', 'PT1H30M', 'P1M', 'P30D']);
    expect(notes(e)).toEqual([[5, 'constraint-error', 'constraint "enum" is "PT1H30M,P1M"']]);
  });
});

describe('list', () => {
  it('splits on "," by default; items of another itemType must each read, else the cell is a type-error', async () => {
    const s = await column({ name: 'etichete', type: 'list' }, ['parc,grădină', 'piață', 'a,,b']);
    expect(s.valid).toBe(true);
    const ints = await column({ name: 'coduri', type: 'list', itemType: 'integer' }, ['1,2,3', '155243, 155252', '7', '1,x,3', '1,,3', '1.5']);
    expect(typeErrors(ints)).toEqual([
      [5, 'coduri', '1,x,3'],
      [6, 'coduri', '1,,3'],
      [7, 'coduri', '1.5'],
    ]);
    expect(ints.errors[0].note).toBe('type is "list/default"');
  });

  it('a delimiter of choice, and date items', async () => {
    const r = await column({ name: 'zile', type: 'list', delimiter: ';', itemType: 'date' }, ['2024-01-01;2024-02-01', '2024-01-01,2024-02-01', '2024-02-30']);
    expect(typeErrors(r).map((e) => e[0])).toEqual([3, 4]);
  });

  it('minLength/maxLength count items; enum compares whole lists; unique compares lists', async () => {
    const r = await column({ name: 'l', type: 'list', itemType: 'integer', constraints: { minLength: 2, maxLength: 3 } }, ['1,2', '1', '1,2,3,4']);
    expect(notes(r)).toEqual([
      [3, 'constraint-error', 'constraint "minLength" is "2"'],
      [4, 'constraint-error', 'constraint "maxLength" is "3"'],
    ]);
    const e = await column({ name: 'l', type: 'list', itemType: 'integer', constraints: { enum: ['1,2', '3'] } }, ['1,2', '1, 2', '3', '2,1']);
    expect(notes(e)).toEqual([[5, 'constraint-error', 'constraint "enum" is "1,2,3"']]);
    const u = await column({ name: 'l', type: 'list', itemType: 'integer', constraints: { unique: true } }, ['1,2', '1, 2']);
    expect(u.errors.map((x) => [x.type, x.rowNumber])).toEqual([['unique-error', 3]]);
  });

  it('an itemType outside the spec and an empty delimiter are refused', () => {
    expect(() => compileSchema({ fields: [{ name: 'l', type: 'list', itemType: 'geopoint' as never }] })).toThrow(/itemType "geopoint"/);
    expect(() => compileSchema({ fields: [{ name: 'l', type: 'list', delimiter: '' }] })).toThrow(SchemaError);
  });
});

describe('geojson', () => {
  const point = '{"type": "Point", "coordinates": [21.22, 45.75]}';
  const feature = `{"type": "Feature", "geometry": ${point}, "properties": {"nume": "Parcul Rozelor"}}`;
  const polygon = '{"type": "Polygon", "coordinates": [[[21.2, 45.7], [21.3, 45.7], [21.3, 45.8], [21.2, 45.7]]]}';
  it('default: a JSON object with a valid GeoJSON type and coordinates', async () => {
    const good = [
      point,
      feature,
      polygon,
      `{"type": "FeatureCollection", "features": [${feature}]}`,
      `{"type": "GeometryCollection", "geometries": [${point}, ${polygon}]}`,
      '{"type": "LineString", "coordinates": [[21, 45], [22, 46]]}',
      '{"type": "Feature", "geometry": null, "properties": null}',
    ];
    const bad = [
      '{"type": "Circle", "coordinates": [21, 45]}',
      '{"coordinates": [21, 45]}',
      '{"type": "Point", "coordinates": [21]}',
      '{"type": "Point", "coordinates": ["21", "45"]}',
      '{"type": "LineString", "coordinates": [[21, 45]]}',
      '{"type": "Polygon", "coordinates": [[[21, 45], [22, 46], [21, 45]]]}',
      '{"type": "Feature", "geometry": {"type": "Point"}, "properties": {}}',
      '{"type": "FeatureCollection", "features": [' + point + ']}',
      '[21, 45]',
      '"Point"',
      '21.22, 45.75',
    ];
    const r = await column({ name: 'geom', type: 'geojson' }, [...good, ...bad]);
    expect(typeErrors(r)).toEqual(bad.map((cell, i) => [good.length + 2 + i, 'geom', cell]));
    expect(r.errors[0].note).toBe('type is "geojson/default"');
  });

  it('topojson: a Topology with objects and arcs', async () => {
    const r = await column({ name: 'topo', type: 'geojson', format: 'topojson' }, [
      '{"type": "Topology", "objects": {"parc": {"type": "Polygon", "arcs": [[0]]}}, "arcs": [[[0, 0], [1, 0], [0, 1]]]}',
      point,
      '{"type": "Topology", "objects": {}}',
    ]);
    expect(typeErrors(r).map((e) => e[0])).toEqual([3, 4]);
    expect(r.errors[0].note).toBe('type is "geojson/topojson"');
  });
});

describe('object, array, any, year, yearmonth, time — as the spec reads them', () => {
  it('object is a JSON object, array a JSON array; minLength/maxLength count keys and items', async () => {
    const o = await column({ name: 'o', type: 'object', constraints: { maxLength: 1 } }, [
      '{"a": 1}',
      '{}',
      '[1]',
      'null',
      '"text"',
      '{a: 1}',
      '{"a": 1, "b": 2}',
    ]);
    expect(typeErrors(o).map((e) => e[0])).toEqual([4, 5, 6, 7]);
    expect(notes(o).at(-1)).toEqual([8, 'constraint-error', 'constraint "maxLength" is "1"']);
    const a = await column({ name: 'a', type: 'array', constraints: { minLength: 1 } }, ['[1, "x"]', '[]', '{"a": 1}', '1,2']);
    expect(typeErrors(a).map((e) => e[0])).toEqual([4, 5]);
    expect(notes(a)[0]).toEqual([3, 'constraint-error', 'constraint "minLength" is "1"']);
  });

  it('any takes every value, and a field without a type is any', async () => {
    const r = await column({ name: 'x', type: 'any', constraints: { enum: ['a', '1'] } }, ['a', '1', 'b']);
    expect(notes(r)).toEqual([[4, 'constraint-error', 'constraint "enum" is "a,1"']]);
    expect((await column({ name: 'x' }, ['{', '[', '∞'])).valid).toBe(true);
  });

  it('year is exactly four digits; yearmonth YYYY-MM with a month 01–12; time hh:mm:ss by default', async () => {
    const y = await column({ name: 'an', type: 'year', constraints: { minimum: 2000 } }, ['2024', '0999', '+2024', '-202', '20245', '24', '1999']);
    expect(typeErrors(y).map((e) => e[2])).toEqual(['+2024', '-202', '20245', '24']);
    expect(notes(y).filter((e) => e[1] === 'constraint-error')).toEqual([
      [3, 'constraint-error', 'constraint "minimum" is "2000"'],
      [8, 'constraint-error', 'constraint "minimum" is "2000"'],
    ]);
    const ym = await column({ name: 'luna', type: 'yearmonth' }, ['2024-01', '2024-12', '2024-13', '2024-00', '2024-1', '2024/01', '202401']);
    expect(typeErrors(ym).map((e) => e[2])).toEqual(['2024-13', '2024-00', '2024-1', '2024/01', '202401']);
    const t = await column({ name: 'ora', type: 'time' }, ['08:30:00', '23:59:59', '08:30:00Z', '24:00:00', '08:60:00', '8:30', '08:30']);
    expect(typeErrors(t).map((e) => e[2])).toEqual(['24:00:00', '08:60:00', '8:30', '08:30']);
    expect(t.errors[0].message).toBe('Type error in the cell "24:00:00" in row "5" and field "ora" at position "1": type is "time/default"');
    const tf = await column({ name: 'ora', type: 'time', format: '%H:%M' }, ['08:30', '8:30', '08:30:00']);
    expect(typeErrors(tf).map((e) => e[2])).toEqual(['08:30:00']);
  });
});

describe('descriptors and the editor contract', () => {
  const schema = {
    fields: [
      { name: 'loc', type: 'geopoint', format: 'array' },
      { name: 'durata', type: 'duration', constraints: { maximum: 'P1D' } },
      { name: 'coduri', type: 'list', delimiter: ';', itemType: 'integer', constraints: { minLength: 1, maxLength: 5 } },
      { name: 'geom', type: 'geojson', format: 'topojson' },
    ],
  };
  it('a Table Schema with the new types reads (parseSchema) and passes the editor contract unchanged', () => {
    expect(parseSchema(JSON.parse(JSON.stringify(schema)))).toEqual(schema);
    const saved = tableSchemaSchema.parse(schema);
    expect(saved.fields.map((f) => [f.name, f.type, f.format, f.delimiter, f.itemType])).toEqual([
      ['loc', 'geopoint', 'array', undefined, undefined],
      ['durata', 'duration', undefined, undefined, undefined],
      ['coduri', 'list', undefined, ';', 'integer'],
      ['geom', 'geojson', 'topojson', undefined, undefined],
    ]);
  });

  it('the contract refuses an itemType outside the spec; parseSchema names a bad geojson format', () => {
    expect(tableSchemaSchema.safeParse({ fields: [{ name: 'l', type: 'list', itemType: 'object' }] }).success).toBe(false);
    expect(() => parseSchema({ fields: [{ name: 'g', type: 'geojson', format: 'wkt' }] })).toThrow(/geojson format "wkt"/);
  });
});
