import { randomUUID } from 'node:crypto';
import { NotFoundError } from '../../errors.js';
import type { MarketSource } from '../../sources/market/types.js';
import { type DataRequest, loadSeries } from './data.js';
import { type BacktestSpec, reportJson, runBacktest } from './run.js';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface BacktestJob {
  id: string;
  status: JobStatus;
  /** 0..1 of the bars processed. */
  progress: number;
  createdAt: number;
  finishedAt?: number;
  error?: { message: string; field?: string };
  result?: ReturnType<typeof reportJson> & { strategy: string; params: Record<string, number>; symbols: string[]; timeframe: string; engine: string };
}

export type JobSpec = Omit<BacktestSpec, 'series' | 'signal' | 'onProgress'> & { data: DataRequest };

/**
 * Backtests run as jobs in this process: submit returns an id at once, the run proceeds
 * in the background (the kernel loop yields to the event loop every few ms, so the HTTP
 * server keeps answering), progress and the result are read by id. The newest `keep`
 * jobs are remembered; a failing strategy fails its job, never the server.
 */
export class BacktestJobs {
  private readonly jobs = new Map<string, BacktestJob>();

  constructor(private readonly source: () => MarketSource, private readonly now: () => number, private readonly keep = 200) {}

  submit(spec: JobSpec): BacktestJob {
    const job: BacktestJob = { id: randomUUID(), status: 'queued', progress: 0, createdAt: this.now() };
    this.jobs.set(job.id, job);
    while (this.jobs.size > this.keep) this.jobs.delete(this.jobs.keys().next().value!);
    setImmediate(() => void this.run(job, spec));
    return { ...job };
  }

  get(id: string): BacktestJob {
    const j = this.jobs.get(id);
    if (!j) throw new NotFoundError(`no backtest job ${id}`, 'id');
    return j;
  }

  private async run(job: BacktestJob, spec: JobSpec): Promise<void> {
    job.status = 'running';
    try {
      const series = await loadSeries(this.source(), spec.data);
      const report = await runBacktest({ ...spec, series, onProgress: (done, total) => (job.progress = total ? done / total : 1) });
      job.result = { strategy: report.strategy, params: report.params, symbols: report.symbols, timeframe: report.timeframe, engine: report.engine, ...reportJson(report) };
      job.status = 'done';
      job.progress = 1;
    } catch (e) {
      const err = e as Error & { field?: string };
      job.status = 'failed';
      job.error = { message: err.message.split('\n')[0]!, ...(err.field ? { field: err.field } : {}) };
    } finally {
      job.finishedAt = this.now();
    }
  }
}
