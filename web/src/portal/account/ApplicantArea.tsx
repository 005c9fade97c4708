// The pages that belong to a signed-in applicant. Anyone else is sent to sign in and brought back to the same
// address; a session that ends while a page is open does the same, saying so (what was typed in a form is kept by
// the form itself, in sessionStorage).
import { Skeleton } from 'antd';
import { useRef } from 'react';
import { Navigate, Outlet, useLocation, useOutletContext } from 'react-router';
import { type Profile, useSession } from '../../api/session.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { signInPath } from './paths.ts';
import '../portal.css';

export function ApplicantArea() {
  const { t } = useI18n();
  const session = useSession({ required: true });
  const location = useLocation();
  const hadSession = useRef(false);
  if (session.data) hadSession.current = true;

  if (session.isError) return <ProblemAlert error={session.error} onRetry={() => session.refetch()} />;
  if (session.data === null && !session.isFetching) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={signInPath(next, hadSession.current)} replace />;
  }
  if (!session.data) {
    return (
      <>
        <span className="visually-hidden" role="status">
          {t.site.loading}
        </span>
        <Skeleton active paragraph={{ rows: 6 }} />
      </>
    );
  }
  return <Outlet context={session.data} />;
}

/** The signed-in applicant, inside ApplicantArea. */
export function useApplicant(): Profile {
  return useOutletContext<Profile>();
}
