import { CcxtSource, type CcxtSourceOptions } from '../../../../src/sources/market/ccxt/source.js';
import { localUrls, type FakeExchange } from '../../../helpers/fake-exchange/index.js';

export const EXCHANGES = ['binance', 'lbank'] as const;
export type ExchangeId = (typeof EXCHANGES)[number];

/** A real ccxt exchange pointed at the fake server, with retries short enough for tests. */
export function sourceFor(id: ExchangeId, fx: FakeExchange, opts: Partial<CcxtSourceOptions> = {}): CcxtSource {
  return new CcxtSource({
    exchangeId: id,
    urls: localUrls(id, fx.url),
    timeoutMs: 2_000,
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
    ...opts,
  });
}

/** The path fragment of each operation's endpoint, per exchange. */
export const PATHS: Record<ExchangeId, { markets: string; candles: string; book: string; trades: string; ticker: string }> = {
  binance: { markets: '/api/v3/exchangeInfo', candles: '/api/v3/klines', book: '/api/v3/depth', trades: '/api/v3/aggTrades', ticker: '/api/v3/ticker/24hr' },
  lbank: { markets: '/v2/accuracy.do', candles: '/v2/kline.do', book: '/v2/depth.do', trades: '/v2/trades.do', ticker: '/v2/ticker/24hr.do' },
};
