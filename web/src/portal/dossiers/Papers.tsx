// Giấy tờ của hồ sơ: the receipt and appointment (Form 01) once the dossier is received, and the electronic
// results once returned, each to download and, for a signed result, to check on the verification page.
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Skeleton } from 'antd';
import { Link } from 'react-router';
import { type DossierDetail, receiptUrl, resultFileUrl, useResults } from '../../api/dossiers.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';

/** Results are the applicant's once the office has them ready for return or returned them. */
const WITH_RESULTS = new Set(['resolved', 'returned']);

export function Papers({ dossier: x }: { dossier: DossierDetail }) {
  const { t } = useI18n();
  const p = t.portal.papers;
  const withResults = WITH_RESULTS.has(x.status);
  const results = useResults(x.id, withResults);
  if (!x.receivedAt && !withResults) return null;
  return (
    <section className="panel" aria-labelledby="papers-heading">
      <h2 id="papers-heading">{p.title}</h2>
      <ul className="paper-list">
        {x.receivedAt && (
          <li>
            <a href={receiptUrl(x.id)} download={`mau-01-${x.code ?? x.id}.pdf`} className="paper-list__link">
              <DownloadOutlined aria-hidden /> {p.receipt}
            </a>
          </li>
        )}
        {withResults &&
          (results.isError ? (
            <li>
              <ProblemAlert error={results.error} onRetry={() => results.refetch()} />
            </li>
          ) : !results.data ? (
            <li>
              <Skeleton active title={false} paragraph={{ rows: 1 }} />
            </li>
          ) : results.data.items.length === 0 ? (
            <li className="muted">{p.noResult}</li>
          ) : (
            results.data.items.map((r) => (
              <li key={r.id}>
                <a href={resultFileUrl(x.id, r.id)} download className="paper-list__link">
                  <DownloadOutlined aria-hidden /> <span lang="vi">{r.title}</span>
                </a>
                <Link
                  to={`/kiem-tra-chu-ky?${new URLSearchParams({ 'ho-so': x.id, 'ket-qua': r.id })}`}
                  className="paper-list__check"
                >
                  <SafetyCertificateOutlined aria-hidden /> {p.check}
                  <span className="visually-hidden"> {r.title}</span>
                </Link>
              </li>
            ))
          ))}
      </ul>
    </section>
  );
}
