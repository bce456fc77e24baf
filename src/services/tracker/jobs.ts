import type { ServiceHealth } from '../../kernel/service.js';
import { withDeadline } from '../../infra/deadline.js';
import { cronTrigger, type Trigger } from '../scanner/triggers.js';

/**
 * Daily maintenance jobs (markets, coin list, standings, benchmarks) on cron schedules in
 * UTC, the same croner triggers as the scanner's scheduler. A job never throws out of
 * here: a failure (a dependency down, a timeout) is recorded as that run's result, the
 * previous good data stays in use, and the next fire time tries again. At most one run of
 * a job at a time; a fire time that finds it still running is skipped and counted.
 */
export interface JobSpec {
  name: string;
  description: string;
  /** `HH:MM:SS` (daily, UTC) or a 5/6-field cron expression (UTC). */
  schedule: string;
  /** What the run did, in a few fields (counts, as-of times); thrown errors are the failure. */
  run(): Promise<Record<string, unknown>>;
}

export interface JobRun {
  trigger: 'schedule' | 'start' | 'manual';
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  ok: boolean;
  result?: Record<string, unknown>;
  error?: string;
}

export interface JobStatus {
  name: string;
  description: string;
  schedule: string;
  trigger: string;
  nextRun: string | null;
  running: boolean;
  runs: number;
  failures: number;
  skippedWhileRunning: number;
  lastRun: JobRun | null;
  /** The last run that succeeded (its data is what is in use), when the last one failed. */
  lastSuccess: JobRun | null;
}

const MAX_TIMEOUT = 2 ** 31 - 1;

/** `23:59:30` → `30 59 23 * * *`; anything else is taken as a cron expression. */
export function dailyCron(schedule: string): string {
  const m = /^(\d{2}):(\d{2}):(\d{2})$/.exec(schedule);
  if (!m) return schedule;
  const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (h > 23 || mi > 59 || s > 59) throw new RangeError(`schedule: "${schedule}" is not a time of day (HH:MM:SS, UTC)`);
  return `${s} ${mi} ${h} * * *`;
}

interface Slot {
  spec: JobSpec;
  trigger: Trigger;
  timer: NodeJS.Timeout | null;
  nextAt: number | null;
  running: Promise<JobRun> | null;
  runs: number;
  failures: number;
  skipped: number;
  last: JobRun | null;
  lastOk: JobRun | null;
}

export class JobScheduler {
  private readonly slots: Slot[];
  private started = false;

  constructor(specs: readonly JobSpec[], private readonly opts: { now?: () => number; timeoutMs?: number; log?: (level: 'info' | 'error', msg: string, detail?: unknown) => void } = {}) {
    this.slots = specs.map((spec) => ({
      spec, trigger: cronTrigger(dailyCron(spec.schedule)), timer: null, nextAt: null, running: null, runs: 0, failures: 0, skipped: 0, last: null, lastOk: null,
    }));
  }

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }

  /** Arms every job; with `runNow`, each runs once in the background (a fresh process has data before its first 23:59). */
  start(opts: { runNow?: boolean } = {}): void {
    if (this.started) return;
    this.started = true;
    for (const s of this.slots) this.arm(s, s.trigger.next(this.now()));
    if (opts.runNow) {
      void (async () => {
        // One after the other: coins and standings read the markets the first job loaded.
        for (const s of this.slots) if (this.started) await this.run(s.spec.name, 'start');
      })();
    }
  }

  stop(): void {
    this.started = false;
    for (const s of this.slots) {
      if (s.timer) clearTimeout(s.timer);
      s.timer = null;
      s.nextAt = null;
    }
  }

  private arm(s: Slot, at: number | null): void {
    s.nextAt = at;
    if (at === null || !this.started) return;
    // setTimeout caps at ~24.8 days; longer waits re-arm on wake.
    s.timer = setTimeout(() => this.wake(s), Math.min(MAX_TIMEOUT, Math.max(0, at - this.now())));
    s.timer.unref?.();
  }

  private wake(s: Slot): void {
    if (!this.started || s.nextAt === null) return;
    const now = this.now();
    if (now < s.nextAt) return this.arm(s, s.nextAt);
    this.arm(s, s.trigger.next(now));
    void this.run(s.spec.name, 'schedule');
  }

  /** Runs a job now (unless it is running: then its current run is the answer). Never rejects. */
  run(name: string, trigger: JobRun['trigger'] = 'manual'): Promise<JobRun> {
    const s = this.slots.find((x) => x.spec.name === name);
    if (!s) return Promise.reject(new RangeError(`job: no job named "${name}" (have ${this.slots.map((x) => x.spec.name).join(', ')})`));
    if (s.running) {
      s.skipped++;
      return s.running;
    }
    const t0 = this.now();
    const ms = this.opts.timeoutMs ?? 120_000;
    s.running = (async (): Promise<JobRun> => {
      let run: JobRun;
      try {
        const result = await withDeadline(Promise.resolve().then(() => s.spec.run()), ms, () => new Error(`no result within ${ms} ms`));
        const t1 = this.now();
        run = { trigger, startedAt: new Date(t0).toISOString(), finishedAt: new Date(t1).toISOString(), durationMs: t1 - t0, ok: true, result };
      } catch (e) {
        const t1 = this.now();
        run = { trigger, startedAt: new Date(t0).toISOString(), finishedAt: new Date(t1).toISOString(), durationMs: t1 - t0, ok: false, error: (e as Error)?.message ?? String(e) };
        s.failures++;
        this.opts.log?.('error', `maintenance job ${name} failed`, e);
      }
      s.runs++;
      s.last = run;
      if (run.ok) s.lastOk = run;
      s.running = null;
      return run;
    })();
    return s.running;
  }

  status(): JobStatus[] {
    return this.slots.map((s) => ({
      name: s.spec.name,
      description: s.spec.description,
      schedule: s.spec.schedule,
      trigger: s.trigger.description,
      nextRun: s.nextAt === null ? null : new Date(s.nextAt).toISOString(),
      running: s.running !== null,
      runs: s.runs,
      failures: s.failures,
      skippedWhileRunning: s.skipped,
      lastRun: s.last,
      lastSuccess: s.last && !s.last.ok ? s.lastOk : null,
    }));
  }

  /** Degraded while a job's latest run failed (its previous data stays in use); never down. */
  health(): ServiceHealth {
    const failed = this.slots.filter((s) => s.last && !s.last.ok);
    const details = { jobs: this.status().map((j) => ({ name: j.name, nextRun: j.nextRun, lastRun: j.lastRun ? { at: j.lastRun.startedAt, ok: j.lastRun.ok, durationMs: j.lastRun.durationMs, ...(j.lastRun.error ? { error: j.lastRun.error } : {}) } : null })) };
    if (failed.length) return { status: 'degraded', reason: failed.map((s) => `maintenance job ${s.spec.name} failed: ${s.last!.error}`).join('; '), details };
    return { status: 'ok', details };
  }
}
