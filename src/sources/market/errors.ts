import { SextantError, type ErrorCode } from '../../errors.js';

/**
 * The one place where market failures become types. The kind keeps the detail a retry
 * policy needs; the code (and with it HTTP status and CLI exit) follows from the kind.
 */
export type MarketErrorKind = 'unknown_symbol' | 'rate_limited' | 'exchange_unavailable' | 'network' | 'bad_response' | 'not_supported';

export const MARKET_ERROR_CODE: Readonly<Record<MarketErrorKind, ErrorCode>> = {
  unknown_symbol: 'not_found',
  rate_limited: 'rate_limited',
  exchange_unavailable: 'unavailable',
  network: 'unavailable',
  bad_response: 'bad_upstream',
  not_supported: 'not_supported',
};

export class MarketError extends SextantError {
  constructor(
    readonly kind: MarketErrorKind,
    message: string,
    readonly source: string,
    options?: { cause?: unknown; field?: string; retryAfterS?: number },
  ) {
    super(MARKET_ERROR_CODE[kind], message, { dependency: source, ...options });
    this.name = 'MarketError';
  }

  /**
   * Worth retrying with backoff. Narrower than the code's: the same malformed payload
   * comes back on a retry, so bad_response is not retried here although a caller may
   * try again later.
   */
  override get retryable(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'exchange_unavailable' || this.kind === 'network';
  }
}

export class UnknownSymbolError extends MarketError {
  constructor(symbol: string, source: string, hint?: string) {
    super('unknown_symbol', `unknown pair ${symbol} on ${source}${hint ? ` (${hint})` : ''}`, source, { field: 'pair' });
    this.name = 'UnknownSymbolError';
  }
}
