import {
  BadResponse,
  BadSymbol,
  DDoSProtection,
  ExchangeNotAvailable,
  NetworkError,
  NotSupported,
  OnMaintenance,
  RateLimitExceeded,
  RequestTimeout,
} from 'ccxt';
import { MarketError, UnknownSymbolError, type MarketErrorKind } from '../errors.js';

/**
 * The one place where ccxt's error tree becomes Sextant's MarketError (a SextantError whose
 * code, HTTP status and exit code follow from the kind). Order matters:
 * ccxt nests RateLimitExceeded, DDoSProtection, ExchangeNotAvailable and RequestTimeout
 * under NetworkError, so the specific classes are tested first.
 */
export function kindOf(err: unknown): MarketErrorKind | null {
  if (err instanceof MarketError) return err.kind;
  if (err instanceof BadSymbol) return 'unknown_symbol';
  if (err instanceof RateLimitExceeded || err instanceof DDoSProtection) return 'rate_limited';
  if (err instanceof OnMaintenance || err instanceof ExchangeNotAvailable) return 'exchange_unavailable';
  if (err instanceof RequestTimeout || err instanceof NetworkError) return 'network';
  if (err instanceof BadResponse) return 'bad_response';
  if (err instanceof NotSupported) return 'not_supported';
  // A parser that chokes on a malformed payload throws a plain TypeError/SyntaxError.
  if (err instanceof TypeError || err instanceof SyntaxError) return 'bad_response';
  return null;
}

const REASON: Record<MarketErrorKind, string> = {
  unknown_symbol: 'unknown pair',
  rate_limited: 'rate limited by the exchange',
  exchange_unavailable: 'exchange unavailable',
  network: 'network failure or timeout',
  bad_response: 'malformed response',
  not_supported: 'not supported by the exchange',
};

/**
 * Wraps any failure of a ccxt call. Errors ccxt cannot classify (a plain ExchangeError
 * such as an auth or parameter problem) become `exchange_unavailable`: callers can do
 * nothing better with them, and the message keeps ccxt's text.
 */
export function toMarketError(
  err: unknown,
  ctx: { exchange: string; operation: string; symbol?: string; attempts?: number; retryAfterS?: number },
): MarketError {
  if (err instanceof MarketError) return err;
  const kind = kindOf(err) ?? 'exchange_unavailable';
  const detail = err instanceof Error ? err.message : String(err);
  if (kind === 'unknown_symbol' && ctx.symbol) {
    return new UnknownSymbolError(ctx.symbol, ctx.exchange, truncate(detail));
  }
  const tries = ctx.attempts && ctx.attempts > 1 ? ` after ${ctx.attempts} attempts` : '';
  const what = ctx.symbol ? `${ctx.operation}(${ctx.symbol})` : `${ctx.operation}()`;
  const tag = err instanceof Error ? err.name : 'error';
  return new MarketError(kind, `${ctx.exchange} ${what} failed${tries}: ${REASON[kind]} (${tag}: ${truncate(detail)})`, ctx.exchange, {
    cause: err,
    ...(ctx.retryAfterS !== undefined ? { retryAfterS: ctx.retryAfterS } : {}),
  });
}

function truncate(s: string, max = 300): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
