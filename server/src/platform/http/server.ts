// The Fastify instance every module registers on: TypeBox schemas validated by Ajv (strict for bodies, coercing
// for query strings and paths), problem+json errors, request ids, metrics, health, OpenAPI and security headers.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv, type Options as AjvOptions } from 'ajv';
import addFormatsModule from 'ajv-formats';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import { errorHandler, notFoundHandler } from './errors.ts';
import { installGuard, type SessionResolvers } from './guard.ts';
import { requestForLog } from './log-redaction.ts';
import { installSecurityHeaders } from './security-headers.ts';

export type App = FastifyInstance<Server, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;

// ajv-formats is CommonJS with a default export; under NodeNext its callable sits on `.default`.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

function makeAjv(options: AjvOptions): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true, removeAdditional: false, ...options });
  addFormats(ajv);
  return ajv;
}

const REQUEST_ID = /^[\w.-]{8,64}$/;

export async function createServer(config: Config, logger: Logger, resolvers: SessionResolvers): Promise<App> {
  const app = Fastify({
    loggerInstance: logger.child({}, { serializers: { req: requestForLog } }),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    requestIdHeader: 'x-request-id',
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;

  // Bodies are taken exactly as sent: a wrong type or an unknown field is an error, never silently fixed.
  const bodyAjv = makeAjv({ coerceTypes: false });
  const paramAjv = makeAjv({ coerceTypes: 'array' });
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? bodyAjv : paramAjv).compile(schema as object),
  );
  // The cookie parser first (the guard reads the session cookie), then the guard, so that every route
  // registered after it, plugins' included, passes through it.
  await app.register(cookie);
  installGuard(app, resolvers);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  installSecurityHeaders(app, {
    // The API docs page runs swagger-ui's own scripts; everything else is JSON.
    contentSecurityPolicy: {
      directives: { 'script-src': ["'self'"], 'style-src': ["'self'", 'https:', "'unsafe-inline'"] },
    },
  });
  await app.register(rateLimit, { global: false });
  await app.register(multipart, {
    limits: { fileSize: config.verifyMaxBytes, files: 3, fields: 20, fieldSize: 65_536 },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'congso API',
        description: 'API của nền tảng chính quyền số congso. Lỗi trả về theo RFC 9457 (application/problem+json).',
        version: '0.1.0',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'congso_session' } },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  return app;
}
