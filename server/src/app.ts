// Builds the whole application from the platform and the modules. Modules are listed here and nowhere else.
import { accessRoutes } from './modules/access/routes.ts';
import { sessionResolver } from './modules/access/service.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { calendarRoutes } from './modules/calendar/routes.ts';
import { catalogRoutes } from './modules/catalog/routes.ts';
import { citizenRoutes } from './modules/citizens/routes.ts';
import { applicantSessionResolver } from './modules/citizens/service.ts';
import { verificationHandler } from './modules/citizens/verification.ts';
import { applicantDossierRoutes } from './modules/dossiers/applicant-routes.ts';
import { dossierRoutes } from './modules/dossiers/routes.ts';
import { orgRoutes } from './modules/org/routes.ts';
import { resultRoutes } from './modules/results/routes.ts';
import { settingRoutes } from './modules/settings/routes.ts';
import { signingRoutes } from './modules/signing/routes.ts';
import { workflowRoutes } from './modules/workflow/routes.ts';
import type { AppContext } from './platform/context.ts';
import type { EventHandler } from './platform/events/bus.ts';
import { registerObservability } from './platform/http/observability.ts';
import { type App, createServer } from './platform/http/server.ts';
import { registerWebApp } from './platform/http/web-app.ts';

/** Handlers of outbox events, contributed by the modules. */
export function eventHandlers(ctx: AppContext): EventHandler[] {
  return [verificationHandler(ctx)];
}

export async function buildApp(ctx: AppContext): Promise<App> {
  const app = await createServer(ctx.config, ctx.log, {
    staff: sessionResolver(ctx),
    applicant: applicantSessionResolver(ctx),
  });
  registerObservability(app, ctx);
  accessRoutes(app, ctx);
  orgRoutes(app, ctx);
  auditRoutes(app, ctx);
  calendarRoutes(app, ctx);
  workflowRoutes(app, ctx);
  catalogRoutes(app, ctx);
  dossierRoutes(app, ctx);
  signingRoutes(app, ctx);
  resultRoutes(app, ctx);
  citizenRoutes(app, ctx);
  applicantDossierRoutes(app, ctx);
  settingRoutes(app, ctx);
  // The web app last: its index.html answers any other GET outside /api, /health and /metrics.
  await registerWebApp(app);
  return app;
}
