import { asPair } from '../../../core/types.js';
import type { MarketEvent, Pair } from '../../../core/types.js';
import { join } from 'node:path';
import { type Candles, candleCount, lowerBound, sliceCandles } from '../../../core/series.js';
import { type Timeframe, canResample, timeframeMs, TIMEFRAMES } from '../../../core/timeframes.js';
import { cleanCandles, type QualityReport } from '../../../core/quality.js';
import { resample } from '../../../core/resample.js';
import { L2Book } from '../../../core/orderbook/book.js';
import { MarketError, UnknownSymbolError } from '../errors.js';
import type { CandleQuery, MarketInfo, MarketSource, OrderBook, StreamOptions, Ticker, Trade } from '../types.js';
import { CANDLE_DATASETS, FEED_DATASETS, defaultDataDir, type CandleDataset, type DatasetReader, type FeedDataset } from './catalog.js';
import { feedToMarketEvents, parseBinanceFeed, streamBinanceFeed, type FeedEvent } from './feed.js';

export interface SeriesInfo {
  dataset: string;
  exchange: string;
  symbol: Pair;
  timeframe: Timeframe;
  candles: number;
  first: number | null;
  last: number | null;
  quality: QualityReport;
}

interface LoadedSeries { dataset: CandleDataset; symbol: Pair; candles: Candles; quality: QualityReport }

/**
 * The bundled real data served as an exchange. Candles of any timeframe the data can
 * be resampled to; trades and books replayed from the recorded Binance feed at a
 * chosen speed. The same code paths as live run on top of it.
 */
export class ReplaySource implements MarketSource {
  readonly id = 'replay';
  private readonly dataDir: string;
  private readonly series = new Map<string, LoadedSeries>();
  private readonly feeds = new Map<string, FeedEvent[]>();

  constructor(opts: { dataDir?: string } = {}) {
    this.dataDir = opts.dataDir ?? defaultDataDir();
  }

  private keep(ds: CandleDataset, symbol: string, raw: Candles): LoadedSeries {
    const { candles, report } = cleanCandles(raw, ds.timeframe === '1M' ? undefined : timeframeMs(ds.timeframe));
    const s: LoadedSeries = { dataset: ds, symbol: asPair(symbol), candles, quality: report };
    this.series.set(`${ds.id}|${symbol}`, s);
    return s;
  }

  private readonly readers = new Map<string, DatasetReader>();

  private reader(ds: CandleDataset): DatasetReader {
    let r = this.readers.get(ds.id);
    if (!r) this.readers.set(ds.id, (r = ds.open(this.dataDir)));
    return r;
  }

  /**
   * One series, read on first use: a replay of ten pairs no longer parses the 144 pairs of
   * the daily files (most of its start before). Cleaning is per series, so the candles are
   * the same whatever else was read.
   */
  private seriesOf(ds: CandleDataset, symbol: string): LoadedSeries | undefined {
    const loaded = this.series.get(`${ds.id}|${symbol}`);
    if (loaded) return loaded;
    const raw = this.reader(ds).read(symbol);
    return raw && this.keep(ds, symbol, raw);
  }

  /** Every series, in catalogue order. */
  private allSeries(): LoadedSeries[] {
    return CANDLE_DATASETS.flatMap((ds) => this.reader(ds).symbols.flatMap((s) => this.seriesOf(ds, s) ?? []));
  }

  /** Symbol -> the datasets that hold it, in catalogue order (from the readers; no candles read). */
  private holders?: Map<string, CandleDataset[]>;

  private holderDatasets(symbol: string): CandleDataset[] {
    if (!this.holders) {
      this.holders = new Map();
      for (const ds of CANDLE_DATASETS) {
        for (const s of this.reader(ds).symbols) {
          const list = this.holders.get(s) ?? [];
          list.push(ds);
          this.holders.set(s, list);
        }
      }
    }
    return this.holders.get(symbol) ?? [];
  }

  private holdersOf(symbol: string): LoadedSeries[] {
    return this.holderDatasets(symbol).flatMap((ds) => this.seriesOf(ds, symbol) ?? []);
  }

  /** Every bundled series with its range and data-quality report. */
  listSeries(): SeriesInfo[] {
    return this.allSeries().map((s) => ({
      dataset: s.dataset.id,
      exchange: s.dataset.exchange,
      symbol: s.symbol,
      timeframe: s.dataset.timeframe,
      candles: candleCount(s.candles),
      first: s.quality.first,
      last: s.quality.last,
      quality: s.quality,
    }));
  }

  feedDatasets(): readonly FeedDataset[] {
    return FEED_DATASETS;
  }

  /**
   * The series that serves (symbol, timeframe): the native timeframe if bundled, else
   * the coarsest finer one that resamples exactly, Binance first, then the longest.
   */
  private pick(symbol: Pair, tf: Timeframe): LoadedSeries {
    // The bundled series are all loaded by the first call and never change, so the choice
    // is fixed per (symbol, timeframe): a cached analysis asks for it on every request.
    const memoKey = `${symbol}|${tf}`;
    let picked = this.picked.get(memoKey);
    if (!picked) {
      picked = this.choose(symbol, tf);
      this.picked.set(memoKey, picked);
    }
    return picked;
  }

  private readonly picked = new Map<string, LoadedSeries>();

  /** The bundled dataset that serves (symbol, timeframe) (see `choose`). */
  datasetFor(symbol: Pair, tf: Timeframe): string {
    return this.pick(symbol, tf).dataset.id;
  }

  /** How many series have been read and cleaned so far (they are read on first use). */
  get seriesRead(): number {
    return this.series.size;
  }

  /**
   * The rank: the coarsest timeframe that resamples exactly, then Binance, then the most
   * candles (ties: catalogue order). The first two keys are the dataset's own, so only the
   * datasets tied on them are read: BTC/USDT's daily candles no longer parse its hourly and
   * minute series first (~0.25 s of a replay's start).
   */
  private choose(symbol: Pair, tf: Timeframe): LoadedSeries {
    const head = (ds: CandleDataset) => TIMEFRAMES.indexOf(ds.timeframe) * 2 + (ds.exchange === 'binance' ? 1 : 0);
    const usable = this.holderDatasets(symbol).filter((ds) => canResample(ds.timeframe, tf));
    usable.sort((a, b) => head(b) - head(a));
    for (let i = 0; i < usable.length;) {
      let j = i + 1;
      while (j < usable.length && head(usable[j]!) === head(usable[i]!)) j++;
      let best: LoadedSeries | undefined;
      for (let k = i; k < j; k++) {
        const s = this.seriesOf(usable[k]!, symbol);
        if (s && (!best || candleCount(s.candles) > candleCount(best.candles))) best = s;
      }
      if (best) return best;
      i = j;
    }
    // No usable dataset could be read: what can be read says why.
    const holders = this.holdersOf(symbol);
    if (!holders.length) throw new UnknownSymbolError(symbol, this.id, 'not in the bundled data; `sextant data list` shows what is');
    const have = [...new Set(holders.map((s) => s.dataset.timeframe))].join(', ');
    throw new MarketError('not_supported', `bundled data has ${symbol} only at ${have}, which cannot be resampled to ${tf}`, this.id);
  }

  private readonly resampled = new Map<string, Candles>();

  /** Full clean history of (symbol, timeframe), resampled when needed (cached). */
  history(symbol: Pair, tf: Timeframe): Candles {
    const s = this.pick(symbol, tf);
    if (s.dataset.timeframe === tf) return s.candles;
    const key = `${s.dataset.id}|${symbol}|${tf}`;
    let c = this.resampled.get(key);
    if (!c) {
      c = resample(s.candles, tf, { dropPartialLast: true, sourceMs: timeframeMs(s.dataset.timeframe) });
      this.resampled.set(key, c);
    }
    return c;
  }

  async markets(): Promise<MarketInfo[]> {
    const seen = new Map<string, MarketInfo>();
    const daily = this.allSeries().filter((s) => s.dataset.timeframe === '1d');
    const datasetEnd = new Map<string, number>();
    for (const s of daily) datasetEnd.set(s.dataset.id, Math.max(datasetEnd.get(s.dataset.id) ?? 0, s.quality.last ?? 0));
    for (const s of this.allSeries()) {
      if (seen.has(s.symbol)) continue;
      const [base, quote] = s.symbol.split('/') as [string, string];
      const n = candleCount(s.candles);
      const lastDaily = daily.find((d) => d.symbol === s.symbol);
      // Quote volume of the latest bundled day, as an exchange's 24h figure would be.
      const qv = lastDaily && candleCount(lastDaily.candles)
        ? lastDaily.candles.close[candleCount(lastDaily.candles) - 1]! * lastDaily.candles.volume[candleCount(lastDaily.candles) - 1]!
        : n ? s.candles.close[n - 1]! * s.candles.volume[n - 1]! : null;
      // Delisted pairs stop before their dataset does.
      const active = lastDaily ? (lastDaily.quality.last ?? 0) >= datasetEnd.get(lastDaily.dataset.id)! - 7 * 86_400_000 : true;
      seen.set(s.symbol, { symbol: s.symbol, base, quote, quoteVolume: qv, active });
    }
    return [...seen.values()].sort((a, b) => (b.quoteVolume ?? 0) - (a.quoteVolume ?? 0));
  }

  async candles(symbol: Pair, tf: Timeframe, q: CandleQuery = {}): Promise<Candles> {
    const all = this.history(symbol, tf);
    let start = q.since !== undefined ? lowerBound(all.time, q.since) : 0;
    let end = q.until !== undefined ? lowerBound(all.time, q.until) : candleCount(all);
    if (q.limit !== undefined) {
      if (q.since !== undefined) end = Math.min(end, start + q.limit);
      else start = Math.max(start, end - q.limit);
    }
    return sliceCandles(all, start, end);
  }

  async ticker(symbol: Pair): Promise<Ticker> {
    const c = this.history(symbol, this.pick(symbol, '1d').dataset.timeframe);
    const n = candleCount(c);
    const book = this.feedFor(symbol) ? await this.orderBook(symbol, 1) : null;
    return {
      symbol, time: c.time[n - 1]!, last: c.close[n - 1]!,
      bid: book?.bids[0]?.[0] ?? null, ask: book?.asks[0]?.[0] ?? null,
      quoteVolume: c.close[n - 1]! * c.volume[n - 1]!,
    };
  }

  private feedFor(symbol: Pair): FeedDataset | undefined {
    return FEED_DATASETS.find((f) => f.symbol === symbol);
  }

  private feedEvents(symbol: Pair): FeedEvent[] {
    const ds = this.feedFor(symbol);
    if (!ds) {
      const have = FEED_DATASETS.map((f) => f.symbol).join(', ');
      throw new MarketError('not_supported', `no recorded trades/order book for ${symbol} in the bundled data (have ${have})`, this.id);
    }
    let ev = this.feeds.get(symbol);
    if (!ev) {
      ev = parseBinanceFeed(ds.files.map((f) => join(this.dataDir, f)), symbol);
      this.feeds.set(symbol, ev);
    }
    return ev;
  }

  /** Symbols with a recorded trade + book feed. */
  feedSymbols(): Pair[] {
    return FEED_DATASETS.map((f) => f.symbol);
  }

  /** The recorded feed of `symbol` as kernel events (trades, snapshot, diffs, tops), `at` = receive time. */
  marketEvents(symbol: Pair): Iterable<MarketEvent> {
    const cached = this.feeds.get(symbol);
    if (cached) return feedToMarketEvents(cached, symbol, this.id);
    const ds = this.feedFor(symbol);
    if (!ds) return feedToMarketEvents(this.feedEvents(symbol), symbol, this.id);
    // Parsed as the loop pulls (same events): a tracker replay does not hold the whole parsed feed.
    return streamBinanceFeed(ds.files.map((f) => join(this.dataDir, f)), symbol, this.id);
  }

  /** The recorded REST depth snapshot. */
  async orderBook(symbol: Pair, depth = 100): Promise<OrderBook> {
    const snap = this.feedEvents(symbol).find((e) => e.type === 'snapshot');
    if (!snap || snap.type !== 'snapshot') throw new MarketError('not_supported', `no book snapshot for ${symbol}`, this.id);
    return { symbol, time: Math.round(snap.recvMs), bids: snap.bids.slice(0, depth), asks: snap.asks.slice(0, depth), nonce: snap.lastUpdateId };
  }

  async trades(symbol: Pair, limit = 500): Promise<Trade[]> {
    const trades: Trade[] = [];
    for (const e of this.feedEvents(symbol)) if (e.type === 'trade') trades.push(e.trade);
    return trades.slice(-limit);
  }

  async *tradeStream(symbol: Pair, opts: StreamOptions = {}): AsyncIterable<Trade> {
    const pace = pacer(opts);
    for (const e of this.feedEvents(symbol)) {
      if (e.type !== 'trade') continue;
      if (!(await pace(e.recvMs))) return;
      yield e.trade;
    }
  }

  /**
   * Binance's documented book sync: buffer diffs, load the snapshot, drop buffered diffs
   * already in it (u <= lastUpdateId), then apply in order; a hole in the sequence
   * means a stale book and is an error, never silently papered over.
   */
  async *bookStream(symbol: Pair, opts: StreamOptions & { depth?: number } = {}): AsyncIterable<OrderBook> {
    const depth = opts.depth ?? 20;
    const pace = pacer(opts);
    const book = new L2Book();
    const pending: Extract<FeedEvent, { type: 'depth' }>[] = [];
    let synced = false;
    const applyDiff = (e: Extract<FeedEvent, { type: 'depth' }>): boolean => {
      if (e.lastId <= book.nonce) return false;
      if (e.firstId > book.nonce + 1) throw new MarketError('bad_response', `book sequence gap for ${symbol}: expected ${book.nonce + 1}, got ${e.firstId}`, this.id);
      book.apply(e.bids, e.asks, e.lastId);
      return true;
    };
    for (const e of this.feedEvents(symbol)) {
      if (e.type === 'snapshot') {
        book.loadSnapshot(e.bids, e.asks, e.lastUpdateId);
        synced = true;
        for (const d of pending.splice(0)) applyDiff(d);
        continue;
      }
      if (e.type !== 'depth') continue;
      if (!synced) {
        pending.push(e);
        continue;
      }
      if (!applyDiff(e)) continue;
      if (!(await pace(e.recvMs))) return;
      yield { symbol, time: e.eventMs, bids: book.bids.top(depth), asks: book.asks.top(depth), nonce: e.lastId };
    }
  }

  async close(): Promise<void> {
    this.feeds.clear();
  }
}

/** Waits so that recorded event times replay at `speed`; false when aborted. */
function pacer(opts: StreamOptions): (eventMs: number) => Promise<boolean> {
  const speed = opts.speed ?? Infinity;
  let firstEvent: number | undefined;
  let startWall = 0;
  return async (eventMs) => {
    if (opts.signal?.aborted) return false;
    if (!Number.isFinite(speed)) return true;
    if (firstEvent === undefined) {
      firstEvent = eventMs;
      startWall = performance.now();
      return true;
    }
    const due = startWall + (eventMs - firstEvent) / speed;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    return !opts.signal?.aborted;
  };
}
