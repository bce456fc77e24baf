import { basename } from 'node:path';
import { InputError, NotFoundError, UnavailableError } from '../../../errors.js';
import { type Candles, candleCount, sliceCandles, tailCandles } from '../../../core/series.js';
import type { QualityReport } from '../../../core/quality.js';
import type { Timeframe } from '../../../core/timeframes.js';
import { type Pair, parsePair } from '../../../core/types.js';
import { type FileReadReport, readCandleFile } from './read.js';
import { describeSpacing } from './spacing.js';
import type { CandleQuery, MarketInfo, MarketSource, OrderBook, Ticker, Trade } from '../types.js';

export interface FileSourceOptions {
  /** CSV with a header (timestamp,open,high,low,close,volume), headerless Binance Vision klines, or freqtrade JSON rows. */
  path: string;
  /** The pair the file holds; default read from a freqtrade-style name (ETH_USDT-1h.json), else none. */
  pair?: Pair;
}

/**
 * One candle file as a market source (the CLI's `--input FILE`): the REST part of
 * MarketSource over one series, so every command and service reads a file exactly as it
 * reads an exchange. The file holds one pair; any pair asked for gets that file (the name
 * the caller gives is the label). Its timeframe is the spacing of its candles: asking for
 * another one is refused with both named, because a mismatch is almost always a mislabelled
 * file (1-minute data that would otherwise be analysed or stored as hours).
 */
export class FileSource implements MarketSource {
  readonly id = 'file';
  readonly path: string;
  /** The pair the file holds, when known. */
  readonly pair: Pair | undefined;
  private readonly raw: Candles;
  /** How the file was read: sorted, repeats merged, rows dropped and why, its spacing. */
  readonly report: FileReadReport;
  /** What the clean layer rejected when the file was read (impossible candles); readers (loadCandles) report it. */
  readonly quality: QualityReport;
  /** Most common step between candles, ms (NaN with fewer than 2 candles). */
  readonly stepMs: number;

  constructor(opts: FileSourceOptions) {
    this.path = opts.path;
    const { candles, report } = readCandleFile(opts.path);
    this.raw = candles;
    this.report = report;
    this.quality = report.quality;
    this.pair = opts.pair ?? pairFromName(opts.path);
    this.stepMs = report.spacing.stepMs;
  }

  /** The file's own timeframe when it is one of Sextant's (undefined with fewer than 2 candles). */
  get timeframe(): Timeframe | undefined {
    return this.report.spacing.timeframe;
  }

  /**
   * The timeframe a command should use: the file's when none was asked for; the one asked
   * for when it agrees with the file (or the file is too short to tell); else an error
   * naming both.
   */
  resolveTimeframe(asked: Timeframe | undefined, fallback: Timeframe): Timeframe {
    const own = this.timeframe;
    if (Number.isFinite(this.stepMs) && (asked === undefined || asked !== own)) {
      if (asked === undefined && own) return own;
      const spacing = describeSpacing(this.report.spacing);
      const fix = own ? `leave out --tf or give --tf ${own}` : 'give a file spaced by one of 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1M';
      throw new InputError(`${this.path} holds ${spacing} candles (from their spacing), not ${asked ?? 'a timeframe Sextant knows'}: ${fix}`, 'timeframe');
    }
    return asked ?? fallback;
  }

  async markets(): Promise<MarketInfo[]> {
    if (!this.pair) return [];
    const [base, quote] = this.pair.split('/') as [string, string];
    const n = candleCount(this.raw);
    return [{ symbol: this.pair, base, quote, quoteVolume: n ? this.raw.close[n - 1]! * this.raw.volume[n - 1]! : null, active: true }];
  }

  async candles(_symbol: Pair, timeframe: Timeframe, query: CandleQuery = {}): Promise<Candles> {
    return this.read(timeframe, query);
  }

  /** The file's candles (at its own timeframe only), newest `limit` (or from `since`), whatever pair is asked for. */
  read(timeframe: Timeframe, query: CandleQuery = {}): Candles {
    this.resolveTimeframe(timeframe, timeframe);
    return window(this.raw, query);
  }

  async ticker(symbol: Pair): Promise<Ticker> {
    const n = candleCount(this.raw);
    if (!n) throw new NotFoundError(`${this.path} holds no candles`, 'input');
    return { symbol, time: this.raw.time[n - 1]!, last: this.raw.close[n - 1]!, bid: null, ask: null, quoteVolume: null };
  }

  async orderBook(): Promise<OrderBook> {
    throw new UnavailableError('file', `${this.path} is a candle file: it holds no order book`);
  }

  async trades(): Promise<Trade[]> {
    throw new UnavailableError('file', `${this.path} is a candle file: it holds no trades`);
  }

  // eslint-disable-next-line require-yield
  async *tradeStream(): AsyncIterable<Trade> {
    throw new UnavailableError('file', `${this.path} is a candle file: it has no live trades`);
  }

  // eslint-disable-next-line require-yield
  async *bookStream(): AsyncIterable<OrderBook> {
    throw new UnavailableError('file', `${this.path} is a candle file: it has no live order book`);
  }

  async close(): Promise<void> {}
}

/** freqtrade's naming, ETH_USDT-1h.json or BTC_USDT.csv → the pair; anything else (btc-daily.json) → undefined. */
function pairFromName(path: string): Pair | undefined {
  const m = /^([A-Za-z0-9]+)_([A-Za-z0-9]+)(?=[-.])/.exec(basename(path));
  if (!m) return undefined;
  try {
    return parsePair(`${m[1]}/${m[2]}`);
  } catch {
    return undefined;
  }
}

/** since/until/limit as every source applies them: since and until bound, limit keeps the newest (or the first after since). */
function window(c: Candles, q: CandleQuery): Candles {
  const n = candleCount(c);
  let lo = 0;
  let hi = n;
  if (q.since !== undefined) while (lo < n && c.time[lo]! < q.since) lo++;
  if (q.until !== undefined) while (hi > lo && c.time[hi - 1]! >= q.until) hi--;
  let out = lo === 0 && hi === n ? c : sliceCandles(c, lo, hi);
  if (q.limit !== undefined && candleCount(out) > q.limit) out = q.since !== undefined ? sliceCandles(out, 0, q.limit) : tailCandles(out, q.limit);
  return out;
}
