import Fastify, { type FastifyInstance } from 'fastify';
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import cors from '@fastify/cors';
import type { Config } from '../../config/schema.js';

/** Longest excerpt of caller input an error message may quote. */
export const MAX_MESSAGE_CHARS = 300;

/** At most `max` characters of `s`, saying how much was cut (a 100 KB key is not echoed back). */
export function excerpt(s: string, max = MAX_MESSAGE_CHARS): string {
  return s.length <= max ? s : `${s.slice(0, max)}… (${s.length - max} more characters)`;
}

/** Route patterns by method, so a known path with the wrong method is a 405, not a 404. */
export class RouteIndex {
  private readonly routes: { re: RegExp; method: string }[] = [];

  add(url: string, methods: string | string[]): void {
    const re = new RegExp(`^${url.split('/').map((seg) => (seg === '*' ? '.*' : seg.startsWith(':') ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}/?$`);
    for (const method of Array.isArray(methods) ? methods : [methods]) this.routes.push({ re, method });
  }

  /** Methods served at this concrete path (empty when the path is unknown). */
  methodsFor(path: string): string[] {
    return [...new Set(this.routes.filter((r) => r.re.test(path)).map((r) => r.method))].sort();
  }
}

/**
 * The headers helmet sets with these options, worked out once. @fastify/helmet rebuilds the
 * helmet middleware (parsing every CSP directive) in two hooks on every request, ~10 % of a
 * cached analysis' server CPU; with no nonces and no per-route options the headers never change.
 */
async function helmetHeaders(options: FastifyHelmetOptions): Promise<Record<string, string>> {
  const probe = async (withHelmet: boolean) => {
    const app = Fastify();
    if (withHelmet) await app.register(helmet, { global: true, ...options });
    app.get('/', async () => 'ok');
    const res = await app.inject({ method: 'GET', url: '/' });
    await app.close();
    return res.headers;
  };
  const [plain, secured] = await Promise.all([probe(false), probe(true)]);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(secured)) if (plain[k] === undefined && typeof v === 'string') out[k] = v;
  if (!out['content-security-policy']) throw new Error('helmet set no Content-Security-Policy: the hardening probe is broken');
  return out;
}

/**
 * Security headers on every answer; CORS only for the configured origins. The CSP allows
 * inline scripts and styles because the scanner reports, the dashboard and /docs use them;
 * everything else must come from this origin.
 */
export async function installHardening(app: FastifyInstance, config: Config): Promise<{ index: RouteIndex; headers: Readonly<Record<string, string>> }> {
  const index = new RouteIndex();
  app.addHook('onRoute', (r) => index.add(r.url, r.method));
  // Callback style: an async hook costs a promise per answer on the hot path.
  app.addHook('onSend', (req, reply, payload, done) => {
    void reply.header('x-request-id', req.id);
    done(null, payload);
  });
  const headers = await helmetHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    // Charts load as data: URLs and same-origin scripts; cross-origin isolation would break nothing but buys nothing here.
    crossOriginEmbedderPolicy: false,
  });
  Object.freeze(headers);
  app.addHook('onRequest', (_req, reply, done) => {
    void reply.headers(headers);
    done();
  });
  if (config.http.corsOrigins.length) {
    await app.register(cors, {
      origin: [...config.http.corsOrigins],
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['content-type', 'authorization', 'x-api-key', 'x-request-id'],
      exposedHeaders: ['retry-after', 'x-request-id', 'x-cache', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'],
      maxAge: 600,
    });
  }
  return { index, headers };
}
