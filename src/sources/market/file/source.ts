import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { InputError, NotFoundError, UnavailableError } from '../../../errors.js';
import { type Candles, candleCount, sliceCandles, tailCandles } from '../../../core/series.js';
import { cleanCandles, type QualityReport } from '../../../core/quality.js';
import { resample } from '../../../core/resample.js';
import { type Timeframe, TIMEFRAMES, timeframeMs } from '../../../core/timeframes.js';
import { type Pair, parsePair } from '../../../core/types.js';
import { parseCandleFile } from '../parse.js';
import type { CandleQuery, MarketInfo, MarketSource, OrderBook, Ticker, Trade } from '../types.js';

export interface FileSourceOptions {
  /** CSV with a header (timestamp,open,high,low,close,volume) or freqtrade JSON rows. */
  path: string;
  /** The pair the file holds; default read from a freqtrade-style name (ETH_USDT-1h.json), else none. */
  pair?: Pair;
}

/**
 * One candle file as a market source (the CLI's `--input FILE`): the REST part of
 * MarketSource over one series, so every command and service reads a file exactly as it
 * reads an exchange. The file holds one pair; any pair asked for gets that file (the name
 * the caller gives is the label). A coarser timeframe than the file's is resampled; a finer
 * one cannot be made and is refused.
 */
export class FileSource implements MarketSource {
  readonly id = 'file';
  readonly path: string;
  /** The pair the file holds, when known. */
  readonly pair: Pair | undefined;
  private readonly raw: Candles;
  /** What the clean layer rejected when the file was read (rows out of order, impossible candles). */
  readonly quality: QualityReport;
  /** Smallest step between candles: the file's own timeframe, in ms (NaN with fewer than 2 candles). */
  readonly stepMs: number;

  constructor(opts: FileSourceOptions) {
    this.path = opts.path;
    if (!existsSync(opts.path)) throw new NotFoundError(`input file ${opts.path} not found`, 'input');
    // Cleaned once here: resampling and windows need increasing times, and the rejected rows
    // are reported by the readers (loadCandles) from `quality`.
    const { candles, report } = cleanCandles(parseCandleFile(readFileSync(opts.path, 'utf8'), opts.path));
    this.raw = candles;
    this.quality = report;
    this.pair = opts.pair ?? pairFromName(opts.path);
    this.stepMs = smallestStep(this.raw.time);
  }

  /** The file's own timeframe when it is one of Sextant's. */
  get timeframe(): Timeframe | undefined {
    return TIMEFRAMES.find((tf) => tf !== '1M' && timeframeMs(tf) === this.stepMs);
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

  /** The file's candles at `timeframe`, newest `limit` (or from `since`), whatever pair is asked for. */
  read(timeframe: Timeframe, query: CandleQuery = {}): Candles {
    let c = this.raw;
    const step = this.stepMs;
    if (Number.isFinite(step)) {
      const want = timeframe === '1M' ? Infinity : timeframeMs(timeframe);
      if (want < step) throw new InputError(`${this.path} holds ${describeStep(step)} candles; ${timeframe} cannot be made from them (use --tf ${this.timeframe ?? describeStep(step)} or coarser)`, 'timeframe');
      if (want > step) c = resample(c, timeframe);
    }
    return window(c, query);
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

function smallestStep(time: Float64Array): number {
  let step = Infinity;
  for (let i = 1; i < time.length; i++) {
    const d = time[i]! - time[i - 1]!;
    if (d > 0 && d < step) step = d;
  }
  return Number.isFinite(step) ? step : NaN;
}

function describeStep(ms: number): string {
  return TIMEFRAMES.find((tf) => tf !== '1M' && timeframeMs(tf) === ms) ?? `${ms / 60_000}-minute`;
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
