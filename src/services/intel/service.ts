import { randomUUID } from 'node:crypto';
import type { Config } from '../../config/schema.js';
import { type Timeframe, timeframeMs } from '../../core/timeframes.js';
import { parsePair, type Pair } from '../../core/types.js';
import { candleCount } from '../../core/series.js';
import { backtestRule, confidenceFor } from '../../core/intel/backtest.js';
import { decide, divergence, horizonHours, sizing } from '../../core/intel/coordinator.js';
import { EXCHANGE_ADDRESSES } from '../../core/intel/exchange-addresses.js';
import { ruleBars } from '../../core/intel/history.js';
import type { SentimentModel } from '../../core/sentiment/model.js';
import type { Clock } from '../../kernel/clock.js';
import type { ServiceHealth } from '../../kernel/service.js';
import type { Cache } from '../../infra/cache/types.js';
import type { Store } from '../../infra/store/types.js';
import { AlternativeMeClient } from '../../sources/feargreed/alternative-me.js';
import { BlockchainComClient } from '../../sources/onchain/blockchain-com.js';
import { RedditClient } from '../../sources/sentiment/reddit.js';
import type { MarketSource } from '../../sources/market/types.js';
import { loadCandles } from '../candles.js';
import { loadSignal } from '../signal.js';
import type { TrackerService } from '../tracker/service.js';
import { bookParts, type BookParts } from './book.js';
import { fearGreedPart, type FearGreedResult } from './feargreed.js';
import { onchainPart } from './onchain.js';
import { sentimentPart } from './sentiment.js';
import { sentimentModel } from './sentiment-model.js';
import { writeThesis } from './thesis.js';
import { missing, type IntelSignal, type Part, type SentimentPart, type TechnicalPart, type WhalePart } from './types.js';

/** SPEC E's cache lifetimes. */
export const TTL = { whales: 60_000, book: 30_000, sentiment: 300_000 } as const;
const NS = 'intel_signals';
const HISTORY_CANDLES = 5000;

export interface IntelServiceOptions {
  config: Config;
  source: MarketSource;
  clock: Clock;
  cache?: Cache;
  /** Opened on first use (signals history, Fear & Greed history). */
  store?: () => Store;
  tracker?: () => TrackerService | undefined;
}

/**
 * SPEC E: whales, book, sentiment and Fear & Greed, each fetched under its own cache,
 * breaker and rate limit, combined by the divergence rule with the technical signal. A
 * part that cannot be had is marked missing with the reason; the signal is still made.
 */
export class IntelService {
  private readonly online: boolean;
  private chain?: BlockchainComClient;
  private reddit?: RedditClient;
  private fng?: AlternativeMeClient;
  private clientsMade = false;
  private readonly exchanges: Map<string, string>;
  private model?: SentimentModel;
  private readonly listeners = new Set<(s: IntelSignal) => void>();
  private readonly local = new Map<string, { until: number; value: unknown }>();

  constructor(private readonly opts: IntelServiceOptions) {
    const s = opts.config.intel;
    this.online = s.mode === 'online' || (s.mode === 'auto' && opts.source.id !== 'replay');
    this.exchanges = new Map(Object.entries({ ...(s.whales.replaceExchangeAddresses ? {} : EXCHANGE_ADDRESSES), ...s.whales.exchangeAddresses }));
  }

  /** Clients (and their breaker timers) exist only once a signal is asked for: most commands never ask. */
  private makeClients(): void {
    if (this.clientsMade) return;
    this.clientsMade = true;
    const s = this.opts.config.intel;
    const opts = this.opts;
    if (this.online) {
      this.chain = new BlockchainComClient({ baseUrl: s.whales.baseUrl, timeoutMs: s.timeoutMs, perMinute: s.whales.perMinute });
      this.fng = new AlternativeMeClient({ baseUrl: s.fearGreed.baseUrl, timeoutMs: s.timeoutMs, perMinute: s.fearGreed.perMinute });
      if (s.reddit.clientId && s.reddit.clientSecret) {
        this.reddit = new RedditClient({ clientId: s.reddit.clientId, clientSecret: s.reddit.clientSecret, userAgent: s.reddit.userAgent, authUrl: s.reddit.authUrl, apiUrl: s.reddit.apiUrl, timeoutMs: s.timeoutMs, perMinute: s.reddit.perMinute }, () => opts.clock.now());
      }
    }
  }

  private get offlineReason(): string {
    return this.opts.config.intel.mode === 'offline' ? 'offline (intel.mode: offline): no network calls' : 'offline (the market source is replay): no network calls';
  }

  /** Cached through the process cache (shared via Redis when configured), else in-process. */
  private async cached<T>(key: string, ttl: number, make: () => Promise<T>): Promise<T> {
    const now = this.opts.clock.now();
    const cache = this.opts.cache;
    if (cache) {
      const hit = await cache.get(`intel:v1:${key}`).catch(() => undefined);
      if (hit) return JSON.parse(hit.toString('utf8')) as T;
    } else {
      const l = this.local.get(key);
      if (l && l.until > now) return l.value as T;
    }
    const value = await make();
    // A part that could not be had is asked for again next time, not remembered for the TTL.
    if (JSON.stringify(value).includes('"status":"missing"')) return value;
    if (cache) await cache.set(`intel:v1:${key}`, Buffer.from(JSON.stringify(value)), ttl).catch(() => undefined);
    else this.local.set(key, { until: now + ttl, value });
    return value;
  }

  private sentimentModel(): SentimentModel {
    return (this.model ??= sentimentModel({ dataDir: this.opts.config.dataDir }));
  }

  private store(): Store | undefined {
    try {
      return this.opts.store?.();
    } catch {
      return undefined;
    }
  }

  async generate(req: { symbol: string; timeframe: Timeframe }): Promise<IntelSignal> {
    const s = this.opts.config.intel;
    const symbol = parsePair(req.symbol);
    this.makeClients();
    const base = symbol.split('/')[0]!;
    const now = this.opts.clock.now();
    const catchPart = <T>(p: Promise<Part<T>>): Promise<Part<T>> => p.catch((e: Error) => missing(e.message));

    // Network parts first, CPU parts after: a book replay or a backtest holds the event loop
    // long enough to make a waiting request's timer fire before its answer is read.
    const [whales, sentiment, fg] = await Promise.all([
      catchPart(this.cached(`whales:${this.online}:${base}`, TTL.whales, () => onchainPart(base, this.chain, this.exchanges, s.whales.minBtc, now, `${this.offlineReason}; no capture of large on-chain BTC transactions with a usable licence exists to bundle (data/PROVENANCE.md)`))),
      catchPart(this.cached<Part<SentimentPart>>(`sentiment:${this.online}`, TTL.sentiment, () => sentimentPart(this.sentimentModel(), {
        reddit: this.reddit, subreddits: s.reddit.subreddits, perSubreddit: s.reddit.postsPerSubreddit, online: this.online, file: s.sentimentFile, ...(this.opts.config.dataDir ? { dataDir: this.opts.config.dataDir } : {}),
      }))),
      this.cached<FearGreedResult>(`fng:${this.online}`, TTL.sentiment, () => fearGreedPart({ client: this.fng, ...(s.fearGreed.historyFile ? { historyFile: s.fearGreed.historyFile } : {}), store: this.store(), offlineReason: `${this.offlineReason}; alternative.me's history has no licence that allows bundling it (set intel.fearGreed.historyFile to a date,value CSV)` }))
        .catch((e: Error): FearGreedResult => ({ part: missing(e.message), history: [], historySource: null })),
    ]);
    const [book, technical, history] = await Promise.all([
      this.cached<BookParts>(`book:${symbol}`, TTL.book, () => bookParts(symbol, this.opts.source, this.opts.tracker?.(), s.whales.minTradeNotional))
        .catch((e: Error): BookParts => ({ orderbook: missing(e.message), exchange_whales: missing(e.message) })),
      this.technical(symbol, req.timeframe),
      loadCandles(this.opts.source, { pair: symbol, timeframe: req.timeframe, limit: HISTORY_CANDLES }).catch((e: Error) => e),
    ]);

    // The whale score: on-chain exchange flows when measured, else large exchange trades (named).
    const onchainScore = whales.status === 'present' ? whales.accumulation_score : null;
    const exScore = book.exchange_whales.status === 'present' ? book.exchange_whales.accumulation_score : null;
    const whaleScore = onchainScore ?? exScore;
    const whaleInput = onchainScore !== null ? 'on-chain exchange net flow' : exScore !== null ? 'exchange-side whales: large taker trades, buy vs sell' : null;
    // The crowd: Fear & Greed, averaged with social sentiment mapped to 0–100 when both exist.
    const fgValue = fg.part.status === 'present' ? fg.part.value : null;
    const social = sentiment.status === 'present' ? (sentiment.score + 1) * 50 : null;
    const retail = fgValue !== null && social !== null ? (fgValue + social) / 2 : fgValue ?? social;
    const retailInput = fgValue !== null && social !== null ? 'mean of Fear & Greed and social sentiment (mapped to 0-100)' : fgValue !== null ? 'Fear & Greed' : social !== null ? 'social sentiment mapped to 0-100' : null;

    const div = divergence(whaleScore, retail);
    const techDir = technical.status === 'present' ? technical.direction : null;
    const { action } = decide(div, techDir);
    const tfMs = timeframeMs(req.timeframe);
    const horizon = horizonHours(tfMs);

    let backtest: IntelSignal['backtest'];
    let confidence: { rate: number; sample: number } | null = null;
    let confidenceNote: string;
    if (history instanceof Error || candleCount(history.candles) < 60) {
      const why = history instanceof Error ? history.message : `only ${candleCount(history.candles)} candles of ${symbol} ${req.timeframe}`;
      backtest = { status: 'missing', reason: why };
      confidenceNote = `no history to backtest the rule on: ${why}`;
    } else {
      const fgHist = fg.history.length ? new Map(fg.history.map((p) => [p.time, p.value])) : null;
      const rb = ruleBars(history.candles, tfMs, fgHist);
      const hBars = Math.max(1, Math.round((horizon * 3_600_000) / tfMs));
      const bt = backtestRule(rb.bars, hBars);
      backtest = { status: 'present', ...bt, whale_proxy: rb.whaleProxy, fear_greed_source: fgHist ? `${rb.fearGreedSource} (${fg.historySource})` : rb.fearGreedSource, pair: symbol, timeframe: req.timeframe };
      confidence = confidenceFor(bt, action, s.minSample);
      const period = bt.from !== null ? `${new Date(bt.from).toISOString().slice(0, 10)}..${new Date(bt.to!).toISOString().slice(0, 10)}` : 'no signals';
      confidenceNote = action === 'HOLD'
        ? `HOLD is not a call with an outcome; the rule's BUY calls hit ${fmtRate(bt.BUY)} and SELL calls ${fmtRate(bt.SELL)} on ${candleCount(history.candles)} candles of ${symbol} ${req.timeframe}`
        : confidence
          ? `share of the rule's past ${action} calls whose close ${hBars} bar(s) later moved their way, ${symbol} ${req.timeframe} ${period}; whale score replaced by ${rb.whaleProxy}; crowd by ${backtest.fear_greed_source}`
          : `only ${bt[action].signals} past ${action} calls of the rule on ${symbol} ${req.timeframe} (minimum ${s.minSample})`;
    }

    const parts = { whales, exchange_whales: book.exchange_whales, orderbook: book.orderbook, sentiment, fear_greed: fg.part, technical };
    const missingParts = Object.values(parts).filter((p) => p.status === 'missing').length;
    const draft = {
      id: randomUUID(),
      symbol,
      timeframe: req.timeframe,
      generated_at: new Date(now).toISOString(),
      signal: action,
      confidence: confidence ? Math.round(confidence.rate * 100) : null,
      confidence_sample: confidence?.sample ?? (backtest.status === 'missing' || action === 'HOLD' ? 0 : backtest[action].signals),
      confidence_note: confidenceNote,
      risk_factors: riskFactors(parts, div, techDir, action, confidence, fgValue),
      horizon_hours: horizon,
      position_sizing: sizing(action, confidence, div.high, missingParts),
      divergence: { ...div, whale_score: whaleScore, whale_input: whaleInput, retail_fear_greed: retail === null ? null : Math.round(retail * 10) / 10, retail_input: retailInput },
      parts,
      backtest,
    };
    const written = await writeThesis(draft, s.llm ? this.opts.config.llm : undefined);
    const signal: IntelSignal = { ...draft, ...written };
    await this.store()?.kvSet(NS, `${symbol}|${String(now).padStart(15, '0')}|${signal.id}`, signal).catch(() => undefined);
    for (const l of this.listeners) l(signal);
    return signal;
  }

  private async technical(symbol: Pair, timeframe: Timeframe): Promise<Part<TechnicalPart>> {
    try {
      const { loaded, result } = await loadSignal(this.opts.source, { pair: symbol, timeframe, limit: 1000 });
      const sig = result.signal;
      return {
        status: 'present', source: `${loaded.origin} ${symbol} ${timeframe}, ${candleCount(loaded.candles)} candles`, as_of: new Date(sig.time).toISOString(),
        direction: sig.direction, market_score: sig.marketScore, valid: sig.valid, price: sig.price, confluence: sig.confluence, confidence_score: sig.confidenceScore, confidence_sample: sig.confidenceSample,
      };
    } catch (e) {
      return missing(`technical signal: ${(e as Error).message}`);
    }
  }

  /** Stored signals of a symbol (all when omitted), newest first. */
  async history(q: { symbol?: string; limit: number }): Promise<IntelSignal[]> {
    const store = this.store();
    if (!store) return [];
    const sym = q.symbol ? parsePair(q.symbol) : undefined;
    const rows = await store.kvList<IntelSignal>(NS);
    return rows.map((r) => r.value).filter((s) => !sym || s.symbol === sym).sort((a, b) => b.generated_at.localeCompare(a.generated_at)).slice(0, q.limit);
  }

  /** New signals as they are made (the signals WebSocket pushes them). */
  subscribe(fn: (s: IntelSignal) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  health(): ServiceHealth {
    const guards = [this.chain, this.reddit, this.fng].flatMap((c) => (c ? [c.guard.state()] : []));
    const open = guards.filter((g) => g.breaker !== 'closed');
    const details = { mode: this.online ? 'online' : 'offline', sources: guards };
    return open.length ? { status: 'degraded', reason: `circuit ${open.map((g) => `${g.name} ${g.breaker}`).join(', ')}`, details } : { status: 'ok', details };
  }

  async stop(): Promise<void> {
    this.listeners.clear();
    await Promise.all([this.chain?.stop(), this.reddit?.stop(), this.fng?.stop()]);
  }
}

function fmtRate(t: { signals: number; hits: number; rate: number | null }): string {
  return t.rate === null ? 'never (0 calls)' : `${Math.round(t.rate * 100)}% of ${t.signals}`;
}

function riskFactors(parts: Record<string, Part<object>>, div: ReturnType<typeof divergence>, tech: string | null, action: string, conf: { rate: number; sample: number } | null, fg: number | null): string[] {
  const out: string[] = [];
  for (const [name, p] of Object.entries(parts)) if (p.status === 'missing') out.push(`${name} missing: ${p.reason}`);
  if (action !== 'HOLD' && !conf) out.push('no measured hit rate for this call: size small');
  if (conf && conf.rate < 0.55) out.push(`measured hit rate ${Math.round(conf.rate * 100)}% is close to a coin flip`);
  if ((div.view === 'bullish' && tech === 'short') || (div.view === 'bearish' && tech === 'long')) out.push(`divergence (${div.view}) and technical structure (${tech}) disagree`);
  if (fg !== null && (fg <= 10 || fg >= 90)) out.push(`Fear & Greed at an extreme (${fg}): reversals are sharp`);
  const ob = parts['orderbook'] as Part<{ spoofs: unknown[]; spread_bps: number }>;
  if (ob.status === 'present' && ob.spoofs.length) out.push(`${ob.spoofs.length} spoofing events in the book: displayed depth may not be real`);
  // Offline parts come from files of different dates: combining them is a what-if, say so.
  const times = Object.entries(parts).flatMap(([name, p]) => (p.status === 'present' && p.as_of ? [[name, p.as_of] as const] : []));
  const ms = times.map(([, t]) => Date.parse(t));
  if (ms.length > 1 && Math.max(...ms) - Math.min(...ms) > 2 * 86_400_000) {
    out.push(`parts measured at different times (${times.map(([n, t]) => `${n} ${t.slice(0, 10)}`).join(', ')}): the combination is not one moment of the market`);
  }
  const w = parts['whales'] as Part<WhalePart>;
  if (w.status === 'present' && w.accumulation_score === null) out.push('no whale transaction touched a known exchange address: on-chain flow direction unknown');
  return out;
}
