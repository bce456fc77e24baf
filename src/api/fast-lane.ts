import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { FastifyBaseLogger, FastifyInstance, preParsingHookHandler } from 'fastify';
import type { Principal } from './auth/authenticate.js';
import type { RouteRole } from './auth/roles.js';
import { errorAnswer } from './errors.js';
import { requestId } from './plugins/logging.js';
import type { MetricsHandle } from './plugins/metrics.js';
import { rateLimitKey, type RateLimitHandle } from './plugins/rate-limit.js';
import type { SecuritySummary } from './plugins/security.js';

/**
 * A route's part of the fast lane. `known` maps a raw body the route has already validated
 * to its parsed request (undefined: the lane hands the request to Fastify, which parses and
 * validates it as always). `answer` is the route handler's own work on that request.
 */
export interface LaneRoute<T> {
  known(raw: string): T | undefined;
  answer(request: T): Promise<{ body: Buffer; headers: Readonly<Record<string, string>> }>;
}

/** What the lane shares with the app: the same decisions and counters as Fastify's hooks. */
export interface LaneParts {
  /** helmet's headers, as the hardening hook sets them. */
  headers: Readonly<Record<string, string>>;
  security: SecuritySummary;
  rateLimit: RateLimitHandle;
  metrics: MetricsHandle | undefined;
  log: FastifyBaseLogger;
  /** Why the lane stays shut (CORS, trusted proxies, Redis counters): those paths are Fastify's alone. */
  off: string | undefined;
}

/** The options Fastify hands its serverFactory (its defaults filled in). */
interface ServerFactoryOptions { http?: ServerOptions; keepAliveTimeout: number; requestTimeout: number; connectionTimeout: number; maxRequestsPerSocket: number }

/** Bodies this long at most are read by the lane (the analyze memo keeps nothing longer). */
export const LANE_BODY_BYTES = 1024;
const PREREAD = Symbol('sextant.fastLane.body');
type Preread = IncomingMessage & { [PREREAD]?: Buffer };
interface Entry { route: LaneRoute<unknown>; role: RouteRole; pattern: string }

/**
 * Answers repeated requests of a few routes (POST /api/v1/analyze) before Fastify's routing
 * and hook chain, keeping what those hooks guarantee: the same security decision
 * (`security.authorize`), the same rate-limit counters and headers, helmet's headers, the
 * request id, the metrics and the request log lines. Anything it does not handle the same way
 * goes to Fastify untouched: another route or method, a browser (Origin header), an upgrade,
 * a chunked or large body, a body the route has not validated before, a caller the security
 * check refuses, a client over its budget. A body the lane already read is handed on with the
 * request (`preParsing`). Refusals are always Fastify's own answers.
 */
export class FastLane {
  private readonly routes = new Map<string, Entry>();
  private parts: LaneParts | undefined;
  private fallback: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  private closing = false;
  /** Requests the lane answered itself (tests check that it ran). */
  served = 0;

  constructor(private readonly wanted: boolean) {}

  /**
   * Fastify's serverFactory: the node:http server Fastify would build (same options and
   * timeouts as its getServerInstance), whose requests pass the lane first.
   */
  readonly serverFactory = (handler: (req: IncomingMessage, res: ServerResponse) => void, options: Record<string, unknown>): Server => {
    const opts = options as unknown as ServerFactoryOptions;
    this.fallback = handler;
    const server = createServer(opts.http ?? {}, this.wanted ? (req, res) => this.dispatch(req, res) : handler);
    server.keepAliveTimeout = opts.keepAliveTimeout;
    server.requestTimeout = opts.requestTimeout;
    server.setTimeout(opts.connectionTimeout);
    if (opts.maxRequestsPerSocket > 0) server.maxRequestsPerSocket = opts.maxRequestsPerSocket;
    return server;
  };

  /** Called by buildApp once the hooks it mirrors are installed. */
  configure(app: FastifyInstance, parts: LaneParts): void {
    this.parts = parts;
    app.addHook('preClose', (done) => {
      this.closing = true;
      done();
    });
  }

  get open(): boolean {
    return this.wanted && this.parts !== undefined && this.parts.off === undefined && !this.closing;
  }

  /** Why the lane is shut, or undefined when open. */
  get offReason(): string | undefined {
    if (!this.wanted) return 'disabled';
    return this.parts?.off;
  }

  /**
   * Puts a route already registered on `app` (the route module's own scope) in the lane. The
   * scope gets a preParsing hook that gives Fastify back a body the lane read but did not answer.
   */
  route<T>(app: FastifyInstance, method: 'POST', url: string, route: LaneRoute<T>): void {
    const role = this.parts?.security.routes.find((r) => r.method === method && r.url === url)?.role;
    if (role === undefined) throw new Error(`fast lane: ${method} ${url} is not a route the security hook knows`);
    this.routes.set(`${method} ${url}`, { route: route as LaneRoute<unknown>, role, pattern: url });
    const giveBack: preParsingHookHandler = (req, _reply, payload, done) => {
      const body = (req.raw as Preread)[PREREAD];
      done(null, body ? Readable.from([body]) : payload);
    };
    app.addHook('preParsing', giveBack);
  }

  private dispatch(req: IncomingMessage, res: ServerResponse): void {
    const entry = req.method === 'POST' && this.open ? this.routes.get(`POST ${req.url}`) : undefined;
    if (!entry || !eligible(req)) return this.fallback!(req, res);
    const started = performance.now();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      chunks.push(c);
      size += c.length;
    });
    req.once('end', () => {
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
      this.take(entry, req as Preread, res, body, started).catch((err: unknown) => {
        this.parts!.log.error({ err }, 'fast lane failed');
        if (!res.headersSent) res.destroy();
      });
    });
  }

  private async take(entry: Entry, req: Preread, res: ServerResponse, body: Buffer, started: number): Promise<void> {
    const parts = this.parts!;
    const forward = () => {
      req[PREREAD] = body;
      this.fallback!(req, res);
    };
    if (body.length !== Number(req.headers['content-length'])) return forward();
    const request = entry.route.known(body.toString('utf8'));
    if (request === undefined) return forward();
    const ip = req.socket.remoteAddress ?? '';
    let principal: Principal | null;
    try {
      principal = await parts.security.authorize({ ip, headers: req.headers, method: 'POST', role: entry.role, url: entry.pattern, query: () => undefined }, () => undefined);
    } catch {
      return forward(); // Fastify refuses it with its own answer (and log line).
    }
    // The same budget, counted once: the lane counts only what it answers; over budget, the
    // plugin counts and refuses (a client already over its budget stays over; nothing else changes).
    const headers: OutgoingHttpHeaders = { ...parts.headers };
    const local = parts.rateLimit.local;
    if (local && entry.role !== 'public') {
      let current = 0;
      let ttl = 0;
      local.store.incr(rateLimitKey({ principal, ip }), (_e, r) => ((current = r.current), (ttl = r.ttl)), local.windowMs, local.max);
      if (current > local.max) return forward();
      headers['x-ratelimit-limit'] = local.max;
      headers['x-ratelimit-remaining'] = Math.max(0, local.max - current);
      headers['x-ratelimit-reset'] = Math.ceil(ttl / 1000);
    }
    const id = requestId(req);
    const logInfo = (parts.log as { isLevelEnabled?: (level: string) => boolean }).isLevelEnabled?.('info') ?? false;
    const log = logInfo ? parts.log.child({ reqId: id }) : undefined;
    log?.info({ req: { method: req.method, url: req.url, host: req.headers.host ?? '', ip, socket: req.socket } }, 'incoming request');
    let status = 200;
    let payload: Buffer;
    try {
      const out = await entry.route.answer(request);
      Object.assign(headers, out.headers);
      headers['content-type'] = 'application/json; charset=utf-8';
      payload = out.body;
    } catch (err) {
      const e = errorAnswer(err);
      status = e.status;
      if (e.internal) (log ?? parts.log.child({ reqId: id })).error({ err }, 'request failed');
      if (e.retryAfter !== undefined) headers['retry-after'] = e.retryAfter;
      headers['content-type'] = 'application/json; charset=utf-8';
      payload = Buffer.from(JSON.stringify(e.body));
    }
    headers['x-request-id'] = id;
    headers['content-length'] = payload.length;
    res.writeHead(status, headers);
    res.end(payload);
    this.served++;
    const ms = performance.now() - started;
    parts.metrics?.record('POST', entry.pattern, status, ms / 1000, headers['x-cache']);
    log?.info({ res: { statusCode: status }, responseTime: ms }, 'request completed');
  }
}

/** Only plain JSON posts of a small, announced length; everything else is Fastify's. */
function eligible(req: IncomingMessage): boolean {
  const h = req.headers;
  if (h.origin !== undefined || h.upgrade !== undefined || h['transfer-encoding'] !== undefined || h.expect !== undefined) return false;
  const type = h['content-type'];
  if (type !== 'application/json' && type !== 'application/json; charset=utf-8') return false;
  const length = Number(h['content-length']);
  return length >= 1 && length <= LANE_BODY_BYTES;
}
