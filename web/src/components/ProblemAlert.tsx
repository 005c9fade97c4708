// The state of a page whose data did not come: the server's own Vietnamese title when it answered with a
// problem, a word about the connection when it could not be reached, and a way to try again when that may help.
import { Alert, Button } from 'antd';
import { ProblemError } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';

export function ProblemAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const problem = error instanceof ProblemError ? error : null;
  // A refusal (4xx) will not change by asking again.
  const retry = problem && problem.status < 500 ? undefined : onRetry;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={problem ? <span lang="vi">{problem.title}</span> : t.problem.title}
      description={
        <>
          {!problem && <p>{t.problem.network}</p>}
          {problem?.requestId && (
            <p className="muted">
              {t.problem.requestId}: <code>{problem.requestId}</code>
            </p>
          )}
          {retry && <Button onClick={retry}>{t.problem.retry}</Button>}
        </>
      }
    />
  );
}
