import { z } from 'zod';

/**
 * Settings of the HTTP edge: who may call (auth), from where (allowlist), how often (rate
 * limits), what a request may look like (http) and what is measured (metrics). Values
 * from the environment arrive as strings, so booleans and lists accept their text forms.
 */

/** `true`/`false` from YAML, or the strings "true"/"false"/"1"/"0" from the environment. */
export const flag = z.preprocess((v) => (typeof v === 'string' ? { true: true, false: false, 1: true, 0: false }[v.trim().toLowerCase()] ?? v : v), z.boolean({ error: 'must be true or false' }));

/** A YAML list, or a comma-separated string from the environment. */
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v), z.array(item));

/** IPv4/IPv6 address with an optional prefix length; checked again, precisely, when the server starts. */
const cidr = z.string().regex(/^[0-9a-fA-F:.]+(\/\d{1,3})?$/, 'must be an IP address or CIDR range (10.0.0.0/8, fd00::/8)');

export const ROLES = ['viewer', 'trader', 'admin'] as const;

export const authSchema = z.strictObject({
  /** Turns authentication off entirely (every caller is admin). Refused by the prod profile. */
  disabled: flag.default(false),
  /**
   * What a caller without credentials may do: `auto` = read (viewer) while no key or JWT
   * verifier is configured, nothing once one is; `viewer` or `none` to decide explicitly.
   */
  anonymous: z.enum(['auto', 'viewer', 'none']).default('auto'),
  jwt: z.strictObject({
    /** HS256 shared secret (at least 32 characters). */
    secret: z.string().min(32, 'must be at least 32 characters').optional(),
    /** RS256 public key, PEM (SPKI). */
    publicKey: z.string().regex(/-----BEGIN PUBLIC KEY-----/, 'must be a PEM public key (-----BEGIN PUBLIC KEY-----)').optional(),
    issuer: z.string().optional(),
    audience: z.string().optional(),
    /** Seconds of clock difference tolerated on exp/nbf/iat. */
    clockSkewS: z.coerce.number().int().min(0).max(300).default(30),
    /** Claim that holds the role (viewer | trader | admin). */
    roleClaim: z.string().min(1).default('role'),
  }).prefault({}),
  /** Client addresses allowed to connect (CIDR, IPv4 and IPv6); empty = everyone. */
  allowlist: list(cidr).default([]),
  /** Reverse proxies whose X-Forwarded-For is believed (CIDR); nobody else's is. */
  trustedProxies: list(cidr).default([]),
});

export const rateLimitSchema = z.strictObject({
  enabled: flag.default(true),
  /** Requests per client (API key, token subject, else IP address) per window. */
  max: z.coerce.number().int().min(1).max(1_000_000).default(600),
  windowMs: z.coerce.number().int().min(1000).max(86_400_000).default(60_000),
  /** `auto`: Redis when redisUrl is set (API processes share one budget), else in-process. */
  store: z.enum(['auto', 'memory', 'redis']).default('auto'),
  /** Redis key prefix of the counters. */
  keyPrefix: z.string().regex(/^[\w:.-]+$/, 'letters, digits, _ : . - only').default('sextant:ratelimit:'),
});

export const httpSchema = z.strictObject({
  /** Largest request body accepted (bytes); larger is a 413. */
  bodyLimitBytes: z.coerce.number().int().min(1024).max(64 << 20).default(1 << 20),
  /** A request whose headers and body have not arrived within this time is answered 408 and closed. */
  requestTimeoutMs: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /** Origins allowed cross-origin (CORS) and on WebSockets besides the server's own; empty = CORS off. */
  corsOrigins: list(z.string().regex(/^https?:\/\/[^/\s]+$/, 'must be an origin like https://app.example.com')).default([]),
  /** Repeated POST /api/v1/analyze bodies answered ahead of Fastify's hooks, same checks and bytes (api/fast-lane.ts). */
  fastLane: flag.default(true),
});

export const metricsSchema = z.strictObject({
  enabled: flag.default(true),
  /** GET /metrics without credentials (scrapers); false = viewer role like other reads. */
  public: flag.default(true),
});
