import { SextantError } from '../../errors.js';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { MarketSource } from '../../sources/market/types.js';
import type { Service, ServiceHealth } from '../../kernel/service.js';
import { dispatchAlerts, logSink, telegramSink, webhookSink, type AlertLogger, type AlertSink } from './alerts.js';
import { batchIds, readPair, readSummary, writeBatch } from './results.js';
import type { ScanResultStore } from './store.js';
import { newBatchId, runScan, type ScanRunOptions } from './scan.js';
import { ScanScheduler } from './scheduler.js';
import type { ScannerSettings } from '../../config/scanner.js';
import type { AlertItem, BatchSummary, PairResult, ScanParams } from './types.js';

export class ScanBusyError extends SextantError {
  constructor() {
    super('conflict', 'a scan is already running (max_instances is 1)');
    this.name = 'ScanBusyError';
  }
}

export interface BatchRun {
  summary: BatchSummary;
  dir: string;
  /** Alerts sent this run: those not sent before by this process. */
  sent: number;
  sinkErrors: { sink: string; error: string }[];
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
  private busy = false;
  // Every run re-reads the last `periods` candles, so the same spike shows up in many
  // batches; sinks hear about each one once per process.
  private readonly sentAlerts = new Set<string>();
  private readonly listeners: ((run: BatchRun) => void)[] = [];

  constructor(
    readonly source: MarketSource,
    readonly settings: ScannerSettings,
    private readonly sinks: readonly AlertSink[] = sinksFrom(settings),
    /** Where results are kept and read back; without it, the result files are read. */
    private readonly results?: ScanResultStore,
  ) {
    this.root = resolve(settings.resultsDir);
    this.scheduler = new ScanScheduler(
      () => this.run(this.scheduler.status().config.schedule_type),
      () => this.busy,
      settings.schedule,
    );
  }

  get scanning(): boolean {
    return this.busy;
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
      ...Object.fromEntries(Object.entries(over).filter(([, v]) => v !== undefined)),
    };
  }

  async run(trigger: BatchSummary['trigger'], over: Partial<ScanParams> = {}, hooks: Pick<ScanRunOptions, 'onStart' | 'onPair' | 'signal'> = {}): Promise<BatchRun> {
    if (this.busy) throw new ScanBusyError();
    this.busy = true;
    try {
      let batchId = newBatchId();
      for (let n = 1; existsSync(join(this.root, batchId)); n++) batchId = `${newBatchId()}-${n}`;
      const { summary, pairs } = await runScan(this.source, this.params(over), { trigger, batchId, ...hooks });
      const dir = writeBatch(this.root, summary, pairs);
      await this.results?.put(summary, pairs);
      const fresh = summary.alerts.filter((a) => !this.sentAlerts.has(alertKey(a)));
      const sinkErrors = await dispatchAlerts(this.sinks, fresh, summary);
      for (const a of fresh) this.sentAlerts.add(alertKey(a));
      if (this.sentAlerts.size > 100_000) this.sentAlerts.clear();
      const run = { summary, dir, sent: fresh.length, sinkErrors };
      for (const l of this.listeners) l(run);
      return run;
    } finally {
      this.busy = false;
    }
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
    const details = { scheduler: this.scheduler.running ? 'running' : 'stopped', scanning: this.busy, results: this.results ? 'store' : 'files', files: this.root };
    return { status: 'ok', details };
  }
}

const alertKey = (a: AlertItem) => `${a.symbol}|${a.timeframe}|${a.time}`;
