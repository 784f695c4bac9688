import { describe, expect, it } from 'vitest';
import { asciiSlug, foldText, searchKey, stripMarks } from '../../electron/contract/text';
import { riskSearchKey } from '../../electron/core/risks/rules';
import { foldKey } from '../../electron/core/stakeholders/keys';
import { foldName, normaliseHeader } from '../../electron/core/budgeting/rules/votes';
import { nameKey } from '../../electron/core/training/keys';
import { slug } from '../../electron/core/publishing/html';
import { resourceName } from '../../electron/core/datasets/validate/descriptor';
import { normalizeHeader } from '../../electron/core/excel-import';
import { fold } from '../../renderer/src/app/paletteSearch';
import { slugify } from '../../renderer/src/features/datasets/DatasetForm';
import { safeFileName } from '../../renderer/src/features/budgeting/shared';

describe('one text fold (electron/contract/text.ts)', () => {
  it('strips Romanian diacritics, comma below and cedilla alike, keeping or folding the case', () => {
    expect(stripMarks('Ședința ŞEDINŢA Țară Întâlnire ăâî')).toBe('Sedinta SEDINTA Tara Intalnire aai');
    expect(foldText('Ședința  ŞEDINŢA ')).toBe('sedinta  sedinta ');
    expect(searchKey('  Zona  Ș6\t')).toBe('zona s6');
  });

  it('makes ASCII slugs for file and portal names', () => {
    expect(asciiSlug('Bugetare participativă 2026!')).toBe('Bugetare-participativa-2026');
    expect(asciiSlug('„Bugetare” 2026!', { keepEnds: true })).toBe('-Bugetare-2026-');
    expect(asciiSlug('Dată vot', { sep: '_', lower: true })).toBe('data_vot');
    expect(asciiSlug('  Ședința — A1.2.1  ', { lower: true })).toBe('sedinta-a1-2-1');
    expect(asciiSlug('ș ț')).toBe('s-t');
    expect(asciiSlug('—')).toBe('');
  });

  it('is the fold behind every search key, header and slug of core and the renderer', () => {
    for (const k of [riskSearchKey, foldKey, foldName, fold]) expect(k(' Ştefan  ȚUȚU ')).toBe('stefan tutu');
    expect(nameKey('Popescu-Ionescu, Ștefan')).toBe('popescu ionescu stefan');
    expect(normaliseHeader(' Dată vot ')).toBe('data_vot');
    expect(normalizeHeader('Număr_participanți:')).toBe('numar participanti');
    expect(slug('Acțiunea A1.2.1')).toBe('actiunea-a1-2-1');
    expect(resourceName('Școli și grădinițe.csv')).toBe('scoli-si-gradinite.csv');
    expect(slugify('Școli și grădinițe din Timișoara')).toBe('scoli-si-gradinite-din-timisoara');
    expect(safeFileName('„Țară”')).toBe('Tara');
    expect(safeFileName('—')).toBe('campanie');
  });

  it('strips marks exactly as Unicode NFD does, on every code point and on text already decomposed', () => {
    const nfd = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '');
    const all = Array.from({ length: 0x30000 }, (_, c) => (c >= 0xd800 && c < 0xe000 ? '' : String.fromCodePoint(c))).join('');
    expect(stripMarks(all)).toBe(nfd(all));
    for (const s of ['s\u0326a\u0306 i\u0302', 'Ședința ŞŢ 한국 𝔘 ﬁ', 'plain ascii', '']) expect(stripMarks(s)).toBe(nfd(s));
  });
});
