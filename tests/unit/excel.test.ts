import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
// @ts-expect-error ExcelJS ships no types for its parts: the styles part, whose rendering the writer avoids repeating
import StylesXform from 'exceljs/lib/xlsx/xform/style/styles-xform';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { listZip, readZipEntry } from '../../electron/core/zip';
import { HEADER_FILL, NUM_FMT, RAG_STYLES, sheetLink, writeWorkbook, writeWorkbookInMemory, type ColumnSpec, type Link } from '../../electron/core/excel';

interface Row {
  code: string;
  name: Link | string;
  day: string | null;
  count: number | null;
  amount: number | null;
  share: number | null;
  lei: number | null;
  at: string | null;
  label: string;
  rag: string;
}

const COLUMNS: ColumnSpec<Row>[] = [
  { key: 'code', header: 'Cod', width: 8 },
  { key: 'name', header: 'Nume', width: 40 },
  { key: 'day', header: 'Data', type: 'date' },
  { key: 'count', header: 'Număr', type: 'int' },
  { key: 'amount', header: 'Valoare', type: 'decimal' },
  { key: 'share', header: 'Procent', type: 'percent' },
  { key: 'lei', header: 'Sumă', type: 'lei' },
  { key: 'at', header: 'Înregistrat', type: 'datetime' },
  { key: 'label', header: 'Stare', rag: 'rag' },
];

const fillOf = (cell: ExcelJS.Cell) => (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;

async function read(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-excel-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.each([
  ['streaming', writeWorkbook],
  ['in-memory', writeWorkbookInMemory],
] as const)('%s writer', (_name, write) => {
  it('writes typed cells, header styling, frozen pane, filter, RAG fills and a sheet link', async () => {
    const out = path.join(dir, 'out.xlsx');
    const progress: number[] = [];
    const result = await write(
      out,
      async (wb) => {
        const first = wb.sheet<Row>({ name: 'Întâi', columns: COLUMNS });
        const r2 = await first.addRow({
          code: 'A1',
          name: 'Șir cu diacritice: ăâîșț',
          day: '2023-12-31',
          count: 1234,
          amount: 1234.5,
          share: 45.5,
          lei: 123456,
          at: '2024-01-15T10:30:00.000Z',
          label: 'Întârziat',
          rag: 'late',
        });
        expect(r2).toBe(2);
        await first.addRow({
          code: 'A2',
          name: 'gol',
          day: null,
          count: null,
          amount: null,
          share: null,
          lei: null,
          at: null,
          label: 'Pe drumul cel bun',
          rag: 'on_track',
        });
        await first.addRow({ code: 'A3', name: 'x', day: null, count: 0, amount: 0, share: 100, lei: 0, at: null, label: 'Neînceput', rag: 'not_started' });
        const second = wb.sheet<{ ref: Link; rag: string }>({
          name: 'Al doilea',
          columns: [
            { key: 'ref', header: 'Legătură' },
            { key: 'rag', header: 'RAG', rag: true },
          ],
        });
        await second.addRow({ ref: { text: 'A1', hyperlink: sheetLink('Întâi', 2) }, rag: 'at_risk' });
        await second.addRow({ ref: { text: 'A2', hyperlink: sheetLink('Întâi', 3) }, rag: 'no_data' });
        await second.addRow({ ref: { text: 'A3', hyperlink: sheetLink('Întâi', 4) }, rag: 'complete' });
      },
      { onProgress: (f) => progress.push(f), totalRows: 6 },
    );
    expect(result).toEqual({ path: out, rows: 6, sheets: ['Întâi', 'Al doilea'] });
    expect(fs.existsSync(`${out}.partial`)).toBe(false);
    expect(progress.at(-1)).toBe(1);

    const wb = await read(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Întâi', 'Al doilea']);
    const ws = wb.getWorksheet('Întâi')!;

    // Header
    expect(COLUMNS.map((_, i) => ws.getRow(1).getCell(i + 1).value)).toEqual(COLUMNS.map((c) => c.header));
    const h = ws.getCell('A1');
    expect(h.font?.bold).toBe(true);
    expect(fillOf(h)).toBe(HEADER_FILL);

    // Frozen below the header, filter over header + data, widths
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:I4');
    expect(ws.getColumn(1).width).toBe(8);
    expect(ws.getColumn(2).width).toBe(40);

    // Typed values and formats
    expect(ws.getCell('B2').value).toBe('Șir cu diacritice: ăâîșț');
    const day = ws.getCell('C2');
    expect(day.value).toBeInstanceOf(Date);
    expect((day.value as Date).toISOString()).toBe('2023-12-31T00:00:00.000Z');
    expect(day.numFmt).toBe(NUM_FMT.date);
    expect(ws.getCell('D2').value).toBe(1234);
    expect(ws.getCell('D2').numFmt).toBe('#,##0');
    expect(ws.getCell('E2').value).toBe(1234.5);
    expect(ws.getCell('E2').numFmt).toBe('#,##0.00');
    expect(ws.getCell('F2').value).toBeCloseTo(0.455, 10);
    expect(ws.getCell('F2').numFmt).toBe('0.0%');
    expect(ws.getCell('G2').value).toBe(1234.56);
    expect(ws.getCell('G2').numFmt).toBe('#,##0.00 "lei"');
    const at = ws.getCell('H2');
    expect(at.value).toBeInstanceOf(Date);
    // 10:30 UTC in January is 12:30 in Timișoara (EET, UTC+2)
    expect((at.value as Date).toISOString()).toBe('2024-01-15T12:30:00.000Z');
    expect(at.numFmt).toBe(NUM_FMT.datetime);
    // Empty values stay empty (not 0, not "null")
    expect(ws.getCell('C3').value).toBeNull();
    expect(ws.getCell('D3').value).toBeNull();
    expect(ws.getCell('D4').value).toBe(0);
    expect(ws.getCell('F4').value).toBe(1);

    // RAG fills follow the status field while the cell shows the label
    expect(ws.getCell('I2').value).toBe('Întârziat');
    expect(fillOf(ws.getCell('I2'))).toBe(RAG_STYLES.late.fill);
    expect(fillOf(ws.getCell('I3'))).toBe(RAG_STYLES.on_track.fill);
    expect(fillOf(ws.getCell('I4'))).toBe(RAG_STYLES.not_started.fill);
    expect(fillOf(ws.getCell('H2'))).toBeUndefined();

    const ws2 = wb.getWorksheet('Al doilea')!;
    expect(ws2.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws2.autoFilter).toBe('A1:B4');
    const link = ws2.getCell('A2');
    expect(link.text).toBe('A1');
    expect(link.hyperlink).toBe("#'Întâi'!A2");
    expect(fillOf(ws2.getCell('B2'))).toBe(RAG_STYLES.at_risk.fill);
    expect(fillOf(ws2.getCell('B3'))).toBe(RAG_STYLES.no_data.fill);
    expect(fillOf(ws2.getCell('B4'))).toBe(RAG_STYLES.complete.fill);
  });

  it("every sheet's filter is also the hidden, sheet-local name _xlnm._FilterDatabase (what LibreOffice needs to show it)", async () => {
    const out = path.join(dir, 'filters.xlsx');
    await write(out, async (wb) => {
      const a = wb.sheet<{ n: number; t: string }>({
        name: 'Riscuri',
        columns: [
          { key: 'n', header: 'Nr', type: 'int' },
          { key: 't', header: 'Titlu' },
        ],
      });
      for (let n = 1; n <= 3; n++) await a.addRow({ n, t: `r${n}` });
      wb.sheet<{ n: number }>({ name: "Măsuri & note d'azi", columns: [{ key: 'n', header: 'Nr', type: 'int' }] }); // no rows: the header alone
    });
    const xml = workbookXml(out);
    const names = [...xml.matchAll(/<definedName ([^>]*)>([^<]*)<\/definedName>/g)].map((m) => ({ attrs: m[1], ref: m[2] }));
    expect(names).toEqual([
      { attrs: 'name="_xlnm._FilterDatabase" localSheetId="0" hidden="1"', ref: "'Riscuri'!$A$1:$B$4" },
      { attrs: 'name="_xlnm._FilterDatabase" localSheetId="1" hidden="1"', ref: "'Măsuri &amp; note d''azi'!$A$1:$A$1" },
    ]);
    // The definedNames element sits where the schema wants it: after <sheets>, before <calcPr>.
    expect(xml).toMatch(/<\/sheets><definedNames>.*<\/definedNames><calcPr/);
    // The file is still a workbook ExcelJS reads, with the filters in place.
    const wb = await read(out);
    expect(wb.getWorksheet('Riscuri')!.autoFilter).toBeTruthy();
  });

  it('gives each cell exactly its own look, and renders each look once, not once per cell', async () => {
    type Look = { code: Link | string; count: number; rag: string | null };
    const columns: ColumnSpec<Look>[] = [
      { key: 'code', header: 'Cod', rag: 'rag' },
      { key: 'count', header: 'Număr', type: 'decimal', numFmt: (r) => (Number.isInteger(r.count) ? '#,##0' : undefined) },
    ];
    const rows: Look[] = Array.from({ length: 600 }, (_, i) => ({
      code: i % 3 === 0 ? { text: `A${i}`, hyperlink: sheetLink('Aspect', 2) } : `A${i}`,
      count: i % 2 ? i : i + 0.5,
      rag: [null, 'late', 'on_track', 'complete', 'at_risk'][i % 5],
    }));
    const rendered = vi.spyOn(StylesXform.prototype, '_addStyle');
    const out = path.join(dir, 'looks.xlsx');
    try {
      await write(out, async (wb) => {
        const s = wb.sheet({ name: 'Aspect', columns });
        for (const r of rows) await s.addRow(r);
      });
      // ExcelJS renders a style to XML to find its index unless the cell's style object is one it has seen: the 1,200
      // cells have 2 × 3 × 5 + 3 looks (link or not, and which fill; whole or not; the header row's three).
      expect(rendered.mock.calls.length).toBeLessThan(60);
    } finally {
      rendered.mockRestore();
    }
    const ws = (await read(out)).getWorksheet('Aspect')!;
    rows.forEach((r, i) => {
      const code = ws.getCell(`A${i + 2}`);
      const fill = r.rag ? RAG_STYLES[r.rag as keyof typeof RAG_STYLES] : undefined;
      expect(fillOf(code)).toBe(fill?.fill);
      // A RAG status's font wins over a link's; neither reaches the cells around it.
      expect(code.font?.color?.argb).toBe(fill ? fill.font : typeof r.code === 'object' ? 'FF0563C1' : undefined);
      expect(Boolean(code.font?.underline)).toBe(typeof r.code === 'object' && !fill);
      expect(code.alignment).toEqual({ vertical: 'top' });
      const count = ws.getCell(`B${i + 2}`);
      expect(count.numFmt).toBe(i % 2 ? '#,##0' : NUM_FMT.decimal);
      expect(fillOf(count)).toBeUndefined();
    });
  });

  it('writes every instant at its wall-clock time in the zone, across changes of offset on and off the quarter hour', async () => {
    // Bucharest: summer time on 31.03.2024 and back on 27.10.2024 (01:00 UTC), and its own time until 24.07.1931,
    // 00:00 local (+01:44:24, a change at 22:15:36 UTC, inside a quarter hour).
    const starts = ['2024-03-31T00:40:00Z', '2024-10-27T00:40:00Z', '1931-07-23T21:50:00Z'];
    const instants = starts.flatMap((s) => Array.from({ length: 150 }, (_, i) => new Date(Date.parse(s) + i * 23_456).toISOString()));
    // Sweden's format is ISO's (2024-03-31 02:59:59): the zone's wall clock, asked another way than the writer asks it.
    const expected = (iso: string) => `${new Date(iso).toLocaleString('sv-SE', { timeZone: 'Europe/Bucharest' }).replace(' ', 'T')}.000Z`;
    const out = path.join(dir, 'instants.xlsx');
    await write(out, async (wb) => {
      const s = wb.sheet<{ at: string }>({ name: 'Ore', columns: [{ key: 'at', header: 'La', type: 'datetime' }] });
      for (const at of instants) await s.addRow({ at });
    });
    const ws = (await read(out)).getWorksheet('Ore')!;
    expect(instants.map((_, i) => (ws.getCell(`A${i + 2}`).value as Date).toISOString())).toEqual(instants.map(expected));
    expect(expected('2024-03-31T00:59:59Z')).toBe('2024-03-31T02:59:59.000Z');
    expect(expected('2024-03-31T01:00:00Z')).toBe('2024-03-31T04:00:00.000Z');
    expect(expected('1931-07-23T22:15:35Z')).toBe('1931-07-23T23:59:59.000Z');
  });
});

/** The text of xl/workbook.xml inside an .xlsx. */
function workbookXml(file: string): string {
  const entry = listZip(file).find((e) => e.name === 'xl/workbook.xml')!;
  const fd = fs.openSync(file, 'r');
  try {
    return readZipEntry(fd, entry).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

describe('writeWorkbook', () => {
  const oneColumn: ColumnSpec<{ n: number }>[] = [{ key: 'n', header: 'n', type: 'int' }];

  it('cancelling mid-write leaves neither the file nor the partial file, and keeps an older file', async () => {
    const out = path.join(dir, 'cancel.xlsx');
    fs.writeFileSync(out, 'older export');
    const ctl = new AbortController();
    const err = await writeWorkbook(
      out,
      async (wb) => {
        const s = wb.sheet({ name: 'Date', columns: oneColumn });
        for (let n = 0; n < 100_000; n++) {
          if (n === 5_000) ctl.abort();
          await s.addRow({ n });
        }
      },
      { signal: ctl.signal },
    ).catch((e: unknown) => e);
    expect((err as Error).name).toBe('AbortError');
    expect(fs.existsSync(`${out}.partial`)).toBe(false);
    expect(fs.readFileSync(out, 'utf8')).toBe('older export');
    expect(fs.readdirSync(dir)).toEqual(['cancel.xlsx']);
  });

  it('cancelling leaves no file at all when there was none', async () => {
    const out = path.join(dir, 'none.xlsx');
    const ctl = new AbortController();
    await expect(
      writeWorkbook(
        out,
        async (wb) => {
          const s = wb.sheet({ name: 'Date', columns: oneColumn });
          await s.addRow({ n: 1 });
          ctl.abort();
          await s.addRow({ n: 2 });
        },
        { signal: ctl.signal },
      ),
    ).rejects.toThrow();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('an already aborted signal writes nothing', async () => {
    const out = path.join(dir, 'pre.xlsx');
    await expect(writeWorkbook(out, async () => {}, { signal: AbortSignal.abort() })).rejects.toThrow();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('an error thrown while filling removes the partial file and is rethrown', async () => {
    const out = path.join(dir, 'err.xlsx');
    await expect(
      writeWorkbook(out, async (wb) => {
        const s = wb.sheet({ name: 'Date', columns: oneColumn });
        await s.addRow({ n: 1 });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses invalid or duplicate sheet names and rows for a finished sheet', async () => {
    const out = path.join(dir, 'bad.xlsx');
    await expect(writeWorkbook(out, async (wb) => void wb.sheet({ name: 'a/b', columns: oneColumn }))).rejects.toThrow(/invalid sheet name/);
    await expect(
      writeWorkbook(out, async (wb) => {
        wb.sheet({ name: 'Date', columns: oneColumn });
        wb.sheet({ name: 'date', columns: oneColumn });
      }),
    ).rejects.toThrow(/duplicate/);
    await expect(
      writeWorkbook(out, async (wb) => {
        const a = wb.sheet({ name: 'A', columns: oneColumn });
        wb.sheet({ name: 'B', columns: oneColumn });
        await a.addRow({ n: 1 });
      }),
    ).rejects.toThrow(/finished/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('streams a large sheet to disk while rows are added, and reads it back whole', async () => {
    const out = path.join(dir, 'big.xlsx');
    const n = 50_000;
    let onDiskBeforeEnd = 0;
    await writeWorkbook(out, async (wb) => {
      const s = wb.sheet({ name: 'Mare', columns: [...oneColumn, { key: 'text', header: 't' }] as ColumnSpec<{ n: number; text: string }>[] });
      for (let i = 0; i < n; i++) await s.addRow({ n: i, text: `rând ${i}` });
      onDiskBeforeEnd = fs.statSync(`${out}.partial`).size;
    });
    // Rows reached the file before the workbook was finished: they are not all held in memory.
    expect(onDiskBeforeEnd).toBeGreaterThan(100_000);
    const wb = await read(out);
    const ws = wb.getWorksheet('Mare')!;
    expect(ws.rowCount).toBe(n + 1);
    expect(ws.getCell(`A${n + 1}`).value).toBe(n - 1);
    expect(ws.autoFilter).toBe(`A1:B${n + 1}`);
  });
});
