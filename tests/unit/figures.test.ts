import { describe, expect, it } from 'vitest';
import { figureNumFmt, formatFigure, formatFigurePercent, RAG_PALETTE, RAG_STATUSES, roundFigure } from '../../electron/contract';
import { RAG_STYLES } from '../../electron/core/excel';
import { SITE_CSS } from '../../electron/core/publishing/style';
import { RAG_COLORS, ragTagStyle } from '../../renderer/src/charts/rag';

/** The one display rule of plan figures (electron/contract/figures.ts) and the one status palette. */

describe('a plan figure is shown the same way everywhere', () => {
  it('keeps one decimal, drops ",0", and writes Romanian and English separators', () => {
    expect(formatFigurePercent(1.4285)).toBe('1,4\u00a0%');
    expect(formatFigurePercent(25)).toBe('25\u00a0%');
    expect(formatFigurePercent(33.35)).toBe('33,4\u00a0%');
    expect(formatFigurePercent(1.4285, 'en')).toBe('1.4%');
    expect(formatFigure(1234.56)).toBe('1.234,6');
    expect(formatFigure(1234.56, 'en')).toBe('1,234.6');
  });

  it('never shows an unfinished figure as 100 % nor a started one as 0 %', () => {
    expect(formatFigurePercent(99.96)).toBe('99,9\u00a0%');
    expect(formatFigurePercent(100)).toBe('100\u00a0%');
    expect(formatFigurePercent(0.01)).toBe('0,1\u00a0%');
    expect(formatFigurePercent(0)).toBe('0\u00a0%');
    expect(roundFigure(150.04)).toBe(150);
  });

  it('shows "Fără date" for a value nobody measured, never 0', () => {
    expect(formatFigure(null)).toBe('Fără date');
    expect(formatFigurePercent(undefined)).toBe('Fără date');
    expect(formatFigurePercent(null, 'en')).toBe('No data');
  });

  it('gives Excel the format that prints the displayed number the same way', () => {
    expect(figureNumFmt(1.4285, 'percent')).toBe('0.0%');
    expect(figureNumFmt(25.02, 'percent')).toBe('0%');
    expect(figureNumFmt(3, 'number')).toBe('#,##0');
    expect(figureNumFmt(1.395, 'number')).toBe('#,##0.0');
  });
});

describe('one palette for bars, legends, tags, workbooks and the site', () => {
  it('colours every status once, with "Fără date" grey rather than purple', () => {
    for (const r of RAG_STATUSES) {
      expect(RAG_COLORS[r]).toBe(RAG_PALETTE[r].fill);
      expect(ragTagStyle(r)).toEqual({ color: RAG_PALETTE[r].text, background: RAG_PALETTE[r].background, borderColor: RAG_PALETTE[r].border });
      expect(RAG_STYLES[r]).toEqual({ fill: `FF${RAG_PALETTE[r].background.slice(1).toUpperCase()}`, font: `FF${RAG_PALETTE[r].text.slice(1).toUpperCase()}` });
      expect(SITE_CSS).toContain(`.rag-${r}{color:${RAG_PALETTE[r].text};background:${RAG_PALETTE[r].background}`);
    }
    const [red, green, blue] = [1, 3, 5].map((n) => parseInt(RAG_PALETTE.no_data.fill.slice(n, n + 2), 16));
    expect(Math.max(red, green, blue) - Math.min(red, green, blue)).toBeLessThan(24); // a grey: no hue
    expect(new Set(RAG_STATUSES.map((r) => RAG_PALETTE[r].fill)).size).toBe(RAG_STATUSES.length);
  });

  it('keeps every tag readable: text on its background at WCAG AA contrast (4.5:1)', () => {
    const lum = (hex: string) => {
      const c = [1, 3, 5].map((n) => parseInt(hex.slice(n, n + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    };
    for (const r of RAG_STATUSES) {
      const [a, b] = [lum(RAG_PALETTE[r].text), lum(RAG_PALETTE[r].background)].sort((x, y) => y - x);
      expect((a + 0.05) / (b + 0.05), r).toBeGreaterThanOrEqual(4.5);
    }
  });
});
