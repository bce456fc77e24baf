import { InputError, NotFoundError, UnavailableError } from '../../../errors.js';
import { type Candles, candleCount, sliceCandles, tailCandles } from '../../../core/series.js';
import { resample } from '../../../core/resample.js';
import { type Timeframe, isTimeframe, timeframeMs } from '../../../core/timeframes.js';
import type { Pair } from '../../../core/types.js';
import type { SeriesInfo, Store } from '../../../infra/store/types.js';
import type { CandleQuery, MarketInfo, MarketSource, OrderBook, Ticker, Trade } from '../types.js';

/**
 * The store's candles (imported files, `data fetch` downloads, pipeline ingests) as a market
 * source, so every command that analyses candles can analyse stored ones (`--source store`,
 * or `store:NAME` for the series stored under one origin name). A timeframe that is not
 * stored is resampled from the coarsest finer stored one that divides it; the store is
 * never asked to invent candles.
 */
export class StoreSource implements MarketSource {
  readonly id: string;

  constructor(private readonly store: Store, readonly origin?: string) {
    this.id = origin ? `store:${origin}` : 'store';
  }

  private async seriesOf(symbol: Pair): Promise<SeriesInfo[]> {
    const all = await this.store.listSeries();
    const mine = all.filter((s) => s.symbol === symbol && (!this.origin || s.source === this.origin) && isTimeframe(s.timeframe));
    if (mine.length) return mine;
    const stored = [...new Set(all.filter((s) => !this.origin || s.source === this.origin).map((s) => `${s.symbol} ${s.timeframe} (${s.source})`))];
    const what = stored.length ? `stored: ${stored.slice(0, 8).join(', ')}${stored.length > 8 ? ', …' : ''}` : 'the store holds no candles';
    throw new NotFoundError(`no stored candles for ${symbol}${this.origin ? ` under ${this.origin}` : ''} (${what}); add some with \`sextant data import\` or \`sextant data fetch\``, 'pair');
  }

  /** The one stored series to read `timeframe` from: exact if stored, else the coarsest finer one that divides it. */
  private async pick(symbol: Pair, timeframe: Timeframe): Promise<SeriesInfo> {
    const series = await this.seriesOf(symbol);
    const exact = series.filter((s) => s.timeframe === timeframe);
    const want = timeframe === '1M' ? Infinity : timeframeMs(timeframe);
    const usable = exact.length
      ? exact
      : series.filter((s) => {
        const ms = timeframeMs(s.timeframe as Timeframe);
        return s.timeframe !== '1M' && ms < want && (want === Infinity || want % ms === 0);
      });
    if (!usable.length) {
      throw new InputError(`${symbol} is stored at ${[...new Set(series.map((s) => s.timeframe))].join(', ')}; ${timeframe} cannot be made from that`, 'timeframe');
    }
    const origins = [...new Set(usable.map((s) => s.source))];
    if (origins.length > 1) throw new InputError(`${symbol} is stored from ${origins.join(' and ')}: say which with --source store:${origins[0]}`, 'source');
    return usable.reduce((a, b) => (timeframeMs(b.timeframe as Timeframe) > timeframeMs(a.timeframe as Timeframe) ? b : a));
  }

  async markets(): Promise<MarketInfo[]> {
    const series = (await this.store.listSeries()).filter((s) => !this.origin || s.source === this.origin);
    return [...new Set(series.map((s) => s.symbol))].map((symbol) => {
      const [base = symbol, quote = ''] = symbol.split('/');
      return { symbol: symbol as Pair, base, quote, quoteVolume: null, active: true };
    });
  }

  async candles(symbol: Pair, timeframe: Timeframe, query: CandleQuery = {}): Promise<Candles> {
    const s = await this.pick(symbol, timeframe);
    // The store's `until` is inclusive, a source's exclusive.
    const until = query.until !== undefined ? query.until - 1 : undefined;
    if (s.timeframe === timeframe) return this.store.getCandles(s.source, s.symbol, s.timeframe, { ...query, until });
    const fine = await this.store.getCandles(s.source, s.symbol, s.timeframe, { since: query.since, until });
    const out = resample(fine, timeframe);
    if (query.limit === undefined || candleCount(out) <= query.limit) return out;
    return query.since !== undefined ? sliceCandles(out, 0, query.limit) : tailCandles(out, query.limit);
  }

  async ticker(symbol: Pair): Promise<Ticker> {
    const series = await this.seriesOf(symbol);
    const newest = series.reduce((a, b) => (b.last > a.last ? b : a));
    const c = await this.store.getCandles(newest.source, newest.symbol, newest.timeframe, { limit: 1 });
    return { symbol, time: c.time[0]!, last: c.close[0]!, bid: null, ask: null, quoteVolume: null };
  }

  async orderBook(): Promise<OrderBook> {
    throw new UnavailableError('store', 'the store holds candles, not order books');
  }

  async trades(): Promise<Trade[]> {
    throw new UnavailableError('store', 'the store holds candles, not trades');
  }

  // eslint-disable-next-line require-yield
  async *tradeStream(): AsyncIterable<Trade> {
    throw new UnavailableError('store', 'the store has no live trades');
  }

  // eslint-disable-next-line require-yield
  async *bookStream(): AsyncIterable<OrderBook> {
    throw new UnavailableError('store', 'the store has no live order book');
  }

  async close(): Promise<void> {}
}
