import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { AppContext, RouteModule } from './context.js';

export type { RouteModule };
import { installErrorHandler } from './errors.js';
import { healthRoutes } from './routes/health.js';


export interface BuildOptions {
  ctx: AppContext;
  /** Feature route modules (analysis, scanner, signals...) registered after the core ones. */
  routes?: RouteModule[];
  logger?: boolean | object;
}

export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1 << 20,
    // Bodies and queries are validated by zod in the handlers (messages name the field);
    // route JSON schemas only document them, so ajv must not strip unknown fields.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array' } },
  });
  installErrorHandler(app);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Sextant API', version: '0.1.0', description: 'Crypto market intelligence: analysis, signals, scanner.' },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(healthRoutes, { ctx: opts.ctx });
  for (const r of opts.routes ?? []) await app.register(r, { ctx: opts.ctx });
  return app;
}
