import { MarketError } from '../errors.js';

/** What an exchange said about when to come back, read from a 418/429 answer. */
export interface ThrottleHint {
  /** HTTP status that carried it. */
  status: number;
  /** Retry-After, in ms from the answer. */
  retryAfterMs?: number;
  /** 418: when the IP ban ends (epoch ms), from the body or Retry-After. */
  bannedUntil?: number;
}

/** Binance's IP ban when neither the body nor a header says how long: its shortest ban is two minutes. */
const DEFAULT_BAN_MS = 120_000;

function header(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  for (const [k, v] of Object.entries(headers as Record<string, unknown>)) {
    if (k.toLowerCase() === name) return Array.isArray(v) ? String(v[0]) : String(v);
  }
  return undefined;
}

/** Retry-After in ms: delta seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const s = Number(value);
  if (Number.isFinite(s)) return Math.max(0, s * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

export function throttleHint(status: number, headers: unknown, body: string, now: number): ThrottleHint | undefined {
  if (status !== 418 && status !== 429) return undefined;
  const retryAfterMs = parseRetryAfter(header(headers, 'retry-after'), now);
  if (status === 429) return { status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  // Binance: "IP(…) banned until 1723161600000".
  const m = /banned until (\d{12,})/.exec(body);
  const fromBody = m ? Number(m[1]) : undefined;
  const bannedUntil = fromBody !== undefined && fromBody > now ? fromBody : now + (retryAfterMs ?? DEFAULT_BAN_MS);
  return { status, bannedUntil, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
}

/** The hint a failed ccxt call carries (factory.ts attaches it to the error it throws). */
export function hintOf(err: unknown): ThrottleHint | undefined {
  const h = (err as { throttle?: ThrottleHint } | null)?.throttle;
  return h && typeof h.status === 'number' ? h : undefined;
}

/**
 * Whether this process may call the exchange now. A 429 with Retry-After pauses every
 * caller until then; a 418 (an IP ban) stops all calls until the ban ends, because each
 * request during a ban extends it.
 */
export class ExchangeGate {
  private pausedUntil = 0;
  private bannedUntilMs = 0;
  private banReason = '';

  constructor(private readonly exchange: string, private readonly now: () => number = Date.now) {}

  pause(untilMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
  }

  ban(untilMs: number, reason: string): void {
    if (untilMs > this.bannedUntilMs) {
      this.bannedUntilMs = untilMs;
      this.banReason = reason;
    }
  }

  bannedUntil(): number | undefined {
    return this.bannedUntilMs > this.now() ? this.bannedUntilMs : undefined;
  }

  /** ms to wait before the next request (0: go). */
  pauseLeft(): number {
    return Math.max(0, this.pausedUntil - this.now());
  }

  /** Throws while banned: the caller must not send anything. */
  assertOpen(operation: string): void {
    const until = this.bannedUntil();
    if (until === undefined) return;
    const left = Math.ceil((until - this.now()) / 1000);
    throw new MarketError('rate_limited', `${this.exchange} ${operation}() not sent: the exchange banned this IP (HTTP 418) until ${new Date(until).toISOString()} (${this.banReason}); no requests until then`, this.exchange, { retryAfterS: left });
  }
}
