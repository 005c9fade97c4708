import { useEffect } from 'react';
import { useI18n } from '../i18n/index.tsx';

/** The browser tab's title (also what a screen reader announces on arriving): the page, then the portal. */
export function usePageTitle(title: string | undefined): void {
  const { t } = useI18n();
  useEffect(() => {
    document.title = title ? `${title} · ${t.site.name}` : t.site.name;
  }, [title, t]);
}
