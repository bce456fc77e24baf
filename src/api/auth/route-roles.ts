import type { RouteRole } from './roles.js';

/**
 * THE place where routes get their role. Keys are `METHOD url-pattern` as the route was
 * registered. Routes not listed fall back to `defaultRole`: reads (GET/HEAD) are viewer,
 * anything else admin — a new write route is locked down until someone lists it here.
 *
 * viewer: reads, and POSTs that only compute an answer (analyze, predict, time series).
 * trader: work that runs jobs or will place orders (backtests, paper/live orders, training).
 * admin:  the scheduler, scans on demand, keys and configuration.
 */
export const ROUTE_ROLES: Readonly<Record<string, RouteRole>> = {
  'GET /health': 'public',
  // The dashboard's page and built assets hold no data; its API calls are checked like any other.
  'GET /': 'public',
  'GET /metrics': 'public',

  'POST /api/v1/analyze': 'viewer',
  'POST /api/v1/predict': 'viewer',
  'POST /signal': 'viewer',
  'POST /api/timeseries': 'viewer',

  'POST /api/v1/backtests': 'trader',
  'POST /api/v1/train': 'trader',

  'POST /api/v1/scheduler/start': 'admin',
  'POST /api/v1/scheduler/stop': 'admin',
  'POST /api/v1/scheduler/run-manual': 'admin',
};

/** Everything under these prefixes is public: the OpenAPI document and its UI, the dashboard's built assets. */
export const PUBLIC_PREFIXES: readonly string[] = ['/docs', '/assets'];

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function defaultRole(method: string): RouteRole {
  return READS.has(method) ? 'viewer' : 'admin';
}

/** The role a route needs; `/metrics` may be made non-public by config. */
export function roleFor(method: string, url: string, opts: { metricsPublic?: boolean } = {}): RouteRole {
  const m = method === 'HEAD' ? 'GET' : method;
  if (url === '/metrics' && opts.metricsPublic === false) return 'viewer';
  if (PUBLIC_PREFIXES.some((p) => url === p || url.startsWith(`${p}/`))) return 'public';
  return ROUTE_ROLES[`${m} ${url}`] ?? defaultRole(m);
}

/** A write is anything a plain cross-site form or fetch could use to change state. */
export const isWriteMethod = (method: string): boolean => !READS.has(method);
