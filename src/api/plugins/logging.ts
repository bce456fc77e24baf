import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { stdSerializers } from 'pino';
import type { Config } from '../../config/schema.js';

const CENSOR = '[REDACTED]';

/** Secrets the config holds, to be cut out of any log line that quotes them. */
export function configSecrets(config: Config): string[] {
  const out = [config.llm.apiKey, config.exchange.apiKey, config.exchange.secret, config.auth.jwt.secret];
  for (const url of [config.store.databaseUrl, config.redisUrl]) {
    if (!url) continue;
    try {
      const p = new URL(url).password;
      if (p) out.push(p, decodeURIComponent(p));
    } catch {
      /* not a URL: nothing to extract */
    }
  }
  // Short values would blank out ordinary words; real secrets are longer.
  return [...new Set(out.filter((s): s is string => typeof s === 'string' && s.length >= 6))];
}

/** Shapes of credentials worth hiding even when the config does not know them. */
const PATTERNS: [RegExp, string][] = [
  [/\bsx_([0-9a-f]{16})_[A-Za-z0-9_-]{20,}/g, `sx_$1_${CENSOR}`],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${CENSOR}`],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, CENSOR],
  [/\b(sk|gsk|pk|rk)-[A-Za-z0-9_-]{12,}/g, `$1-${CENSOR}`],
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^:/\s@]*:)[^@\s/]+@/gi, `$1${CENSOR}@`],
];

export type Scrub = (s: string) => string;

/** Replaces configured secrets and credential-shaped strings in a text. */
export function scrubber(secrets: readonly string[]): Scrub {
  return (s) => {
    let out = s;
    for (const v of secrets) if (out.includes(v)) out = out.split(v).join(CENSOR);
    for (const [re, by] of PATTERNS) out = out.replace(re, by);
    return out;
  };
}

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/** Plain data only (request and reply objects have their own serializers); depth-limited. */
function scrubValue(v: unknown, scrub: Scrub, depth = 0): unknown {
  if (typeof v === 'string') return scrub(v);
  if (depth > 4) return v;
  if (Array.isArray(v)) return v.map((x) => scrubValue(x, scrub, depth + 1));
  if (isPlain(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, scrubValue(x, scrub, depth + 1)]));
  if (v instanceof Error) return scrubError(v, scrub);
  return v;
}

/** An error as pino would print it (type, message, stack, code, cause), every text scrubbed. */
function scrubError(e: Error, scrub: Scrub): Record<string, unknown> {
  const { type, message, stack, ...rest } = stdSerializers.err(e) as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = { type, message: scrub(String(message)), stack: scrub(String(stack)) };
  for (const [k, v] of Object.entries(rest)) out[k] = typeof v === 'string' ? scrub(v) : v instanceof Error ? scrubError(v, scrub) : v;
  return out;
}

/** A request id from a trusted-looking X-Request-Id (kept for tracing across services), else a new one. */
export function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.:-]{1,64}$/.test(given) ? given : randomUUID();
}

/**
 * Fastify/pino options: JSON lines at config.logLevel (LOG_LEVEL), credentials in headers
 * removed by path, and every message, error and plain object scrubbed of the configured
 * secrets and of anything shaped like a key, token or password in a URL.
 */
export function loggerOptions(config: Config, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const scrub = scrubber(configSecrets(config));
  return {
    level: config.logLevel,
    redact: {
      paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie', 'headers.authorization', 'headers["x-api-key"]',
        '*.apiKey', '*.secret', '*.password', '*.jwtSecret', 'config.llm.apiKey', 'config.exchange.apiKey', 'config.exchange.secret', 'config.auth.jwt.secret'],
      censor: CENSOR,
    },
    serializers: {
      // Fastify's request fields, with the URL scrubbed (a WebSocket upgrade may carry ?token=).
      req: (req: { method?: string; url?: string; host?: string; ip?: string; socket?: { remotePort?: number } }) => ({
        method: req.method, url: scrub(String(req.url ?? '')), host: req.host, remoteAddress: req.ip, remotePort: req.socket?.remotePort,
      }),
      err: (e: unknown) => (e instanceof Error ? scrubError(e, scrub) : scrubValue(e, scrub)),
      error: (e: unknown) => (e instanceof Error ? scrubError(e, scrub) : scrubValue(e, scrub)),
    },
    hooks: {
      logMethod(this: unknown, args: unknown[], method: (...a: unknown[]) => void) {
        method.apply(this, args.map((a) => scrubValue(a, scrub)));
      },
    },
    ...extra,
  };
}
