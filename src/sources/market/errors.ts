/**
 * The one place where market failures become types. HTTP status and CLI exit follow
 * from the class: unknown symbol 404, rate limited 429/503, unavailable/network 503.
 */
export type MarketErrorKind = 'unknown_symbol' | 'rate_limited' | 'exchange_unavailable' | 'network' | 'bad_response' | 'not_supported';

export class MarketError extends Error {
  constructor(
    readonly kind: MarketErrorKind,
    message: string,
    readonly source: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MarketError';
  }

  /** Worth retrying with backoff. */
  get retryable(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'exchange_unavailable' || this.kind === 'network';
  }

  get httpStatus(): number {
    switch (this.kind) {
      case 'unknown_symbol': return 404;
      case 'not_supported': return 400;
      default: return 503;
    }
  }
}

export class UnknownSymbolError extends MarketError {
  constructor(symbol: string, source: string, hint?: string) {
    super('unknown_symbol', `unknown pair ${symbol} on ${source}${hint ? ` (${hint})` : ''}`, source);
    this.name = 'UnknownSymbolError';
  }
}
