import {
  BadRequest, BadResponse, BadSymbol, DDoSProtection, ExchangeError, ExchangeNotAvailable, NetworkError, NotSupported,
  NullResponse, OnMaintenance, RateLimitExceeded, RequestTimeout,
} from 'ccxt';
import { describe, expect, it } from 'vitest';
import { toMarketError } from '../../../../src/sources/market/ccxt/errors.js';
import { UnknownSymbolError } from '../../../../src/sources/market/errors.js';

describe('ccxt error tree → MarketError', () => {
  const ctx = { exchange: 'binance', operation: 'fetchOHLCV', symbol: 'BTC/USDT', attempts: 4 };
  it.each([
    [new BadSymbol('binance does not have market symbol FOO/USDT'), 'unknown_symbol'],
    [new RateLimitExceeded('429'), 'rate_limited'],
    [new DDoSProtection('418 banned'), 'rate_limited'],
    [new OnMaintenance('system maintenance'), 'exchange_unavailable'],
    [new ExchangeNotAvailable('503'), 'exchange_unavailable'],
    [new RequestTimeout('timed out'), 'network'],
    [new NetworkError('ECONNRESET'), 'network'],
    [new BadResponse('garbage'), 'bad_response'],
    [new NullResponse('empty'), 'bad_response'],
    [new NotSupported('fetchOHLCV not supported'), 'not_supported'],
    [new TypeError("Cannot read properties of undefined (reading 'length')"), 'bad_response'],
    [new ExchangeError('something else'), 'exchange_unavailable'],
    [new BadRequest('bad parameter'), 'exchange_unavailable'],
  ] as const)('%s → %s', (err, kind) => {
    const me = toMarketError(err, ctx);
    expect(me.kind).toBe(kind);
    expect(me.source).toBe('binance');
    expect(me.message).toContain('binance');
  });

  it('names exchange, operation, attempts and reason', () => {
    const me = toMarketError(new RateLimitExceeded('binance 429 Too Many Requests'), ctx);
    expect(me.message).toMatch(/^binance fetchOHLCV\(BTC\/USDT\) failed after 4 attempts: rate limited by the exchange \(RateLimitExceeded: binance 429/);
    expect(me.retryable).toBe(true);
    expect(me.cause).toBeInstanceOf(RateLimitExceeded);
  });

  it('unknown symbols are UnknownSymbolError (HTTP 404)', () => {
    const me = toMarketError(new BadSymbol('lbank does not have market symbol FOO/USDT'), { ...ctx, exchange: 'lbank', symbol: 'FOO/USDT' });
    expect(me).toBeInstanceOf(UnknownSymbolError);
    expect(me.httpStatus).toBe(404);
    expect(me.message).toContain('FOO/USDT');
  });
});
