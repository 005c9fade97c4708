import { labelOf, useI18n } from '../i18n/index.tsx';

/** Toàn trình (filled) or Một phần (outlined): the online service level at a glance. */
export function OnlineLevelTag({ level }: { level: string }) {
  const { t } = useI18n();
  return <span className={`online-tag online-tag--${level}`}>{labelOf(t.vocab.onlineLevel, level)}</span>;
}
