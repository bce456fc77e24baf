import type { Pair } from '../../../core/types.js';
import type { Exchange } from 'ccxt';
import type { Candles } from '../../../core/series.js';
import { timeframeMs, type Timeframe } from '../../../core/timeframes.js';
import { MarketError, UnknownSymbolError } from '../errors.js';
import { type CandleQuery, type MarketInfo, type MarketSource, type OrderBook, type StreamOptions, type Ticker, type Trade } from '../types.js';
import { parsePair } from '../../../core/types.js';
import { toBook, toTicker, toTrades } from './convert.js';
import { toMarketError } from './errors.js';
import { createExchange } from './factory.js';
import { paginateCandles } from './paginate.js';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry.js';
import { SeenTrades, pump, untilAborted } from './streams.js';

export interface CcxtSourceOptions {
  /** A ccxt exchange id: binance, lbank, kraken, … */
  exchangeId: string;
  /** Deep-merged into ccxt's `exchange.urls`, e.g. `{ api: { public: 'http://127.0.0.1:1234/api/v3' } }`. */
  urls?: Record<string, unknown>;
  /** Per-request timeout, ms (default 10 000). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Shorthand for `retry.attempts = retries + 1` (the configuration file's `exchange.retries`). */
  retries?: number;
  /** Not needed for public market data; passed to ccxt for exchanges that want them. */
  apiKey?: string;
  secret?: string;
  /** Candles per request; the exchange's maximum when unset (and never above it). */
  pageSize?: number;
  /** Interval of the REST polling used when the exchange has no websocket stream (default 2 000). */
  pollIntervalMs?: number;
  /** Set false to poll REST even where ccxt pro has websockets. */
  websocket?: boolean;
  /** Extra ccxt `options` for the exchange. */
  ccxtOptions?: Record<string, unknown>;
  /** Override of ccxt's per-exchange throttle interval (ms between requests). */
  rateLimitMs?: number;
  /** Jitter source; tests may fix it. */
  random?: () => number;
}

/** The exchange's page size when ccxt does not declare one. */
const FALLBACK_PAGE = 500;

/**
 * Any ccxt exchange as a MarketSource. ccxt throttles requests to the exchange's
 * published limits; this class adds typed errors, retries with backoff, pagination
 * and websocket streams with a REST-polling fallback.
 */
export class CcxtSource implements MarketSource {
  readonly id: string;
  private readonly ex: Exchange;
  private readonly hasPro: boolean;
  private readonly policy: RetryPolicy;
  private readonly closing = new AbortController();
  private marketsLoaded: Promise<void> | null = null;
  private marketsFailed = false;

  constructor(private readonly opts: CcxtSourceOptions) {
    this.id = opts.exchangeId;
    const { exchange, pro } = createExchange({
      exchange: opts.exchangeId,
      urls: opts.urls,
      timeoutMs: opts.timeoutMs ?? 10_000,
      apiKey: opts.apiKey,
      secret: opts.secret,
      ccxtOptions: opts.ccxtOptions,
      rateLimitMs: opts.rateLimitMs,
    });
    this.ex = exchange;
    this.hasPro = pro;
    this.policy = {
      ...DEFAULT_RETRY,
      ...(opts.retries !== undefined ? { attempts: opts.retries + 1 } : {}),
      ...opts.retry,
    };
  }

  /** The underlying ccxt object, for capabilities Sextant does not wrap. */
  get exchange(): Exchange {
    return this.ex;
  }

  private call<T>(operation: string, symbol: Pair | undefined, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.closing.signal.aborted) {
      return Promise.reject(new MarketError('exchange_unavailable', `${this.id} ${operation}() called after close()`, this.id));
    }
    return withRetry(fn, this.policy, (err, attempts) => toMarketError(err, { exchange: this.id, operation, symbol, attempts }), {
      random: this.opts.random,
      signal: signal ?? this.closing.signal,
    });
  }

  private loadMarkets(): Promise<void> {
    // ccxt keeps a rejected load and hands it back to every later loadMarkets(), so a
    // retry, or the next call after a failure, must ask it to reload.
    let failed = false;
    this.marketsLoaded ??= this.call('loadMarkets', undefined, async () => {
      try {
        await this.ex.loadMarkets(failed || this.marketsFailed);
      } catch (err) {
        failed = true;
        throw err;
      }
      this.marketsFailed = false;
    }).catch((err: unknown) => {
      this.marketsLoaded = null;
      this.marketsFailed = true;
      throw err;
    });
    return this.marketsLoaded;
  }

  /** Normalised symbol that the exchange lists, else UnknownSymbolError before any request. */
  private async resolve(input: string): Promise<Pair> {
    const symbol = parsePair(input);
    await this.loadMarkets();
    if (!this.ex.markets?.[symbol]) throw new UnknownSymbolError(symbol, this.id, 'not listed by the exchange');
    return symbol;
  }

  async markets(): Promise<MarketInfo[]> {
    await this.loadMarkets();
    const volumes = new Map<string, number | null>();
    if (this.ex.has['fetchTickers'] === true) {
      const tickers = await this.call('fetchTickers', undefined, () => this.ex.fetchTickers());
      for (const [sym, t] of Object.entries(tickers)) {
        volumes.set(sym, typeof t.quoteVolume === 'number' && Number.isFinite(t.quoteVolume) ? t.quoteVolume : null);
      }
    }
    return Object.values(this.ex.markets ?? {})
      .filter((m): m is NonNullable<typeof m> => m !== undefined && m.spot === true)
      .map((m) => ({
        symbol: m.symbol,
        base: m.base,
        quote: m.quote,
        quoteVolume: volumes.get(m.symbol) ?? null,
        active: m.active !== false,
      }))
      .sort((a, b) => a.symbol.localeCompare(b.symbol));
  }

  async candles(input: string, timeframe: Timeframe, query: CandleQuery = {}): Promise<Candles> {
    const symbol = await this.resolve(input);
    if (this.ex.has['fetchOHLCV'] !== true) throw new MarketError('not_supported', `${this.id} has no candles (fetchOHLCV)`, this.id);
    if (!(timeframe in (this.ex.timeframes ?? {}))) {
      throw new MarketError('not_supported', `${this.id} has no ${timeframe} candles (it offers ${Object.keys(this.ex.timeframes ?? {}).join(' ')})`, this.id);
    }
    return paginateCandles(
      (since, limit) => this.call('fetchOHLCV', symbol, () => this.ex.fetchOHLCV(symbol, timeframe, since, limit) as Promise<number[][]>),
      query,
      { pageSize: this.pageSize(), timeframeMs: timeframeMs(timeframe), source: this.id },
    );
  }

  private pageSize(): number {
    const features = this.ex.features as { spot?: { fetchOHLCV?: { limit?: number } } } | undefined;
    const max = features?.spot?.fetchOHLCV?.limit ?? FALLBACK_PAGE;
    return Math.max(1, Math.min(this.opts.pageSize ?? max, max));
  }

  async ticker(input: string): Promise<Ticker> {
    const symbol = await this.resolve(input);
    const t = await this.call('fetchTicker', symbol, () => this.ex.fetchTicker(symbol));
    return toTicker(t, symbol, this.id);
  }

  async orderBook(input: string, depth?: number): Promise<OrderBook> {
    const symbol = await this.resolve(input);
    const b = await this.call('fetchOrderBook', symbol, () => this.ex.fetchOrderBook(symbol, depth));
    return toBook(b, symbol, this.id, depth);
  }

  async trades(input: string, limit?: number): Promise<Trade[]> {
    const symbol = await this.resolve(input);
    const rows = await this.call('fetchTrades', symbol, () => this.ex.fetchTrades(symbol, undefined, limit));
    const trades = toTrades(rows, symbol);
    return limit === undefined ? trades : trades.slice(Math.max(0, trades.length - limit));
  }

  private streamSignal(opts?: StreamOptions): AbortSignal {
    return opts?.signal ? AbortSignal.any([opts.signal, this.closing.signal]) : this.closing.signal;
  }

  private useWebsocket(method: 'watchTrades' | 'watchOrderBook'): boolean {
    return this.opts.websocket !== false && this.hasPro && this.ex.has[method] === true;
  }

  /** ccxt refuses plain ws:// urls (a local or proxied endpoint) until it has an http agent. */
  private async prepareWebsocket(): Promise<void> {
    if (JSON.stringify(this.ex.urls['api'] ?? {}).includes('"ws://')) await this.ex.loadHttpProxyAgent();
  }

  async *tradeStream(input: string, opts?: StreamOptions): AsyncIterable<Trade> {
    const symbol = await this.resolve(input);
    const signal = this.streamSignal(opts);
    const seen = new SeenTrades();
    if (this.useWebsocket('watchTrades')) {
      await this.prepareWebsocket();
      yield* pump(async () => {
        const rows = await this.call('watchTrades', symbol, () => untilAborted(this.ex.watchTrades(symbol), signal), signal);
        return rows === undefined ? undefined : seen.fresh(toTrades(rows, symbol));
      }, signal);
      return;
    }
    yield* pump(
      async () => {
        const rows = await this.call('fetchTrades', symbol, () => untilAborted(this.ex.fetchTrades(symbol), signal), signal);
        return rows === undefined ? undefined : seen.fresh(toTrades(rows, symbol));
      },
      signal,
      this.opts.pollIntervalMs ?? 2_000,
    );
  }

  async *bookStream(input: string, opts?: StreamOptions & { depth?: number }): AsyncIterable<OrderBook> {
    const symbol = await this.resolve(input);
    const signal = this.streamSignal(opts);
    const depth = opts?.depth;
    const ws = this.useWebsocket('watchOrderBook');
    if (ws) await this.prepareWebsocket();
    yield* pump(
      async () => {
        const op = ws ? 'watchOrderBook' : 'fetchOrderBook';
        const b = await this.call(
          op,
          symbol,
          () => untilAborted(ws ? this.ex.watchOrderBook(symbol) : this.ex.fetchOrderBook(symbol, depth), signal),
          signal,
        );
        return b === undefined ? undefined : [toBook(b, symbol, this.id, depth)];
      },
      signal,
      ws ? 0 : (this.opts.pollIntervalMs ?? 2_000),
    );
  }

  async close(): Promise<void> {
    if (this.closing.signal.aborted) return;
    this.closing.abort(new MarketError('exchange_unavailable', `${this.id} source closed`, this.id));
    await this.ex.close().catch(() => undefined);
  }
}
