// The portal's providers and routes. The home page ships with the first load; every other page is a chunk of
// its own, fetched when first visited.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider, Skeleton } from 'antd';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { ProblemError } from './api/client.ts';
import { RouteError } from './components/RouteError.tsx';
import { SiteLayout } from './components/SiteLayout.tsx';
import { LanguageProvider } from './i18n/index.tsx';
import { HomePage } from './portal/HomePage.tsx';
import { portalRoutes } from './portal/routes.tsx';
import { theme } from './theme.ts';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal (4xx) will not change by asking again; a network failure or a 5xx may.
      retry: (count, error) => count < 2 && !(error instanceof ProblemError && error.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

const router = createBrowserRouter([
  // The staff console: its own layout and routes, fetched only when someone opens /can-bo.
  {
    path: 'can-bo/*',
    lazy: () => import('./console/ConsoleApp.tsx').then((m) => ({ Component: m.ConsoleApp })),
    errorElement: <RouteError />,
    hydrateFallbackElement: <Skeleton active />,
  },
  {
    element: <SiteLayout />,
    errorElement: (
      <SiteLayout>
        <RouteError />
      </SiteLayout>
    ),
    hydrateFallbackElement: (
      <div className="container site-main">
        <Skeleton active />
      </div>
    ),
    children: [
      { index: true, element: <HomePage /> },
      {
        path: 'thu-tuc',
        lazy: () => import('./portal/CataloguePage.tsx').then((m) => ({ Component: m.CataloguePage })),
      },
      {
        path: 'thu-tuc/:code',
        lazy: () => import('./portal/ProcedurePage.tsx').then((m) => ({ Component: m.ProcedurePage })),
      },
      ...portalRoutes,
      { path: '*', lazy: () => import('./portal/NotFoundPage.tsx').then((m) => ({ Component: m.NotFoundPage })) },
    ],
  },
]);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider theme={theme}>
        <LanguageProvider>
          <RouterProvider router={router} />
        </LanguageProvider>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
