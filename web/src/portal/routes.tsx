// The portal's pages for applicants: accounts, online submission, their dossiers, public tracking and signature
// verification. Each is a chunk of its own; the pages that need a signed-in applicant sit under ApplicantArea,
// which sends everyone else to sign in and back.
import type { RouteObject } from 'react-router';

export const portalRoutes: RouteObject[] = [
  { path: 'dang-nhap', lazy: () => import('./account/SignInPage.tsx').then((m) => ({ Component: m.SignInPage })) },
  { path: 'dang-ky', lazy: () => import('./account/SignUpPage.tsx').then((m) => ({ Component: m.SignUpPage })) },
  { path: 'tra-cuu', lazy: () => import('./TrackingPage.tsx').then((m) => ({ Component: m.TrackingPage })) },
  {
    path: 'kiem-tra-chu-ky',
    lazy: () => import('./verify/VerifyPage.tsx').then((m) => ({ Component: m.VerifyPage })),
  },
  {
    lazy: () => import('./account/ApplicantArea.tsx').then((m) => ({ Component: m.ApplicantArea })),
    children: [
      {
        path: 'nop-ho-so/:code',
        lazy: () => import('./submit/SubmitPage.tsx').then((m) => ({ Component: m.SubmitPage })),
      },
      {
        path: 'ho-so-cua-toi',
        lazy: () => import('./dossiers/MyDossiersPage.tsx').then((m) => ({ Component: m.MyDossiersPage })),
      },
      {
        path: 'ho-so-cua-toi/:id',
        lazy: () => import('./dossiers/DossierPage.tsx').then((m) => ({ Component: m.DossierPage })),
      },
      {
        path: 'tai-khoan',
        lazy: () => import('./account/ProfilePage.tsx').then((m) => ({ Component: m.ProfilePage })),
      },
    ],
  },
];
