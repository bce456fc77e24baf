import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { AppContext, RouteModule } from './context.js';
import { configSchema, type Config } from '../config/schema.js';

export type { RouteModule };
import { installErrorHandler } from './errors.js';
import { FastLane } from './fast-lane.js';
import { healthRoutes } from './routes/health.js';
import { installHardening } from './plugins/hardening.js';
import { loggerOptions, requestId } from './plugins/logging.js';
import { installMetrics } from './plugins/metrics.js';
import { installRateLimit, type RateLimitInfo } from './plugins/rate-limit.js';
import { installSecurity, type SecuritySummary } from './plugins/security.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** How this app authenticates, for the startup line (`security.line`). */
    security: SecuritySummary;
    rateLimits: RateLimitInfo;
    /** Cached answers of hot routes ahead of the hook chain, with the same guarantees (api/fast-lane.ts). */
    fastLane: FastLane;
  }
}

export interface BuildOptions {
  ctx: AppContext;
  /** Feature route modules (analysis, scanner, signals...) registered after the core ones. */
  routes?: RouteModule[];
  /** false/absent: no logs; true or pino options (merged over the redacting defaults). */
  logger?: boolean | object;
  /** The fast lane for repeated requests (default: config http.fastLane; tests compare it with the plain route). */
  fastLane?: boolean;
}

export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  // Tests may hand in a partial context; they get the defaults a user gets.
  const config: Config = (opts.ctx as Partial<AppContext>).config ?? configSchema.parse({});
  const lane = new FastLane(opts.fastLane ?? config.http.fastLane);
  const app = Fastify({
    serverFactory: lane.serverFactory,
    logger: opts.logger ? loggerOptions(config, typeof opts.logger === 'object' ? opts.logger as Record<string, unknown> : {}) : false,
    genReqId: requestId,
    bodyLimit: config.http.bodyLimitBytes,
    // Headers and body must arrive within this time (Fastify's default is never: a client
    // that stops sending mid-body held its socket forever). Checked every second or so.
    // Node applies requestTimeout only when given to http.createServer (Fastify sets it on the
    // server afterwards, which Node ignores), hence both.
    requestTimeout: config.http.requestTimeoutMs,
    http: { requestTimeout: config.http.requestTimeoutMs, connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(config.http.requestTimeoutMs / 4))) },
    // X-Forwarded-For is believed only from these proxies; otherwise req.ip is the socket peer.
    trustProxy: config.auth.trustedProxies.length ? [...config.auth.trustedProxies] : false,
    // Bodies and queries are validated by zod in the handlers (messages name the field);
    // route JSON schemas only document them, so ajv must not strip unknown fields.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array' } },
  });
  // Order matters: headers, then who is calling, then their budget, then the routes.
  const hardening = await installHardening(app, config);
  installErrorHandler(app, { methodsFor: (path) => hardening.index.methodsFor(path) });
  const security = await installSecurity(app, config, (opts.ctx as Partial<AppContext>).store);
  app.decorate('security', security);
  const metrics = config.metrics.enabled ? installMetrics(app, opts.ctx) : undefined;
  const rateLimit = await installRateLimit(app, config);
  app.decorate('rateLimits', rateLimit.info);
  // What the lane cannot mirror cheaply stays with Fastify: CORS headers, client addresses
  // from X-Forwarded-For, counters shared through Redis.
  const off = config.http.corsOrigins.length ? 'http.corsOrigins is set'
    : config.auth.trustedProxies.length ? 'auth.trustedProxies is set'
      : rateLimit.info.store === 'redis' ? 'rate limits are counted in Redis' : undefined;
  lane.configure(app, { headers: hardening.headers, security, rateLimit, metrics, log: app.log, off });
  app.decorate('fastLane', lane);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Sextant API', version: '0.1.0', description: 'Crypto market intelligence: analysis, signals, scanner. Each operation says the role it requires (x-required-role).' },
      components: {
        securitySchemes: {
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'sx_<id>_<secret> from `sextant keys create`' },
          bearer: { type: 'http', scheme: 'bearer', description: 'An API key, or a JWT (HS256/RS256) with a role claim' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  if (metrics) {
    app.get('/metrics', { schema: { summary: 'Prometheus metrics (text exposition format)', tags: ['ops'] } }, async (_req, reply) =>
      reply.type(metrics.registry.contentType).send(await metrics.text()));
  }
  await app.register(healthRoutes, { ctx: opts.ctx });
  for (const r of opts.routes ?? []) await app.register(r, { ctx: opts.ctx });
  return app;
}
