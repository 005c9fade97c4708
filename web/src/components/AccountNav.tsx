// The applicant's way in from every page: "Đăng nhập" for a visitor, "Hồ sơ của tôi" and "Tài khoản" once signed
// in. A visitor who never signed in on this browser costs no request (see useSession).
import { NavLink, useLocation } from 'react-router';
import { useSession } from '../api/session.ts';
import { useI18n } from '../i18n/index.tsx';

export function AccountNav() {
  const { t } = useI18n();
  const n = t.portal.nav;
  const session = useSession();
  const { pathname, search } = useLocation();
  if (session.data) {
    return (
      <>
        <NavLink to="/ho-so-cua-toi">{n.myDossiers}</NavLink>
        <NavLink to="/tai-khoan">{n.account}</NavLink>
      </>
    );
  }
  const here = `${pathname}${search}`;
  const next = pathname === '/dang-nhap' || pathname === '/dang-ky' || pathname === '/' ? null : here;
  return <NavLink to={next ? `/dang-nhap?${new URLSearchParams({ next })}` : '/dang-nhap'}>{n.signIn}</NavLink>;
}
