import type { MarketEvent, Pair } from '../../core/types.js';
import type { BookView } from '../../core/orderbook/sync.js';
import type { BookMetrics } from '../../core/orderbook/analytics.js';
import { Batcher } from '../../kernel/batcher.js';
import { LiveClock, SimulatedClock, type Clock } from '../../kernel/clock.js';
import { EventLoop, type EventFeed, type RunStats } from '../../kernel/loop.js';
import type { KernelOutput } from '../../kernel/ports.js';
import type { ServiceHealth } from '../../kernel/service.js';
import type { StoredEvent, StoredWindow, TrackerStore } from '../../infra/store/tracker-events.js';
import { BookDetector, type BookDetectorOptions } from './book-detector.js';
import { VolumeDetector, type VolumeDetectorOptions } from './volume-detector.js';
import { TOPIC, type Maintenance, type TrackerEvent, type WindowRow } from './types.js';
import { nextDailyAt, volumeBenchmark, type VolumeBenchmark } from '../../core/volume/benchmark.js';
import type { MarketSource } from '../../sources/market/types.js';

export type MetricsSample = BookMetrics & { symbol: Pair; time: number };

/**
 * Where the tracker's market events come from. Replay feeds run on a simulated clock
 * (merged by time, paced by `speed`); live feeds on the wall clock, in arrival order.
 * A live feed that can fetch a fresh book snapshot gets asked to after a resync.
 */
export interface TrackerFeed {
  kind: 'replay' | 'live';
  feeds: { name: string; feed: EventFeed }[];
  /** The symbols a live feed carries (one pooled feed carries many); replay feeds are named by symbol. */
  symbols?: Pair[];
  requestSnapshot?(symbol: Pair): void;
  /** Replay: `at` of the first recorded event. */
  start?: number;
  health?(): ServiceHealth;
  close?(): Promise<void>;
}

export interface TrackerOptions {
  symbols: Pair[];
  feed: TrackerFeed;
  /** Replay pacing: 1 = as recorded, N = N× faster, Infinity = as fast as possible. */
  speed?: number;
  /** Stop at this clock time (replay): `book --at TIME` runs the feed up to TIME. */
  until?: number;
  store?: TrackerStore;
  /** Daily volume benchmark from the source's daily candles: N days, recomputed daily at `at` (HH:MM:SS UTC) when live. */
  benchmark?: { source: Pick<MarketSource, 'candles'>; days: number; at: string };
  volume?: Partial<VolumeDetectorOptions>;
  book?: Partial<BookDetectorOptions>;
  /** Events kept in memory for readers (the store keeps all). */
  keepEvents?: number;
  keepWindows?: number;
  keepSamples?: number;
  /** Unread bytes after which a live WebSocket reader is dropped (default 1 MiB). */
  wsMaxBuffered?: number;
  /** Heartbeat period of live WebSocket readers; one missed pong drops the reader (default 15 s). */
  wsPingMs?: number;
  /** Replay: time the recorded feed starts (benchmarks are computed as of then). */
  replayStart?: number;
  log?: (level: 'info' | 'error', msg: string, detail?: unknown) => void;
}

export type TrackerMessage =
  | { type: 'event'; data: TrackerEvent }
  | { type: 'window'; data: WindowRow }
  | { type: 'book'; data: MetricsSample };

export interface SymbolStatus {
  symbol: Pair;
  book: { state: BookView['state']; lastUpdateId: number; ageMs: number | null; outOfSyncMs: number | null };
  topCheck: { verified: number; mismatched: number } | null;
  rolling: ReturnType<VolumeDetector['rolling']>;
  lateTrades: number;
}

/**
 * The live market tracker: one kernel loop, the volume and book detectors, persistence
 * in batches, and in-memory views for the CLI, HTTP and WebSocket readers. The same
 * object runs a replay at full speed and a live pool of exchange streams.
 */
export class TrackerService {
  readonly clock: Clock;
  readonly volume: VolumeDetector;
  readonly book: BookDetector;
  readonly loop: EventLoop;
  private readonly events: TrackerEvent[] = [];
  private readonly windows: WindowRow[] = [];
  private readonly listeners = new Set<(m: TrackerMessage) => void>();
  private readonly eventBatch: Batcher<StoredEvent> | undefined;
  private readonly windowBatch: Batcher<StoredWindow> | undefined;
  private readonly abort = new AbortController();
  private running: Promise<RunStats> | undefined;
  stats: RunStats | undefined;
  failure: Error | undefined;
  counts = { events: 0, windows: 0, marketEvents: 0 };
  readonly benchmarks = new Map<Pair, VolumeBenchmark>();
  benchmarkError: string | undefined;
  /** Daily maintenance jobs (markets, coins, standings, benchmarks), when the process runs them (the server does). */
  maintenance: Maintenance | undefined;
  /** Book metric samples per symbol (one per sample period), for /api/market/data. */
  private readonly samples = new Map<Pair, MetricsSample[]>();

  constructor(readonly opts: TrackerOptions) {
    this.clock = opts.feed.kind === 'replay' ? new SimulatedClock() : new LiveClock();
    this.loop = new EventLoop(this.clock);
    this.volume = new VolumeDetector({
      benchmark: (symbol, minutes) => {
        const b = this.benchmarks.get(symbol);
        const v = b?.perWindow[minutes];
        return b && v !== undefined && v > 0 ? { volume: v, days: b.days } : undefined;
      },
      ...opts.volume,
    });
    this.book = new BookDetector(opts.book);
    for (const f of opts.feed.feeds) this.loop.addFeed(f.name, opts.until === undefined ? f.feed : untilFeed(f.feed, opts.until));
    this.loop.addDetector(this.volume);
    this.loop.addDetector(this.book);
    this.loop.subscribe('count', () => void this.counts.marketEvents++);
    const store = opts.store;
    if (store) {
      this.eventBatch = new Batcher((xs) => store.putEvents(xs).then(() => undefined), { maxItems: 500, maxDelayMs: 1000 });
      this.windowBatch = new Batcher((xs) => store.putWindows(xs).then(() => undefined), { maxItems: 500, maxDelayMs: 1000 });
    }
    this.loop.onOutput(TOPIC.event, (o) => this.onEvent(o));
    this.loop.onOutput(TOPIC.window, (o) => this.onWindow(o));
    this.loop.onOutput(TOPIC.metrics, (o) => {
      const m = o.payload as MetricsSample;
      let list = this.samples.get(m.symbol);
      if (!list) this.samples.set(m.symbol, (list = []));
      push(list, m, this.opts.keepSamples ?? 3600);
      if (this.listeners.size) this.tell({ type: 'book', data: m });
    });
  }

  /** Recomputes every symbol's daily benchmark as of `asOf` (clock time by default); returns that time. A failure is kept in benchmarkError, the previous benchmarks stay. */
  async refreshBenchmarks(asOf = this.clock.now()): Promise<number> {
    const b = this.opts.benchmark;
    if (!b) return asOf;
    try {
      const fresh = new Map<Pair, VolumeBenchmark>();
      for (const symbol of this.symbols()) {
        const c = await b.source.candles(symbol, '1d', { since: asOf - (Math.max(b.days, 14) + 1) * 86_400_000 });
        fresh.set(symbol, volumeBenchmark(c.time, c.volume, asOf, b.days, this.volume.opts.windows));
      }
      for (const [s, v] of fresh) this.benchmarks.set(s, v);
      this.benchmarkError = undefined;
    } catch (e) {
      this.benchmarkError = (e as Error).message;
      this.opts.log?.('error', 'volume benchmark refresh failed', e);
    }
    return asOf;
  }

  /**
   * The time a benchmark refresh stands at: now when live; on a replay the feed's start,
   * fixed for the run, so a refresh during a replay changes nothing the detectors see
   * (no look-ahead, and the run stays deterministic).
   */
  benchmarkAsOf(): number {
    return this.clock.kind === 'live' ? this.clock.now() : this.firstAt();
  }

  private async benchmarkLoop(): Promise<void> {
    const b = this.opts.benchmark;
    // The maintenance jobs recompute it when they run; this loop is for a tracker without them.
    if (!b || this.clock.kind !== 'live' || this.maintenance) return;
    while (!this.abort.signal.aborted) {
      await this.clock.sleep(nextDailyAt(this.clock.now(), b.at) - this.clock.now(), this.abort.signal);
      if (!this.abort.signal.aborted) await this.refreshBenchmarks();
    }
  }

  metricSamples(symbol: Pair, start = -Infinity, end = Infinity): MetricsSample[] {
    return (this.samples.get(symbol) ?? []).filter((m) => m.time >= start && m.time <= end);
  }

  /** Volume standings: symbols ranked by quote volume of the rolling 60m (or longest) window. */
  standings(): { rank: number; symbol: Pair; quoteVolume: number; buyShare: number }[] {
    const rows = this.symbols().map((symbol) => {
      const r = this.volume.rollingQuote(symbol);
      return { symbol, quoteVolume: r.quote, buyShare: r.buyShare };
    });
    rows.sort((a, b) => b.quoteVolume - a.quoteVolume);
    return rows.map((r, i) => ({ rank: i + 1, ...r }));
  }

  private onEvent(o: KernelOutput): void {
    const e = o.payload as TrackerEvent;
    this.counts.events++;
    push(this.events, e, this.opts.keepEvents ?? 10_000);
    this.eventBatch?.push({ key: e.key, kind: e.kind, symbol: e.symbol, time: e.time, at: e.at, value: e.value, detail: e.detail });
    if (e.kind === 'resync') this.opts.feed.requestSnapshot?.(e.symbol);
    this.tell({ type: 'event', data: e });
  }

  private onWindow(o: KernelOutput): void {
    const w = o.payload as WindowRow;
    this.counts.windows++;
    push(this.windows, w, this.opts.keepWindows ?? 100_000);
    this.windowBatch?.push(w);
    this.tell({ type: 'window', data: w });
  }

  private tell(m: TrackerMessage): void {
    for (const l of this.listeners) {
      try {
        l(m);
      } catch (e) {
        this.opts.log?.('error', 'tracker listener failed', e);
      }
    }
  }

  /** Live events and closed windows as they happen (WebSocket hub). Returns an unsubscribe function. */
  listen(l: (m: TrackerMessage) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /** Runs the feed to its end (replay) or until stop() (live). */
  run(): Promise<RunStats> {
    this.running ??= (async () => {
      try {
        // Replay: the benchmark stands at the feed's start, fixed for the run (no look-ahead).
        if (this.opts.benchmark) await this.refreshBenchmarks(this.clock.kind === 'live' ? undefined : this.firstAt());
        void this.benchmarkLoop();
        const stats = await this.loop.run({
          signal: this.abort.signal,
          speed: this.opts.speed ?? Infinity,
          // Live: one bad message must not end a 24/7 tracker; it is logged and skipped.
          onError: this.opts.feed.kind === 'live' ? (err, ev, where) => this.opts.log?.('error', `${where} failed on a ${ev.type} event`, err) : 'stop',
        });
        this.stats = stats;
        return stats;
      } catch (e) {
        this.failure = e as Error;
        throw e;
      } finally {
        await this.flush().catch((e: unknown) => this.opts.log?.('error', 'tracker store write failed', e));
      }
    })();
    return this.running;
  }

  private firstAt(): number {
    // The replay clock stands at 0 until the first event; the benchmark wants the feed's date.
    return this.opts.replayStart ?? this.opts.feed.start ?? this.clock.now();
  }

  async flush(): Promise<void> {
    await Promise.all([this.eventBatch?.flush(), this.windowBatch?.flush()]);
  }

  async start(): Promise<void> {
    this.maintenance?.scheduler.start({ runNow: true });
    void this.run().catch((e: unknown) => this.opts.log?.('error', 'tracker stopped', e));
  }

  async stop(): Promise<void> {
    this.maintenance?.scheduler.stop();
    this.abort.abort();
    // A live feed is closed first: a stream with nothing to say would keep the loop waiting for its next event.
    await this.opts.feed.close?.();
    await this.running?.catch(() => undefined);
  }

  health(): ServiceHealth {
    const feed = this.opts.feed.health?.();
    const symbols = this.status();
    const out = symbols.filter((s) => s.book.state !== 'synced').map((s) => s.symbol);
    const jobs = this.maintenance?.scheduler.health();
    const details = { events: this.counts.marketEvents, detectorEvents: this.counts.events, windows: this.counts.windows, booksOutOfSync: out, feed: feed?.details, ...(jobs ? { jobs: jobs.details?.['jobs'] } : {}) };
    if (this.failure) return { status: 'down', reason: this.failure.message, details };
    if (feed && feed.status !== 'ok') return { ...feed, details };
    if (out.length && this.counts.marketEvents > 0) return { status: 'degraded', reason: `books out of sync: ${out.join(', ')}`, details };
    // A failed daily refresh leaves yesterday's data in use: tracking goes on, degraded, with the reason.
    if (jobs && jobs.status !== 'ok') return { status: 'degraded', ...(jobs.reason ? { reason: jobs.reason } : {}), details };
    return { status: 'ok', details };
  }

  symbols(): Pair[] {
    const s = new Set<Pair>(this.opts.symbols);
    for (const x of this.volume.symbols()) s.add(x);
    for (const x of this.book.symbols()) s.add(x);
    return [...s];
  }

  status(): SymbolStatus[] {
    const now = this.clock.now();
    return this.symbols().map((symbol) => {
      const v = this.book.view(symbol, 0);
      const tc = this.book.topCheck(symbol);
      return {
        symbol,
        book: v
          ? { state: v.state, lastUpdateId: v.lastUpdateId, ageMs: Number.isFinite(v.time) ? Math.max(0, now - v.time) : null, outOfSyncMs: v.state === 'synced' || !Number.isFinite(v.since) ? null : Math.max(0, now - v.since) }
          : { state: 'unsynced', lastUpdateId: 0, ageMs: null, outOfSyncMs: null },
        topCheck: tc ? { verified: tc.verified, mismatched: tc.mismatched } : null,
        rolling: this.volume.rolling(symbol),
        lateTrades: this.volume.lateTrades(symbol),
      };
    });
  }

  /** Closed windows of this run (in memory), oldest first. */
  closedWindows(symbol?: Pair, window?: number): WindowRow[] {
    return this.windows.filter((w) => (symbol === undefined || w.symbol === symbol) && (window === undefined || w.window === window));
  }

  recentEvents(filter: { symbol?: Pair; key?: string; start?: number; end?: number } = {}): TrackerEvent[] {
    return this.events.filter((e) => (filter.symbol === undefined || e.symbol === filter.symbol) && (filter.key === undefined || e.key === filter.key)
      && (filter.start === undefined || e.time >= filter.start) && (filter.end === undefined || e.time <= filter.end));
  }

  bookView(symbol: Pair, depth: number): BookView | undefined {
    return this.book.view(symbol, depth);
  }

  bookMetrics(symbol: Pair): BookMetrics | null {
    return this.book.metrics(symbol);
  }
}

/** The events of a feed up to `until` (inclusive); feeds are time-ordered, so the first later one ends it. */
function untilFeed(feed: EventFeed, until: number): EventFeed {
  if (Symbol.asyncIterator in feed) {
    return (async function* () {
      for await (const ev of feed as AsyncIterable<MarketEvent>) {
        if (ev.at > until) return;
        yield ev;
      }
    })();
  }
  return (function* () {
    for (const ev of feed as Iterable<MarketEvent>) {
      if (ev.at > until) return;
      yield ev;
    }
  })();
}

function push<T>(arr: T[], x: T, cap: number): void {
  arr.push(x);
  // Trim in chunks: one splice per 1/8 of the cap instead of a shift per item.
  if (arr.length > cap + (cap >> 3)) arr.splice(0, arr.length - cap);
}
