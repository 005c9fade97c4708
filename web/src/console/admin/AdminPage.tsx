// Administration (/can-bo/quan-tri/…): the workflows, the procedure catalogue, the working calendar, the
// organisation and, for system administrators, the settings, each an area of its own under one sub-menu. Every area
// is a chunk of its own, fetched when it is opened, so the console stays light for those who never administer.
import { lazy, Suspense } from 'react';
import { Navigate, NavLink, Route, Routes } from 'react-router';
import { useI18n } from '../../i18n/index.tsx';
import { ConsoleNotFound, PageLoading } from '../parts.tsx';
import { useSession } from '../session.tsx';
import { ADMIN_AREAS, adminPath, SYSTEM_AREAS } from './paths.ts';
import './admin.css';

const WorkflowsPage = lazy(() => import('./workflows/WorkflowsPage.tsx').then((m) => ({ default: m.WorkflowsPage })));
const WorkflowPage = lazy(() => import('./workflows/WorkflowPage.tsx').then((m) => ({ default: m.WorkflowPage })));
const DraftPage = lazy(() => import('./workflows/DraftPage.tsx').then((m) => ({ default: m.DraftPage })));
const ProceduresPage = lazy(() => import('./catalog/ProceduresPage.tsx').then((m) => ({ default: m.ProceduresPage })));
const ProcedurePage = lazy(() => import('./catalog/ProcedurePage.tsx').then((m) => ({ default: m.ProcedurePage })));
const CalendarPage = lazy(() => import('./calendar/CalendarPage.tsx').then((m) => ({ default: m.CalendarPage })));
const OrgPage = lazy(() => import('./org/OrgPage.tsx').then((m) => ({ default: m.OrgPage })));
const SettingsPage = lazy(() => import('./settings/SettingsPage.tsx').then((m) => ({ default: m.SettingsPage })));

function AdminMenu() {
  const { t } = useI18n();
  const system = useSession().roles.includes('system_admin');
  return (
    <nav className="admin-menu" aria-label={t.consoleAdmin.menu}>
      {ADMIN_AREAS.filter(([area]) => system || !SYSTEM_AREAS.has(area)).map(([area]) => (
        <NavLink key={area} to={adminPath(area)}>
          {t.consoleAdmin.areas[area]}
        </NavLink>
      ))}
    </nav>
  );
}

export function AdminPage() {
  return (
    <div className="admin">
      <AdminMenu />
      <Suspense fallback={<PageLoading />}>
        <Routes>
          <Route index element={<Navigate to={adminPath('workflows')} replace />} />
          <Route path="quy-trinh" element={<WorkflowsPage />} />
          <Route path="quy-trinh/:code" element={<WorkflowPage />} />
          <Route path="quy-trinh/:code/ban-nhap" element={<DraftPage />} />
          <Route path="thu-tuc" element={<ProceduresPage />} />
          <Route path="thu-tuc/:code" element={<ProcedurePage />} />
          <Route path="lich" element={<CalendarPage />} />
          <Route path="to-chuc" element={<OrgPage />} />
          <Route path="cai-dat" element={<SettingsPage />} />
          <Route path="*" element={<ConsoleNotFound />} />
        </Routes>
      </Suspense>
    </div>
  );
}
