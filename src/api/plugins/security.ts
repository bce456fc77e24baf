import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config/schema.js';
import { ConfigError } from '../../config/load.js';
import { SextantError } from '../../errors.js';
import { apiKeysOf } from '../../infra/store/api-keys.js';
import type { Store } from '../../infra/store/types.js';
import { Authenticator, presentedCredential, type Principal } from '../auth/authenticate.js';
import { IpAllowlist } from '../auth/ip.js';
import { jwtVerifier } from '../auth/jwt.js';
import { allows, type Role, type RouteRole } from '../auth/roles.js';
import { isWriteMethod, roleFor } from '../auth/route-roles.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling, once authenticated; null for anonymous callers and public routes. */
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** The role this route needs (api/auth/route-roles.ts), stamped when the route is added. */
    role?: RouteRole;
  }
}

export interface SecuritySummary {
  /** The one startup line: how callers are authenticated and what anonymous callers may do. */
  line: string;
  anonymousRole: Role | undefined;
  activeKeys: number;
  jwt: 'HS256' | 'RS256' | undefined;
  /** Every route added after installSecurity, with the role it got (tests walk this). */
  routes: { method: string; url: string; role: RouteRole }[];
  /** The decision of the security hook, for callers that answer outside Fastify's hooks (the fast lane). */
  authorize(req: AuthInput, onChallenge: () => void): Promise<Principal | null>;
}

/** What the security decision reads from a request. */
export interface AuthInput {
  ip: string;
  headers: FastifyRequest['headers'];
  method: string;
  /** The role the matched route needs; undefined when no route matched. */
  role: RouteRole | undefined;
  /** The route pattern (for messages). */
  url: string;
  /** The parsed query string, read only for WebSocket upgrades. */
  query(): Record<string, unknown> | undefined;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

const forbidden = (message: string) => new SextantError('forbidden', message);
const unauthorized = (message: string) => new SextantError('unauthorized', message);

/** Origins a browser may call from: the server's own (by Host) and the configured CORS origins. */
function originAllowed(req: Pick<FastifyRequest, 'headers'>, corsOrigins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true; // not a browser, or a same-origin GET
  if (corsOrigins.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

function isJson(req: Pick<FastifyRequest, 'headers'>): boolean {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type);
}

function describe(config: Config, s: Omit<SecuritySummary, 'line' | 'routes' | 'authorize'>): string {
  const host = config.server.host;
  if (config.auth.disabled) return `auth: DISABLED (auth.disabled: true) — every caller is admin; listening on ${host}`;
  const creds = [s.activeKeys ? `${s.activeKeys} API key${s.activeKeys === 1 ? '' : 's'}` : '', s.jwt ? `JWT ${s.jwt}` : ''].filter(Boolean).join(' + ');
  const reads = s.anonymousRole ? 'anonymous reads allowed' : 'every route needs a key or token';
  if (!creds) {
    const where = LOOPBACK.test(host) ? `${host} only` : `${host} — reachable from the network without credentials`;
    return `auth: no API keys or JWT configured — ${reads}, writes refused until \`sextant keys create --role admin --name NAME\`; listening on ${where}`;
  }
  return `auth: ${creds} — ${reads}; writes need trader/admin roles; listening on ${host}`;
}

/**
 * Authentication, roles, IP allowlist, CSRF and WebSocket origin checks, on every route
 * registered after this call. Must run before the routes and before @fastify/swagger so
 * each route's role is in its OpenAPI operation.
 */
export async function installSecurity(app: FastifyInstance, config: Config, store: Store | undefined): Promise<SecuritySummary> {
  const keys = config.auth.disabled ? undefined : await apiKeysOf(store);
  const jwt = config.auth.disabled ? undefined : jwtVerifier(config.auth.jwt);
  const activeKeys = keys ? await keys.countActive() : 0;
  const hasCredentials = activeKeys > 0 || jwt !== undefined;
  const anonymousRole: Role | undefined = config.auth.disabled ? 'admin'
    : config.auth.anonymous === 'viewer' ? 'viewer'
      : config.auth.anonymous === 'none' ? undefined
        : hasCredentials ? undefined : 'viewer';
  if (config.env === 'prod' && !hasCredentials && !LOOPBACK.test(config.server.host)) {
    throw new ConfigError(`config: server.host: the prod profile refuses to listen on ${config.server.host} without API keys or a JWT verifier (create a key with \`sextant keys create\`, or set auth.jwt)`, 'server.host');
  }
  const summary = { anonymousRole, activeKeys, jwt: jwt ? (config.auth.jwt.secret ? 'HS256' as const : 'RS256' as const) : undefined };
  const routes: SecuritySummary['routes'] = [];
  const authenticator = new Authenticator(keys, jwt);
  const allowlist = new IpAllowlist(config.auth.allowlist);
  const corsOrigins = config.http.corsOrigins;

  app.decorateRequest('principal', null);

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const role = roleFor(methods[0]!, route.url, { metricsPublic: config.metrics.public });
    route.config = { ...(route.config ?? {}), role };
    for (const method of methods) routes.push({ method, url: route.url, role });
    const schema = (route.schema ??= {}) as Record<string, unknown>;
    schema['x-required-role'] = role;
    schema['security'] = role === 'public' ? [] : [{ apiKey: [] }, { bearer: [] }];
    const note = role === 'public' ? 'No credentials needed.' : `Requires role: ${role}.`;
    schema['description'] = schema['description'] ? `${note} ${String(schema['description'])}` : note;
  });

  /**
   * Who is calling and whether they may call this route, or a refusal (thrown). The
   * onRequest hook below and the API's fast lane (api/fast-lane.ts) both decide with this.
   */
  const authorize = async (req: AuthInput, onChallenge: () => void): Promise<Principal | null> => {
    if (!allowlist.allows(req.ip)) throw forbidden('client address is not in auth.allowlist');
    const isUpgrade = (req.headers.upgrade ?? '').toLowerCase() === 'websocket';
    if (isUpgrade && !originAllowed(req, corsOrigins)) throw forbidden('origin: WebSocket connections are accepted from this server\'s own origin and http.corsOrigins only');
    const need = req.role;
    // No route (404/405): nothing to protect; the not-found handler answers.
    if (need === undefined || need === 'public') return null;

    // Browsers cannot set headers on a WebSocket: the upgrade may carry the credential as ?token=.
    const queryToken = isUpgrade ? req.query()?.['token'] : undefined;
    const credential = config.auth.disabled ? undefined : presentedCredential(req.headers) ?? (typeof queryToken === 'string' && queryToken ? queryToken : undefined);
    let principal: Principal | null = null;
    if (credential !== undefined) principal = await authenticator.principal(credential);
    else if (config.auth.disabled) principal = { id: `ip:${req.ip}`, role: 'admin', via: 'auth-disabled' };

    const role = principal?.role ?? anonymousRole;
    if (role === undefined || (!principal && !allows(role, need))) {
      onChallenge();
      throw unauthorized(`this route needs role ${need}: send "Authorization: Bearer <API key or JWT>" or "X-API-Key: <key>"`);
    }
    if (!allows(role, need)) throw forbidden(`role ${role} may not call ${req.method} ${req.url}: needs ${need}`);

    if (isWriteMethod(req.method)) {
      // A cross-site page can send "simple" requests (form posts, text/plain, no custom
      // headers) with the user's network position; it cannot send JSON or an Authorization
      // header without a CORS preflight this server does not grant.
      if (!originAllowed(req, corsOrigins)) throw forbidden(`origin: ${String(req.headers.origin).slice(0, 80)} may not send state-changing requests (http.corsOrigins)`);
      if (credential === undefined && !isJson(req)) {
        throw new SextantError('bad_input', 'content-type: state-changing requests without an API key or token must be application/json (send {} when there is no body)', { field: 'content-type' });
      }
    }
    return principal;
  };

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const input: AuthInput = {
      ip: req.ip, headers: req.headers, method: req.method, role: req.routeOptions.config?.role, url: req.routeOptions.url ?? req.url,
      query: () => req.query as Record<string, unknown> | undefined,
    };
    const principal = await authorize(input, () => void reply.header('www-authenticate', 'Bearer realm="sextant"'));
    if (principal) req.principal = principal;
  });

  return { ...summary, routes, line: describe(config, summary), authorize };
}
