// The language of the interface: Vietnamese unless the visitor chose English, remembered in this browser.
import { ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import { createContext, type ReactNode, use, useCallback, useEffect, useMemo, useState } from 'react';
import { en } from './en.ts';
import { type Messages, vi } from './vi.ts';

export type Language = 'vi' | 'en';
export const LANGUAGES: readonly Language[] = ['vi', 'en'];
const CATALOGUES: Record<Language, Messages> = { vi, en };
const STORAGE_KEY = 'congso.lang';

interface I18n {
  lang: Language;
  t: Messages;
  setLang(lang: Language): void;
}

const I18nContext = createContext<I18n | null>(null);

function storedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi'; // storage can be refused (private browsing, strict settings)
  }
}

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [lang, setLanguage] = useState(storedLanguage);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((next: Language) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // the choice then lasts until the page is closed
    }
    setLanguage(next);
  }, []);
  const value = useMemo(() => ({ lang, t: CATALOGUES[lang], setLang }), [lang, setLang]);
  // Ant Design speaks English when given no locale.
  return (
    <I18nContext value={value}>
      <ConfigProvider locale={lang === 'vi' ? viVN : undefined}>{children}</ConfigProvider>
    </I18nContext>
  );
}

export function useI18n(): I18n {
  const i18n = use(I18nContext);
  if (!i18n) throw new Error('useI18n outside LanguageProvider');
  return i18n;
}

/** The label of a code the API sends as a plain string, or the code itself if the catalogue does not know it. */
export function labelOf(labels: Readonly<Record<string, string>>, code: string): string {
  return labels[code] ?? code;
}

/** The code if it is one of `labels`' keys (for values read from the address bar). */
export function codeIn<C extends string>(labels: Readonly<Record<C, string>>, value: string | null): C | undefined {
  return value !== null && Object.hasOwn(labels, value) ? (value as C) : undefined;
}
