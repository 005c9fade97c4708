// What every console page shares: a skip link, a header with the menu of the person's sections, the agency they
// work at (a choice when they hold roles in several), their name and sign-out; then the page.
import { LogoutOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useEffect, useId, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { labelOf, useI18n } from '../i18n/index.tsx';
import { SECTION_PATHS, sectionsOf } from './navigation.ts';
import { useSession } from './session.tsx';

function AgencySwitch() {
  const { t } = useI18n();
  const { agency, agencies, setAgency } = useSession();
  const id = useId();
  if (agencies.length < 2) return <span className="console-header__agency">{agency.name}</span>;
  return (
    <span className="console-header__agency">
      <label htmlFor={id}>{t.console.agency}</label>
      <select id={id} value={agency.id} onChange={(e) => setAgency(e.target.value)}>
        {agencies.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
    </span>
  );
}

export function ConsoleLayout() {
  const { t } = useI18n();
  const { me, roles, signOut } = useSession();
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const firstPath = useRef(pathname);
  useEffect(() => {
    // After an in-app navigation keyboard and screen-reader users start at the page's content.
    if (pathname !== firstPath.current) main.current?.focus();
    firstPath.current = '';
  }, [pathname]);

  return (
    <div className="console">
      <a className="skip-link" href="#main">
        {t.site.skipToContent}
      </a>
      <header className="console-header">
        <Link to="/can-bo" className="console-header__brand">
          <img src="/favicon.svg" alt="" width="28" height="28" />
          <span>{t.console.name}</span>
        </Link>
        <nav aria-label={t.console.menu} className="console-header__nav">
          {sectionsOf(roles).map((s) => (
            <NavLink key={s} to={SECTION_PATHS[s]}>
              {t.console.sections[s]}
            </NavLink>
          ))}
        </nav>
        <div className="console-header__me">
          <AgencySwitch />
          <span className="console-header__user">
            <span>{me.fullName}</span>
            <span className="console-header__roles">
              {roles.map((r) => labelOf(t.console.roles, r)).join(', ') || t.console.noRole}
            </span>
          </span>
          <LanguageSwitch />
          <Button icon={<LogoutOutlined aria-hidden />} onClick={() => void signOut()}>
            {t.console.signOut}
          </Button>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1} className="console-main">
        <Outlet />
      </main>
    </div>
  );
}
