import type { Pair } from '../../core/types.js';
import { candleCount, concatCandles, lowerBound } from '../../core/series.js';
import { type Timeframe, timeframeMs } from '../../core/timeframes.js';
import { cleanCandles } from '../../core/quality.js';
import { MarketError } from '../../sources/market/errors.js';
import type { CandleQuery } from '../../sources/market/types.js';
import type { Candles } from '../../core/series.js';
import type { SeriesKey, Store } from '../../infra/store/types.js';
import type { CandleEvent, ClosedCandles, Dispatcher } from './dispatch.js';
import { historyNeeded, seriesId } from './step.js';
import { withDeadline } from '../../infra/deadline.js';

/** Like Promise.allSettled over `items`, one at a time (the replay's deterministic order). */
async function sequential<T, R>(items: readonly T[], fn: (t: T) => Promise<R>): Promise<PromiseSettledResult<R>[]> {
  const out: PromiseSettledResult<R>[] = [];
  for (const t of items) {
    try {
      out.push({ status: 'fulfilled', value: await fn(t) });
    } catch (reason) {
      out.push({ status: 'rejected', reason });
    }
  }
  return out;
}

export interface CandleFeed {
  readonly id: string;
  candles(symbol: Pair, tf: Timeframe, q?: CandleQuery): Promise<Candles>;
}

export interface PipelineSeries {
  symbol: Pair;
  timeframe: Timeframe;
}

export interface PipelineOptions {
  feed: CandleFeed;
  store: Store;
  dispatcher: Dispatcher;
  series: PipelineSeries[];
  /** On first contact, how much history to fetch (candles); Infinity = all the source has. */
  warmupCandles: number;
  /** Candles per REST page. */
  pageSize?: number;
  /** Candles a series needs before the first one is analysed. */
  minHistory?: number;
  /** Candles of stored history read before the first new candle (raised to the structure lookback, which alone decides what a computation sees). */
  window: number;
  /** Consecutive failed ticks before a series is reported degraded (it keeps being retried). */
  degradeAfter?: number;
  /**
   * Live: the series of a tick are fetched side by side, each within this deadline; one that
   * misses it is reported failed for this tick (and skipped while its fetch still runs), so a
   * slow symbol never delays the others. Unset: one after the other, no deadline (replay).
   */
  seriesDeadlineMs?: number;
  onError?: (series: PipelineSeries, err: Error) => void;
}

export interface TickReport {
  ingested: number;
  dispatched: number;
  processed: number;
  skipped: number;
  signals: number;
  failed: { symbol: Pair; timeframe: string; error: string }[];
}

/**
 * One loop for live and replay: fetch what closed since the last look, upsert it
 * (idempotent), hand every closed and not yet processed candle to the dispatcher as a
 * CandleClosed event (at = its close time). Only the feed and the clock that calls
 * `tick(clock.now())` differ between live and replay.
 */
export class SignalPipeline {
  private readonly frontier = new Map<string, number>();
  private readonly failures = new Map<string, number>();

  constructor(readonly opts: PipelineOptions) {}

  /** Series that failed `degradeAfter` ticks in a row; shown in /health. */
  degraded(): string[] {
    const limit = this.opts.degradeAfter ?? 3;
    return [...this.failures].filter(([, n]) => n >= limit).map(([k]) => k);
  }

  async tick(now: number): Promise<TickReport> {
    const report: TickReport = { ingested: 0, dispatched: 0, processed: 0, skipped: 0, signals: 0, failed: [] };
    const deadline = this.opts.seriesDeadlineMs;
    const outcomes = deadline === undefined
      ? await sequential(this.opts.series, (s) => this.tickSeries(s, now, report))
      : await Promise.allSettled(this.opts.series.map((s) => this.tickWithDeadline(s, now, report, deadline)));
    const batches: ClosedCandles[] = [];
    let bug: Error | undefined;
    this.opts.series.forEach((s, i) => {
      const k = `${s.symbol} ${s.timeframe}`;
      const o = outcomes[i]!;
      if (o.status === 'fulfilled') {
        if (o.value) batches.push(o.value);
        this.failures.delete(k);
        return;
      }
      const e = o.reason as Error;
      // A source failure must not stop the other series: retried next tick, reported as degraded.
      this.failures.set(k, (this.failures.get(k) ?? 0) + 1);
      report.failed.push({ symbol: s.symbol, timeframe: s.timeframe, error: e.message });
      this.opts.onError?.(s, e);
      if (!(e instanceof MarketError)) bug ??= e;
    });
    if (bug) throw bug;
    if (!batches.length) return report;
    // One dispatch for all series: the step sees their candles merged by close time.
    const r = await this.opts.dispatcher.dispatch(batches);
    for (const b of batches) {
      report.dispatched += b.events.length;
      this.frontier.set(seriesId(b.key), b.events[b.events.length - 1]!.candle.time + 1);
    }
    report.processed += r.processed;
    report.skipped += r.skipped;
    report.signals += r.signals;
    return report;
  }

  private readonly inFlight = new Set<string>();

  /** tickSeries bounded by `ms`; a fetch that outlives it keeps its series out of later ticks until it ends. */
  private tickWithDeadline(s: PipelineSeries, now: number, report: TickReport, ms: number): Promise<ClosedCandles | undefined> {
    const k = `${s.symbol} ${s.timeframe}`;
    const source = this.opts.feed.id;
    if (this.inFlight.has(k)) return Promise.reject(new MarketError('network', `${source} ${k}: the previous fetch is still waiting for an answer`, source));
    this.inFlight.add(k);
    const work = this.tickSeries(s, now, report).finally(() => this.inFlight.delete(k));
    return withDeadline(work, ms, () => new MarketError('network', `${source} ${k}: no answer within ${ms} ms (the other series went on)`, source));
  }

  /** Ingests what closed since the last look; returns the closed candles not dispatched yet. */
  private async tickSeries(s: PipelineSeries, now: number, report: TickReport): Promise<ClosedCandles | undefined> {
    const { store, feed } = this.opts;
    const tfMs = timeframeMs(s.timeframe);
    const source = feed.id;
    const last = await store.getCandles(source, s.symbol, s.timeframe, { limit: 1 });
    const lastTime = candleCount(last) ? last.time[0]! : undefined;
    // Re-read the newest stored candle: it may have been stored while still forming.
    let since = lastTime ?? (Number.isFinite(this.opts.warmupCandles) ? now - this.opts.warmupCandles * tfMs : 0);
    const pageSize = this.opts.pageSize ?? 1000;
    for (;;) {
      const page = await feed.candles(s.symbol, s.timeframe, { since, limit: pageSize });
      const n = candleCount(page);
      if (n === 0) break;
      const { candles } = cleanCandles(page, s.timeframe === '1M' ? undefined : tfMs);
      await store.upsertCandles(source, s.symbol, s.timeframe, candles);
      report.ingested += candleCount(candles);
      const next = page.time[n - 1]! + 1;
      if (n < pageSize || next <= since) break;
      since = next;
    }

    const key: SeriesKey = { source, symbol: s.symbol, timeframe: s.timeframe };
    const from = this.frontier.get(seriesId(key)) ?? -Infinity;
    const minHistory = this.opts.minHistory ?? 30;
    const window = historyNeeded(this.opts.window);
    // Counted in candles, not time: a gap before the frontier must not shorten the lookback.
    const stored = Number.isFinite(from)
      ? concatCandles([
        await store.getCandles(source, s.symbol, s.timeframe, { until: from - 1, limit: window }),
        await store.getCandles(source, s.symbol, s.timeframe, { since: from }),
      ])
      : await store.getCandles(source, s.symbol, s.timeframe);
    const total = candleCount(stored);
    let start = Number.isFinite(from) ? lowerBound(stored.time, from) : 0;
    if (!Number.isFinite(from)) start = Math.min(total, minHistory - 1);
    const events: CandleEvent[] = [];
    for (let i = start; i < total; i++) {
      const t = stored.time[i]!;
      // Closed candles only: open time + timeframe <= now.
      if (t + tfMs > now) break;
      events.push({
        type: 'candle',
        at: t + tfMs,
        source,
        candle: { symbol: s.symbol, timeframe: s.timeframe, time: t, open: stored.open[i]!, high: stored.high[i]!, low: stored.low[i]!, close: stored.close[i]!, volume: stored.volume[i]! },
      });
    }
    return events.length ? { key, events, history: stored } : undefined;
  }
}
