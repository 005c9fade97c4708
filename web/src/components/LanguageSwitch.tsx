import { GlobalOutlined } from '@ant-design/icons';
import { LANGUAGES, useI18n } from '../i18n/index.tsx';

/** Offers the other language, named in that language. */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  const other = LANGUAGES.find((l) => l !== lang) ?? 'vi';
  return (
    <button type="button" className="language-switch" lang={other} onClick={() => setLang(other)}>
      <GlobalOutlined aria-hidden /> {t.lang[other]}
    </button>
  );
}
