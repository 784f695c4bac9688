/// <reference types="vite/client" />
/**
 * Each module's texts, in its own file: renderer/src/features/<module>/i18n.ts exporting `{ ro, en }` with the same
 * keys, mounted under the module's name (key `risks.title` for the risks module's `title`), or at the catalogue's root
 * when the file says `export const mount = 'root'` (the plan's and administration's, whose keys predate namespaces).
 * Found by their path, so a module has no line to add here: its texts are part of its folder, next to its manifest.
 * (Not read from the manifests themselves: the sign-in screen needs the texts, and the manifests bring the contract.)
 * tests/unit/i18n.test.ts checks them too.
 */
import type { Lang } from '../ui/format';
import { ro } from './ro';
import { en } from './en';

export type ModuleTexts = { ro: Record<string, unknown>; en: Record<string, unknown>; mount?: 'root' };

const FILES = import.meta.glob<ModuleTexts>('../features/*/i18n.ts', { eager: true });

/** The modules' texts by module name (the folder under features/). */
export const MODULE_I18N: Record<string, ModuleTexts> = Object.fromEntries(
  Object.entries(FILES).map(([file, texts]) => [file.split('/')[2], { ro: texts.ro, en: texts.en, mount: texts.mount }]),
);

/** The whole catalogue of a language: the app's own texts (ro.ts, en.ts) and every module's. */
export function catalogue(lang: Lang): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(lang === 'ro' ? ro : en) };
  for (const [name, texts] of Object.entries(MODULE_I18N)) {
    if (texts.mount === 'root') Object.assign(out, texts[lang]);
    else out[name] = texts[lang];
  }
  return out;
}
