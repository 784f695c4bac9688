import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { setLang } from '../i18n';
import { useLang } from '../ui/hooks';

/** RO / EN, persisted in localStorage; <html lang> follows. */
export function LangSwitch() {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Segmented
      size="small"
      aria-label={t('layout.language')}
      data-testid="lang-switch"
      value={lang}
      onChange={(v) => setLang(v === 'en' ? 'en' : 'ro')}
      options={[
        { label: 'RO', value: 'ro', title: 'Română' },
        { label: 'EN', value: 'en', title: 'English' },
      ]}
    />
  );
}
