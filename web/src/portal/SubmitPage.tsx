// Where "Nộp hồ sơ trực tuyến" leads until sign-in (VNeID) and online submission exist.
import { Alert } from 'antd';
import { Link, useParams } from 'react-router';
import { useProcedure } from '../api/catalog.ts';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/index.tsx';

export function SubmitPage() {
  const { t } = useI18n();
  const { code = '' } = useParams();
  const procedure = useProcedure(code);
  usePageTitle(t.submit.title);
  return (
    <>
      <h1>{t.submit.title}</h1>
      {procedure.data && <p className="hero__lead">{procedure.data.name}</p>}
      <Alert type="info" showIcon title={t.submit.comingNext} description={t.submit.meanwhile} />
      <p className="section">
        <Link to={`/thu-tuc/${code}`}>{t.submit.back}</Link>
      </p>
    </>
  );
}
