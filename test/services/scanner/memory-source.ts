import { asPair } from '../../../src/core/types.js';
import { candleCount, sliceCandles, type Candles } from '../../../src/core/series.js';
import type { Timeframe } from '../../../src/core/timeframes.js';
import { MarketError } from '../../../src/sources/market/errors.js';
import type { CandleQuery, MarketInfo, MarketSource, Trade } from '../../../src/sources/market/types.js';

/** A MarketSource over candles already in memory (real files), counting concurrent calls. */
export class MemorySource implements MarketSource {
  readonly id = 'memory';
  inFlight = 0;
  maxInFlight = 0;
  constructor(
    private readonly data: Map<string, Candles>,
    private readonly tf: Timeframe,
    private readonly opts: { failing?: Set<string>; trades?: Map<string, Trade[]> } = {},
  ) {}

  async markets(): Promise<MarketInfo[]> {
    return [...this.data].map(([symbol, c]) => {
      const n = candleCount(c);
      const [base, quote] = symbol.split('/') as [string, string];
      return { symbol: asPair(symbol), base, quote, quoteVolume: c.close[n - 1]! * c.volume[n - 1]!, active: true };
    });
  }

  async candles(symbol: string, tf: Timeframe, q: CandleQuery = {}): Promise<Candles> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await new Promise((r) => setTimeout(r, 2));
      if (this.opts.failing?.has(symbol)) throw new MarketError('exchange_unavailable', `${symbol}: exchange answered 503`, this.id);
      if (tf !== this.tf) throw new MarketError('not_supported', `memory source has ${this.tf} only`, this.id);
      const c = this.data.get(symbol)!;
      const n = candleCount(c);
      return sliceCandles(c, Math.max(0, n - (q.limit ?? n)), n);
    } finally {
      this.inFlight--;
    }
  }

  async trades(symbol: string): Promise<Trade[]> {
    const t = this.opts.trades?.get(symbol);
    if (!t) throw new MarketError('not_supported', 'no trades', this.id);
    return t;
  }

  ticker(): never { throw new Error('not used'); }
  orderBook(): never { throw new Error('not used'); }
  tradeStream(): never { throw new Error('not used'); }
  bookStream(): never { throw new Error('not used'); }
  async close(): Promise<void> {}
}
