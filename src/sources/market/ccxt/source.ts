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
import { DEFAULT_RETRY, sleep, withRetry, type RetryPolicy } from './retry.js';
import { ExchangeGate, hintOf } from './throttle.js';
import { candleCount } from '../../../core/series.js';
import type { ServiceHealth } from '../../../kernel/service.js';
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
  /** CCXT's sandbox mode (the exchange's testnet). */
  sandbox?: boolean;
  /** A loaded market list older than this is reloaded by markets() (default one hour). */
  marketsMaxAgeMs?: number;
}

/** Failures that say the exchange itself is away (not the caller's pair or timeframe). */
const OUTAGE_KINDS = new Set(['rate_limited', 'exchange_unavailable', 'network', 'bad_response']);

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
  private readonly gate: ExchangeGate;
  /** The last market list that passed the checks, kept when a reload brings an empty or malformed one. */
  private goodMarkets: { markets: Exchange['markets']; at: number } | undefined;
  private marketsNote: string | undefined;
  private lastVolumes: { volumes: Map<string, number | null>; at: number } | undefined;
  private tickersNote: string | undefined;
  private lastFailure: { message: string; at: number } | undefined;

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
      sandbox: opts.sandbox,
    });
    this.gate = new ExchangeGate(opts.exchangeId);
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
    const abort = signal ?? this.closing.signal;
    const maxPause = this.policy.maxDelayMs;
    const attempt = async (): Promise<T> => {
      this.gate.assertOpen(operation);
      const wait = this.gate.pauseLeft();
      if (wait > maxPause) {
        throw new MarketError('rate_limited', `${this.id} ${operation}() not sent: the exchange asked to wait ${Math.ceil(wait / 1000)} s (HTTP 429 Retry-After)`, this.id, { retryAfterS: Math.ceil(wait / 1000) });
      }
      if (wait > 0) await sleep(wait, abort);
      return fn();
    };
    return withRetry(attempt, this.policy, (err, attempts) => this.classify(err, operation, symbol, attempts), {
      random: this.opts.random,
      signal: abort,
      // Every request during an IP ban extends it; a pause longer than the backoff cap is the caller's to wait.
      shouldRetry: () => this.gate.bannedUntil() === undefined && this.gate.pauseLeft() <= maxPause,
      minDelayMs: () => this.gate.pauseLeft(),
    }).then(
      (v) => {
        this.lastFailure = undefined;
        return v;
      },
      (e: MarketError) => {
        if (OUTAGE_KINDS.has(e.kind)) this.lastFailure = { message: e.message, at: Date.now() };
        throw e;
      },
    );
  }

  /** A failure as a MarketError, after telling the gate what a 418 or 429 said. */
  private classify(err: unknown, operation: string, symbol: Pair | undefined, attempts: number): MarketError {
    const hint = hintOf(err);
    const now = Date.now();
    let retryAfterS: number | undefined;
    if (hint?.bannedUntil !== undefined) {
      this.gate.ban(hint.bannedUntil, `answer to ${operation}()`);
      retryAfterS = Math.ceil((hint.bannedUntil - now) / 1000);
    } else if (hint?.retryAfterMs !== undefined) {
      this.gate.pause(now + hint.retryAfterMs);
      retryAfterS = Math.ceil(hint.retryAfterMs / 1000);
    }
    return toMarketError(err, { exchange: this.id, operation, symbol, attempts, ...(retryAfterS !== undefined ? { retryAfterS } : {}) });
  }

  /**
   * ok; degraded (throttled, market list or volumes kept from an earlier answer); down (banned,
   * or the last call failed because the exchange is away), each with the reason.
   */
  health(): ServiceHealth {
    const details: Record<string, unknown> = { id: this.id, markets: Object.keys(this.ex.markets ?? {}).length };
    const banned = this.gate.bannedUntil();
    if (banned !== undefined) {
      return { status: 'down', reason: `${this.id} banned this IP (HTTP 418) until ${new Date(banned).toISOString()}: no requests are sent until then`, details: { ...details, bannedUntil: new Date(banned).toISOString() } };
    }
    if (this.lastFailure) return { status: 'down', reason: this.lastFailure.message, details: { ...details, since: new Date(this.lastFailure.at).toISOString() } };
    const pause = this.gate.pauseLeft();
    const notes = [
      ...(pause > 0 ? [`${this.id} rate limited (HTTP 429): requests wait ${Math.ceil(pause / 1000)} s as Retry-After asked`] : []),
      ...(this.marketsNote ? [this.marketsNote] : []),
      ...(this.tickersNote ? [this.tickersNote] : []),
    ];
    return notes.length ? { status: 'degraded', reason: notes.join('; '), details } : { status: 'ok', details };
  }

  private loadMarkets(reload = false): Promise<void> {
    if (reload && this.marketsLoaded) {
      // A reload must not take away the list in use: it replaces it only once it passes the checks.
      const current = this.marketsLoaded;
      this.marketsLoaded = null;
      this.marketsFailed = true;
      return this.loadMarkets().catch((err: unknown) => {
        if (!this.goodMarkets) throw err;
        this.marketsNote = `${this.id} market list reload failed (${(err as Error).message.slice(0, 160)}): kept the list of ${new Date(this.goodMarkets.at).toISOString()}`;
        this.marketsLoaded = current;
      });
    }
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
      this.checkMarkets();
    }).catch((err: unknown) => {
      this.marketsLoaded = null;
      this.marketsFailed = true;
      throw err;
    });
    return this.marketsLoaded;
  }

  /**
   * An empty or malformed list is never kept: with an earlier good list, that one goes back
   * in place (and health says so); without one, the load fails and the next call asks again.
   */
  private checkMarkets(): void {
    const problem = marketListProblem(this.ex.markets);
    if (!problem) {
      this.goodMarkets = { markets: this.ex.markets, at: Date.now() };
      this.marketsNote = undefined;
      return;
    }
    if (this.goodMarkets) {
      this.ex.setMarkets(this.goodMarkets.markets);
      this.marketsNote = `${this.id} market list reload returned ${problem}: kept the list of ${new Date(this.goodMarkets.at).toISOString()}`;
      return;
    }
    // Not kept: ccxt must not hand the bad list to the next call.
    this.ex.markets = undefined as unknown as Exchange['markets'];
    throw new MarketError('bad_response', `${this.id} returned ${problem}; not kept, asked again on the next call`, this.id);
  }

  /** Reloads the market list now; the current one stays when the answer is empty, malformed or fails. */
  async refreshMarkets(): Promise<void> {
    await this.loadMarkets(true);
  }

  /** Normalised symbol that the exchange lists, else UnknownSymbolError before any request. */
  private async resolve(input: string): Promise<Pair> {
    const symbol = parsePair(input);
    await this.loadMarkets();
    if (!this.ex.markets?.[symbol]) throw new UnknownSymbolError(symbol, this.id, 'not listed by the exchange');
    return symbol;
  }

  /** The pair as the exchange lists it (the market list is loaded first); UnknownSymbolError otherwise. */
  resolveSymbol(input: string): Promise<Pair> {
    return this.resolve(input);
  }

  async markets(): Promise<MarketInfo[]> {
    const age = this.goodMarkets ? Date.now() - this.goodMarkets.at : 0;
    await this.loadMarkets(age > (this.opts.marketsMaxAgeMs ?? 3_600_000));
    const volumes = this.ex.has['fetchTickers'] === true ? await this.volumes() : new Map<string, number | null>();
    return Object.values(this.ex.markets ?? {})
      .filter((m): m is NonNullable<typeof m> => m !== undefined && m.spot === true)
      .map((m) => ({
        symbol: m.symbol,
        base: m.base,
        quote: m.quote,
        quoteVolume: volumes.get(m.symbol) ?? null,
        active: m.active !== false,
        minNotional: typeof m.limits?.cost?.min === 'number' && Number.isFinite(m.limits.cost.min) ? m.limits.cost.min : null,
      }))
      .sort((a, b) => a.symbol.localeCompare(b.symbol));
  }

  /**
   * Quote volumes from the tickers endpoint. When it fails, a scan must still run: the last
   * volumes this source saw rank the pairs (or none, and pairs rank by name), and health says so.
   */
  private async volumes(): Promise<Map<string, number | null>> {
    try {
      const tickers = await this.call('fetchTickers', undefined, () => this.ex.fetchTickers());
      const volumes = new Map<string, number | null>();
      for (const [sym, t] of Object.entries(tickers)) {
        volumes.set(sym, typeof t.quoteVolume === 'number' && Number.isFinite(t.quoteVolume) ? t.quoteVolume : null);
      }
      this.lastVolumes = { volumes, at: Date.now() };
      this.tickersNote = undefined;
      return volumes;
    } catch (err) {
      if (this.closing.signal.aborted) throw err;
      const last = this.lastVolumes;
      this.tickersNote = `${this.id} tickers failed (${(err as Error).message.slice(0, 160)}): ${last ? `pairs ranked by the volumes of ${new Date(last.at).toISOString()}` : 'no volumes known, pairs ranked by name'}`;
      // The failure is the tickers endpoint's, not the exchange's: the market list answered.
      this.lastFailure = undefined;
      return last?.volumes ?? new Map();
    }
  }

  async candles(input: string, timeframe: Timeframe, query: CandleQuery = {}): Promise<Candles> {
    const symbol = await this.resolve(input);
    if (this.ex.has['fetchOHLCV'] !== true) throw new MarketError('not_supported', `${this.id} has no candles (fetchOHLCV)`, this.id);
    if (!(timeframe in (this.ex.timeframes ?? {}))) {
      throw new MarketError('not_supported', `${this.id} has no ${timeframe} candles (it offers ${Object.keys(this.ex.timeframes ?? {}).join(' ')})`, this.id);
    }
    const candles = await paginateCandles(
      (since, limit) => this.call('fetchOHLCV', symbol, () => this.ex.fetchOHLCV(symbol, timeframe, since, limit) as Promise<number[][]>),
      query,
      { pageSize: this.pageSize(), timeframeMs: timeframeMs(timeframe), source: this.id },
    );
    // The latest candles of a listed pair cannot be none: the exchange answered without its data.
    if (query.since === undefined && candleCount(candles) === 0) {
      throw new MarketError('exchange_unavailable', `${this.id} answered no ${timeframe} candles for ${symbol} (a listed pair): try again later`, this.id);
    }
    return candles;
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

/** Why a loaded market list must not be used, or undefined when it is fine. */
function marketListProblem(markets: Exchange['markets'] | undefined): string | undefined {
  const list = Object.values(markets ?? {});
  if (list.length === 0) return 'an empty market list';
  const usable = list.filter((m) => m && typeof m.symbol === 'string' && typeof m.base === 'string' && typeof m.quote === 'string');
  if (usable.length === 0) return `a malformed market list (${list.length} entries, none with symbol, base and quote)`;
  return undefined;
}
