// The staff console under /can-bo/*: loaded only when a member of staff opens it (a lazy route of App.tsx), with
// its own layout. Each section is a chunk of its own again; the dashboard's charts and the document viewer are
// fetched only on the pages that show them.
import {
  Component,
  type ComponentType,
  type ErrorInfo,
  type LazyExoticComponent,
  lazy,
  type ReactNode,
  Suspense,
} from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { filtersFrom, LIST_PAGE_SIZE, prefetchList } from './api/dossiers.ts';
import { ConsoleLayout } from './ConsoleLayout.tsx';
import { SECTION_PATHS, sectionsOf } from './navigation.ts';
import { ConsoleNotFound, PageLoading } from './parts.tsx';
import { SignInPage } from './SignIn.tsx';
import { prefetchMe, SessionProvider, useSession, useSessionState } from './session.tsx';
import './console.css';

/** Each section's page, a chunk of its own. */
const IMPORTS = {
  'tiep-nhan': () => import('./desk/DeskPage.tsx').then((m) => m.DeskPage),
  'hang-doi': () => import('./queues/QueuesPage.tsx').then((m) => m.QueuesPage),
  'ho-so': () => import('./dossier/DossierPage.tsx').then((m) => m.DossierPage),
  'tong-hop': () => import('./dashboard/DashboardPage.tsx').then((m) => m.DashboardPage),
  'quan-tri': () => import('./admin/AdminPage.tsx').then((m) => m.AdminPage),
} satisfies Record<string, () => Promise<ComponentType>>;
type SectionName = keyof typeof IMPORTS;

const loaded = new Map<SectionName, ComponentType>();
const fetchSection = (name: SectionName) =>
  IMPORTS[name]().then((page: ComponentType) => {
    loaded.set(name, page);
    return page;
  });
const LAZY = Object.fromEntries(
  Object.keys(IMPORTS).map((name) => [
    name,
    lazy(() => fetchSection(name as SectionName).then((c) => ({ default: c }))),
  ]),
) as Record<SectionName, LazyExoticComponent<ComponentType>>;

/**
 * A section's page: drawn at once when its chunk is there already; only a chunk still on its way suspends (React
 * then shows the loading state for a moment, however fast the network).
 */
function SectionPage({ name }: { name: SectionName }) {
  const Page = loaded.get(name) ?? LAZY[name];
  return <Page />;
}

// On the console's first load, what the address names is asked for at once, side by side, rather than one after
// the other: the signed-in person, the page's chunk, and for a queue named in the address, its first rows.
prefetchMe();
const section = location.pathname.split('/')[2];
if (section && section in IMPORTS) void fetchSection(section as SectionName).catch(() => undefined);
if (section === 'hang-doi') {
  const { queue, filters } = filtersFrom(new URLSearchParams(location.search));
  if (queue) prefetchList({ ...filters, queue: queue === 'all' ? undefined : queue }, LIST_PAGE_SIZE);
}

/** A page that failed while drawing: the problem's own title, never a blank page. */
class PageBoundary extends Component<{ children: ReactNode; path: string }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidUpdate(previous: { path: string }) {
    if (previous.path !== this.props.path && this.state.error) this.setState({ error: null });
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return <ProblemAlert error={this.state.error} onRetry={() => window.location.reload()} />;
  }
}

function RequireSession() {
  const state = useSessionState();
  const { pathname, search } = useLocation();
  if (state.status === 'loading') return <PageLoading />;
  if (state.status === 'signed-out') {
    return <Navigate to={`/can-bo/dang-nhap?next=${encodeURIComponent(pathname + search)}`} replace />;
  }
  return <ConsoleLayout />;
}

/** /can-bo itself: the first section of the person's roles. */
function Landing() {
  const { roles } = useSession();
  const first = sectionsOf(roles)[0];
  return <Navigate to={first ? SECTION_PATHS[first] : SECTION_PATHS.queues} replace />;
}

function Pages() {
  const { pathname } = useLocation();
  const page = (node: ReactNode) => (
    <PageBoundary path={pathname}>
      <Suspense fallback={<PageLoading />}>{node}</Suspense>
    </PageBoundary>
  );
  return (
    <Routes>
      <Route path="dang-nhap" element={<SignInPage />} />
      <Route element={<RequireSession />}>
        <Route index element={<Landing />} />
        <Route path="tiep-nhan" element={page(<SectionPage name="tiep-nhan" />)} />
        <Route path="hang-doi" element={page(<SectionPage name="hang-doi" />)} />
        <Route path="ho-so/:id" element={page(<SectionPage name="ho-so" />)} />
        <Route path="tong-hop" element={page(<SectionPage name="tong-hop" />)} />
        <Route path="quan-tri/*" element={page(<SectionPage name="quan-tri" />)} />
        <Route path="*" element={page(<ConsoleNotFound />)} />
      </Route>
    </Routes>
  );
}

export function ConsoleApp() {
  return (
    <SessionProvider>
      <Pages />
    </SessionProvider>
  );
}
