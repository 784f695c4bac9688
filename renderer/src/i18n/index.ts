import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/ro';
import 'dayjs/locale/en-gb';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import { catalogue } from './modules';
import type { Lang } from '../ui/format';

dayjs.extend(customParseFormat);

export const LANG_KEY = 'pla.lang';
export const LANGS: Lang[] = ['ro', 'en'];

function storedLang(): Lang {
  try {
    const v = localStorage.getItem(LANG_KEY);
    return v === 'en' ? 'en' : 'ro';
  } catch {
    return 'ro';
  }
}

function applyLang(lang: Lang) {
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  dayjs.locale(lang === 'ro' ? 'ro' : 'en-gb');
}

export function initI18n() {
  const lng = storedLang();
  void i18next.use(initReactI18next).init({
    resources: {
      ro: { translation: catalogue('ro') },
      en: { translation: catalogue('en') },
    },
    lng,
    fallbackLng: 'ro',
    interpolation: { escapeValue: false },
    // No promotional line in the console of an office app.
    showSupportNotice: false,
    returnNull: false,
  });
  applyLang(lng);
  i18next.on('languageChanged', (l) => applyLang(l === 'en' ? 'en' : 'ro'));
  return i18next;
}

export function setLang(lang: Lang) {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  void i18next.changeLanguage(lang);
}

export { i18next };
