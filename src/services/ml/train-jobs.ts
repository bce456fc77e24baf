import { randomUUID } from 'node:crypto';
import { NotFoundError, SextantError } from '../../errors.js';
import { candleCount, lowerBound, sliceCandles, type Candles } from '../../core/series.js';
import type { Timeframe } from '../../core/timeframes.js';
import { dataQuality, type DataQuality } from '../../core/ml/data-quality.js';
import type { EvalReport } from '../../core/ml/evaluate.js';
import type { MarketSource } from '../../sources/market/types.js';
import { loadCandles } from '../candles.js';
import { spawnWorker } from '../threads.js';
import type { ModelArtefact } from './artefact.js';
import type { PermutationImportance } from '../../core/ml/importance.js';
import type { ThresholdBacktest } from './threshold-backtest.js';
import type { ModelRegistry } from './registry.js';
import type { TrainProgress, TrainRequest } from './run.js';

export type WalkForwardSummary = Pick<EvalReport, 'folds' | 'model' | 'majority' | 'previousBar'>;

export type TrainWorkerMessage =
  | { type: 'progress'; progress: TrainProgress }
  | { type: 'done'; artefact: ModelArtefact; engine: string; trees: number; trainRows: number; walkForward?: WalkForwardSummary; importance?: PermutationImportance[]; trading?: ThresholdBacktest }
  | { type: 'error'; message: string; field?: string; badInput?: boolean };

export type TrainJobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface TrainJob {
  id: string;
  status: TrainJobStatus;
  /** 0..1: each walk-forward fold and the final model count as one step. */
  progress: number;
  stage?: string;
  createdAt: number;
  finishedAt?: number;
  request: { pair: string; timeframe: string; engine: string; since?: number; until?: number };
  error?: { message: string; field?: string };
  result?: {
    model: string;
    engine: string;
    trees: number;
    trainRows: number;
    bars: number;
    dataQuality: DataQuality;
    walkForward?: WalkForwardSummary;
    importance?: PermutationImportance[];
    trading?: ThresholdBacktest;
  };
}

export interface TrainJobSpec extends Omit<TrainRequest, 'symbol'> {
  pair: string;
  timeframe: Timeframe;
  since?: number;
  until?: number;
}

export interface TrainJobsOptions {
  /** Trainings that run at once, each on its own thread. */
  concurrency: number;
  /** Jobs waiting beyond the running ones; more is a 429, not an ever-growing queue. */
  maxQueued: number;
  /** Finished jobs remembered for GET. */
  keep?: number;
}

/**
 * Training as jobs (POST /api/v1/train): submit answers at once with an id, the run goes to a
 * worker thread so the server keeps answering, progress and the result are read by id. The
 * finished model is saved to the registry's store, where GET /models and /predict find it.
 */
export class TrainJobs {
  private readonly jobs = new Map<string, TrainJob>();
  private readonly waiting: { job: TrainJob; spec: TrainJobSpec }[] = [];
  private running = 0;
  private readonly listeners = new Set<(status: 'done' | 'failed', seconds: number) => void>();
  /** Finished jobs by outcome since start, for /metrics. */
  readonly finished = { done: 0, failed: 0 };

  /** Called once per finished job with its outcome and run time; returns the unsubscribe. */
  onFinish(fn: (status: 'done' | 'failed', seconds: number) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  constructor(
    private readonly source: () => MarketSource,
    private readonly models: ModelRegistry,
    private readonly now: () => number,
    private readonly opts: TrainJobsOptions,
  ) {}

  submit(spec: TrainJobSpec): TrainJob {
    if (this.waiting.length >= this.opts.maxQueued) {
      throw new SextantError('rate_limited', `training queue is full (${this.opts.maxQueued} waiting); retry when a job finishes`, { retryAfterS: 30 });
    }
    const job: TrainJob = {
      id: randomUUID(), status: 'queued', progress: 0, createdAt: this.now(),
      request: { pair: spec.pair, timeframe: spec.timeframe, engine: spec.engine, ...(spec.since !== undefined ? { since: spec.since } : {}), ...(spec.until !== undefined ? { until: spec.until } : {}) },
    };
    this.jobs.set(job.id, job);
    const keep = this.opts.keep ?? 200;
    for (const [id, j] of this.jobs) {
      if (this.jobs.size <= keep) break;
      if (j.status === 'done' || j.status === 'failed') this.jobs.delete(id);
    }
    this.waiting.push({ job, spec });
    this.pump();
    return { ...job };
  }

  get(id: string): TrainJob {
    const j = this.jobs.get(id);
    if (!j) throw new NotFoundError(`no training job ${id}`, 'id');
    return j;
  }

  get queued(): number {
    return this.waiting.length;
  }

  get active(): number {
    return this.running;
  }

  private pump(): void {
    while (this.running < this.opts.concurrency && this.waiting.length > 0) {
      const next = this.waiting.shift()!;
      this.running++;
      void this.run(next.job, next.spec).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private async run(job: TrainJob, spec: TrainJobSpec): Promise<void> {
    const started = this.now();
    job.status = 'running';
    job.stage = 'loading candles';
    try {
      const data = await loadCandles(this.source(), { pair: spec.pair, timeframe: spec.timeframe, limit: 1_000_000, ...(spec.since !== undefined ? { since: spec.since } : {}) });
      let c = data.candles;
      if (spec.until !== undefined) {
        c = sliceCandles(c, 0, lowerBound(c.time, spec.until));
      }
      if (candleCount(c) < 300) throw new SextantError('bad_input', `${data.symbol} ${spec.timeframe}: ${candleCount(c)} candles, need at least 300 for walk-forward`, { field: 'pair' });
      const request: TrainRequest = { symbol: data.symbol, timeframe: spec.timeframe, specDoc: spec.specDoc, params: spec.params, engine: spec.engine, wf: spec.wf };
      const done = await this.inThread(job, c, request, spec.wf.folds);
      await this.models.save(done.artefact);
      job.result = {
        model: done.artefact.id, engine: done.engine, trees: done.trees, trainRows: done.trainRows, bars: candleCount(c), dataQuality: dataQuality(c, data.quality),
        ...(done.walkForward ? { walkForward: done.walkForward } : {}),
        ...(done.importance ? { importance: done.importance } : {}),
        ...(done.trading ? { trading: done.trading } : {}),
      };
      job.status = 'done';
      job.progress = 1;
      delete job.stage;
    } catch (e) {
      const err = e as Error & { field?: string };
      job.status = 'failed';
      job.error = { message: err.message.split('\n')[0]!, ...(err.field ? { field: err.field } : {}) };
    } finally {
      job.finishedAt = this.now();
      const outcome = job.status === 'done' ? 'done' : 'failed';
      this.finished[outcome]++;
      for (const fn of this.listeners) fn(outcome, (job.finishedAt - started) / 1000);
    }
  }

  private inThread(job: TrainJob, candles: Candles, request: TrainRequest, folds: number): Promise<Extract<TrainWorkerMessage, { type: 'done' }>> {
    const steps = folds + 1;
    return new Promise((resolve, reject) => {
      const w = spawnWorker(import.meta.url, 'train-worker', { candles, request });
      let settled = false;
      w.on('message', (m: TrainWorkerMessage) => {
        if (m.type === 'progress') {
          const p = m.progress;
          // A fold reports when it is done; the final model is the last step.
          job.stage = p.stage === 'final' ? 'final model' : `walk-forward: ${p.fold} of ${p.folds} folds done`;
          job.progress = p.stage === 'final' ? folds / steps : p.fold / steps;
        } else if (m.type === 'done') {
          settled = true;
          resolve(m);
        } else {
          settled = true;
          reject(new SextantError(m.badInput ? 'bad_input' : 'internal', m.message, m.field ? { field: m.field } : {}));
        }
      });
      w.on('error', (e) => {
        settled = true;
        reject(e);
      });
      w.on('exit', (code) => {
        if (!settled) reject(new Error(`training thread exited with code ${code} before finishing`));
      });
    });
  }
}
