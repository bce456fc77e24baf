import { SextantError } from '../../errors.js';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { MarketSource } from '../../sources/market/types.js';
import type { Service, ServiceHealth } from '../../kernel/service.js';
import { dispatchAlerts, logSink, telegramSink, webhookSink, type AlertLogger, type AlertSink } from './alerts.js';
import { batchIds, readPair, readSummary, removeBatch, writeBatch } from './results.js';
import { alertKey, type ScanResultStore } from './store.js';
import { newBatchId, runScan, type ScanRunOptions } from './scan.js';
import { ScanScheduler } from './scheduler.js';
import type { ScannerSettings } from '../../config/scanner.js';
import type { BatchSummary, PairResult, ScanParams } from './types.js';

export class ScanBusyError extends SextantError {
  constructor() {
    super('conflict', 'a scan is already running (max_instances is 1)');
    this.name = 'ScanBusyError';
  }
}

export interface BatchRun {
  summary: BatchSummary;
  dir: string;
  /** Alerts sent this run: those no earlier run sent (through the store: across runs and processes). */
  sent: number;
  sinkErrors: { sink: string; error: string }[];
  /** Batches deleted by the retention policy after this one was written. */
  pruned: string[];
}

/** A batch that has started and not finished: what run-manual answers with before it ends. */
export interface RunningBatch {
  batchId: string;
  trigger: BatchSummary['trigger'];
  startedAt: string;
  pairsDone: number;
  pairsTotal: number | null;
  done: Promise<BatchRun>;
}

export function sinksFrom(settings: ScannerSettings, log?: AlertLogger): AlertSink[] {
  const sinks: AlertSink[] = [];
  if (settings.alerts.log) sinks.push(logSink(log));
  if (settings.alerts.webhookUrl) sinks.push(webhookSink(settings.alerts.webhookUrl));
  if (settings.alerts.telegram) sinks.push(telegramSink(settings.alerts.telegram));
  return sinks;
}

/**
 * The scanner as the CLI, the scheduler and the API use it: one batch at a time,
 * results written under `resultsDir`, new alerts to the sinks.
 */
export class ScannerService implements Service {
  readonly root: string;
  readonly scheduler: ScanScheduler;
  private current: RunningBatch | null = null;
  // Without a store (tests, embedders), sinks hear about each alert once per process.
  private readonly sentAlerts = new Set<string>();
  private readonly failures = new Map<string, string>();
  private readonly listeners: ((run: BatchRun) => void)[] = [];

  constructor(
    readonly source: MarketSource,
    readonly settings: ScannerSettings,
    private readonly sinks: readonly AlertSink[] = sinksFrom(settings),
    /** Where results are kept and read back; without it, the result files are read. */
    private readonly results?: ScanResultStore,
    private readonly now: () => number = Date.now,
  ) {
    this.root = resolve(settings.resultsDir);
    this.scheduler = new ScanScheduler(
      () => this.run(this.scheduler.status().scheduler_config.schedule_type),
      () => this.current !== null,
      settings.schedule,
    );
  }

  get scanning(): boolean {
    return this.current !== null;
  }

  /** The batch in progress, if any. */
  get running(): Omit<RunningBatch, 'done'> | null {
    if (!this.current) return null;
    const { done: _d, ...rest } = this.current;
    return rest;
  }

  /** Why a batch that started failed as a whole (its pairs' failures are in its summary). */
  failure(batchId: string): string | undefined {
    return this.failures.get(batchId);
  }

  /** Replay defaults to 1d: the bundled history is daily, and 5m would fail every pair. */
  params(over: Partial<ScanParams> = {}): ScanParams {
    const s = this.settings;
    return {
      top: s.top,
      timeframe: s.timeframe ?? (this.source.id === 'replay' ? '1d' : '5m'),
      periods: s.periods,
      window: s.window,
      k: s.k,
      alertThreshold: s.alertThreshold,
      concurrency: s.concurrency,
      quote: s.quote,
      trades: s.trades,
      alertScope: s.alertScope,
      ...Object.fromEntries(Object.entries(over).filter(([, v]) => v !== undefined)),
    };
  }

  /**
   * Starts a batch and returns at once (seed 000's run-manual does not wait); `done`
   * settles with the result. Throws ScanBusyError while another batch runs.
   */
  begin(trigger: BatchSummary['trigger'], over: Partial<ScanParams> = {}, hooks: Pick<ScanRunOptions, 'onStart' | 'onPair' | 'signal'> = {}): RunningBatch {
    if (this.current) throw new ScanBusyError();
    let batchId = newBatchId(new Date(this.now()));
    for (let n = 1; existsSync(join(this.root, batchId)); n++) batchId = `${newBatchId(new Date(this.now()))}-${n}`;
    const running: RunningBatch = { batchId, trigger, startedAt: new Date(this.now()).toISOString(), pairsDone: 0, pairsTotal: null, done: Promise.resolve(null as unknown as BatchRun) };
    this.current = running;
    running.done = this.execute(running, over, hooks).then(
      (run) => {
        this.current = null;
        return run;
      },
      (e: Error) => {
        this.current = null;
        this.failures.set(batchId, e.message ?? String(e));
        if (this.failures.size > 50) this.failures.delete(this.failures.keys().next().value!);
        throw e;
      },
    );
    return running;
  }

  /** A batch to its end. */
  async run(trigger: BatchSummary['trigger'], over: Partial<ScanParams> = {}, hooks: Pick<ScanRunOptions, 'onStart' | 'onPair' | 'signal'> = {}): Promise<BatchRun> {
    return this.begin(trigger, over, hooks).done;
  }

  private async execute(running: RunningBatch, over: Partial<ScanParams>, hooks: Pick<ScanRunOptions, 'onStart' | 'onPair' | 'signal'>): Promise<BatchRun> {
    // Let begin() return (and the caller answer) before the first exchange request.
    await Promise.resolve();
    const { summary: scanned, pairs } = await runScan(this.source, this.params(over), {
      trigger: running.trigger,
      batchId: running.batchId,
      now: this.now(),
      signal: hooks.signal,
      onStart: (total) => {
        running.pairsTotal = total;
        hooks.onStart?.(total);
      },
      onPair: (r, done, total) => {
        running.pairsDone = done;
        hooks.onPair?.(r, done, total);
      },
    });
    const { dir, summary } = await writeBatch(this.root, scanned, pairs, { png: this.settings.png });
    await this.results?.put(summary, pairs);
    const fresh = this.results
      ? await this.results.unsent(summary.source, summary.alerts)
      : summary.alerts.filter((a) => !this.sentAlerts.has(alertKey(summary.source, a)));
    const sinkErrors = await dispatchAlerts(this.sinks, fresh, summary);
    // When every sink failed nothing was told: the next run tries these alerts again.
    if (!(this.sinks.length > 0 && sinkErrors.length === this.sinks.length)) {
      if (this.results) await this.results.markSent(summary.source, summary.batchId, fresh);
      else for (const a of fresh) this.sentAlerts.add(alertKey(summary.source, a));
    }
    if (this.sentAlerts.size > 100_000) this.sentAlerts.clear();
    const pruned = await this.prune(summary.batchId);
    const run: BatchRun = { summary, dir, sent: fresh.length, sinkErrors, pruned };
    for (const l of this.listeners) l(run);
    return run;
  }

  /**
   * Retention: batches beyond the newest `maxBatches`, or older than `maxAgeHours`, are
   * deleted from the files and the store; the batch just written always stays.
   */
  private async prune(keep: string): Promise<string[]> {
    const { maxBatches, maxAgeHours } = this.settings.retention;
    if (!maxBatches && !maxAgeHours) return [];
    const ids = new Set<string>(batchIds(this.root));
    if (this.results) for (const h of await this.results.batches(Number.MAX_SAFE_INTEGER)) ids.add(h.batchId);
    const newestFirst = [...ids].sort().reverse();
    const cutoff = this.now() - maxAgeHours * 3_600_000;
    const drop = newestFirst.filter((id, i) => id !== keep && ((maxBatches > 0 && i >= maxBatches) || (maxAgeHours > 0 && batchTime(id) < cutoff)));
    for (const id of drop) {
      removeBatch(this.root, id);
      await this.results?.remove(id);
    }
    // Sent-alert marks outlive the batches (a spike can stay in the scanned periods for a while).
    if (this.results && maxAgeHours > 0) await this.results.forgetSent(this.now() - Math.max(maxAgeHours, 30 * 24) * 3_600_000);
    return drop;
  }

  /** Called after every batch, whoever started it (CLI daemon output, metrics). */
  onBatch(listener: (run: BatchRun) => void): void {
    this.listeners.push(listener);
  }

  async batches(limit = 100): Promise<Omit<BatchSummary, 'results' | 'alerts' | 'failed'>[]> {
    if (this.results) return this.results.batches(limit);
    return batchIds(this.root).slice(0, limit).flatMap((id) => {
      const s = readSummary(this.root, id);
      if (!s) return [];
      const { results: _r, alerts: _a, failed: _f, ...head } = s;
      return [head];
    });
  }

  async latest(): Promise<BatchSummary | null> {
    if (this.results) return this.results.latest();
    const id = batchIds(this.root)[0];
    return id ? readSummary(this.root, id) : null;
  }

  async summary(batchId: string): Promise<BatchSummary | null> {
    if (this.results) return this.results.summary(batchId);
    return readSummary(this.root, batchId);
  }

  /** The pair's result in `batchId`, or in the latest batch. */
  async pair(symbol: string, batchId?: string): Promise<(PairResult & { batchId: string }) | null> {
    if (this.results) return this.results.pair(symbol, batchId);
    const id = batchId ?? batchIds(this.root)[0];
    return id ? readPair(this.root, id, symbol) : null;
  }

  close(): void {
    this.scheduler.stop();
  }

  async stop(): Promise<void> {
    this.close();
  }

  health(): ServiceHealth {
    const details = { scheduler: this.scheduler.running ? 'running' : 'stopped', scanning: this.scanning, results: this.results ? 'store' : 'files', files: this.root };
    return { status: 'ok', details };
  }
}

/** A batch id is its start time with ':' and '.' as '-' (2024-04-09T10-30-00-000Z, maybe -N). */
function batchTime(id: string): number {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z/.exec(id);
  return m ? Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`) : Number.NaN;
}
