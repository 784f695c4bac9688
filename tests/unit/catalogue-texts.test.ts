/**
 * Counts and sizes read in Romanian (issue 11 §4): plural forms one / few / other ("1 eroare", "3 erori",
 * "20 de erori"), ro-RO number format in the site build summary ("1,5 MB"), section names in words.
 */
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../renderer/src/i18n/modules';
import { formatBytes } from '../../renderer/src/ui/format';

async function i18n(lng: 'ro' | 'en') {
  const i = i18next.createInstance();
  await i.init({
    lng,
    resources: {
      ro: { translation: catalogue('ro') },
      en: { translation: catalogue('en') },
    },
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  } as never);
  return i.t;
}

describe('catalogue texts with counts and sizes', () => {
  it('counts errors with the Romanian plural forms', async () => {
    const t = await i18n('ro');
    expect(t('datasets.import.invalid', { count: 1 })).toBe('1 eroare');
    expect(t('datasets.import.invalid', { count: 3 })).toBe('3 erori');
    expect(t('datasets.import.invalid', { count: 20 })).toBe('20 de erori');
    expect((await i18n('en'))('datasets.import.invalid', { count: 1 })).toBe('1 error');
  });

  it('says the site build summary in Romanian: sizes in the ro-RO format, sections in words', async () => {
    const t = await i18n('ro');
    expect(t('publishing.site.built', { pages: 12, files: 30, size: formatBytes(1.5 * 1024 * 1024, 'ro') })).toBe(
      'Site construit: 12 pagini, 30 fișiere, 1,5 MB.',
    );
    const sections = ['plan', 'indicators', 'partners', 'funding', 'training', 'risks', 'budgeting', 'datasets', 'evidence', 'accessibility'];
    const list = sections.map((s) => t(`publishing.site.section.${s}`, { defaultValue: '' }));
    expect(list.every((s) => s !== '')).toBe(true);
    expect(list.join(', ')).toMatch(/^planul, indicatorii, partenerii/);
  });
});
