// What every portal page shares: a skip link, the province's header, the main region and the footer. After an
// in-app navigation, focus moves to the main region so that keyboard and screen-reader users start there.
import { type ReactNode, useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigation } from 'react-router';
import { useI18n } from '../i18n/index.tsx';
import { AccountNav } from './AccountNav.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export function SiteLayout({ children }: { children?: ReactNode }) {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const navigating = useNavigation().state !== 'idle';
  const main = useRef<HTMLElement>(null);
  const firstPath = useRef(pathname);
  useEffect(() => {
    if (pathname !== firstPath.current) main.current?.focus();
    firstPath.current = '';
  }, [pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t.site.skipToContent}
      </a>
      {navigating && <div className="navigation-progress" role="progressbar" aria-label={t.site.loading} />}
      <header className="site-header">
        <div className="container site-header__inner">
          <Link to="/" className="site-header__brand">
            <img src="/favicon.svg" alt="" width="36" height="36" />
            <span>
              <span className="site-header__name">{t.site.name}</span>
              <span className="site-header__owner">{t.site.owner}</span>
            </span>
          </Link>
          <nav aria-label={t.site.mainNav} className="site-header__nav">
            <NavLink to="/thu-tuc">{t.site.procedures}</NavLink>
            <NavLink to="/tra-cuu">{t.portal.nav.track}</NavLink>
            <AccountNav />
            <LanguageSwitch />
          </nav>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1} className="container site-main">
        {children ?? <Outlet />}
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>© {t.site.owner}</p>
          <p>
            <Link to="/kiem-tra-chu-ky">{t.portal.nav.verify}</Link> · <Link to="/tra-cuu">{t.portal.nav.track}</Link>
          </p>
          <p>
            {t.site.footer} <a href="/api/docs">{t.site.apiDocs}</a>
          </p>
        </div>
      </footer>
    </>
  );
}
