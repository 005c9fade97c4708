// A page that could not be shown at all, most often because its code did not arrive over a weak connection.
import { Alert, Button } from 'antd';
import { useI18n } from '../i18n/index.tsx';
import { usePageTitle } from './usePageTitle.ts';

export function RouteError() {
  const { t } = useI18n();
  usePageTitle(t.problem.title);
  return (
    <>
      <h1>{t.problem.title}</h1>
      <Alert
        type="error"
        showIcon
        title={t.problem.page}
        action={<Button onClick={() => window.location.reload()}>{t.problem.reload}</Button>}
      />
    </>
  );
}
