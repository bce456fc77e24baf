import { cronTrigger, intervalTrigger, type Trigger } from './triggers.js';

export interface ScheduleConfig {
  type: 'interval' | 'cron';
  intervalMinutes: number;
  cron: string;
  /** Several missed fire times run once (true) or once each, back to back (false). */
  coalesce: boolean;
  /** A fire time later than this is skipped as a misfire (the host slept, the loop stalled). */
  misfireGraceSeconds: number;
  /**
   * Shortest allowed time between two runs (interval, or the cron's next two fire times).
   * A batch writes megabytes; a 1 s schedule would fill the disk. Default 60.
   */
  minIntervalSeconds?: number;
}

export const DEFAULT_MIN_INTERVAL_SECONDS = 60;

/** Seed 000's status fields (`status`, `is_running`, `jobs`, `scheduler_config`) plus Sextant's own. */
export interface SchedulerStatus {
  status: 'running' | 'stopped';
  is_running: boolean;
  /** Same as is_running (Sextant's first name for it, kept for its clients). */
  running: boolean;
  jobs: { id: string; name: string; trigger: string; next_run_time: string | null; pending_runs: number }[];
  scheduler_config: SchedulerConfigView;
  /** Same object as scheduler_config (Sextant's first name for it). */
  config: SchedulerConfigView;
  stats: { runs: number; skipped_max_instances: number; misfired: number; last_run_at: string | null; last_error: string | null };
}

export interface SchedulerConfigView {
  schedule_type: ScheduleConfig['type'];
  interval_minutes: number;
  cron: string;
  max_instances: 1;
  coalesce: boolean;
  misfire_grace_time: number;
  min_interval_seconds: number;
}

/** The seed's job id and name: clients of the seed look the job up by them. */
export const JOB_ID = 'volume_analysis_job';
export const JOB_NAME = 'Volume Analysis Batch Job';
const MAX_TIMEOUT = 2 ** 31 - 1;

/**
 * In-process scheduler for one job with APScheduler's guarantees: at most one instance
 * (a fire time that finds the job running is skipped, not queued), coalescing of missed
 * fire times, and a misfire grace period. The job itself decides nothing about timing.
 */
export class ScanScheduler {
  private trigger: Trigger | null = null;
  private timer: NodeJS.Timeout | null = null;
  private nextAt: number | null = null;
  private pending = 0;
  private config: ScheduleConfig;
  private readonly stats: SchedulerStatus['stats'] = { runs: 0, skipped_max_instances: 0, misfired: 0, last_run_at: null, last_error: null };

  constructor(
    private readonly job: () => Promise<unknown>,
    private readonly isBusy: () => boolean,
    defaults: ScheduleConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.config = { ...defaults };
  }

  get running(): boolean {
    return this.trigger !== null;
  }

  /** Throws RangeError("field: rule") for a bad interval or cron expression, or one below the minimum. */
  start(over: Partial<ScheduleConfig> = {}): void {
    const cfg = { ...this.config, ...over };
    const trigger = cfg.type === 'cron' ? cronTrigger(cfg.cron) : intervalTrigger(cfg.intervalMinutes * 60_000, this.now());
    assertMinimumGap(trigger, cfg, this.now());
    this.stop();
    this.config = cfg;
    this.trigger = trigger;
    this.arm(this.trigger.next(this.now()));
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.trigger = null;
    this.nextAt = null;
    this.pending = 0;
  }

  status(): SchedulerStatus {
    const c = this.config;
    const view: SchedulerConfigView = {
      schedule_type: c.type,
      interval_minutes: c.intervalMinutes,
      cron: c.cron,
      max_instances: 1,
      coalesce: c.coalesce,
      misfire_grace_time: c.misfireGraceSeconds,
      min_interval_seconds: c.minIntervalSeconds ?? DEFAULT_MIN_INTERVAL_SECONDS,
    };
    return {
      status: this.running ? 'running' : 'stopped',
      is_running: this.running,
      running: this.running,
      jobs: this.trigger ? [{
        id: JOB_ID,
        name: JOB_NAME,
        trigger: this.trigger.description,
        next_run_time: this.nextAt === null ? null : new Date(this.nextAt).toISOString(),
        pending_runs: this.pending,
      }] : [],
      scheduler_config: view,
      config: view,
      stats: { ...this.stats },
    };
  }

  private arm(at: number | null): void {
    this.nextAt = at;
    if (at === null) return;
    // setTimeout caps at ~24.8 days; longer waits re-arm on wake.
    this.timer = setTimeout(() => this.wake(), Math.min(MAX_TIMEOUT, Math.max(0, at - this.now())));
    this.timer.unref?.();
  }

  private wake(): void {
    const trigger = this.trigger;
    if (!trigger || this.nextAt === null) return;
    const now = this.now();
    if (now < this.nextAt) return this.arm(this.nextAt);
    // Every fire time that has passed since we last armed (more than one after a stall).
    const due: number[] = [];
    for (let t: number | null = this.nextAt; t !== null && t <= now && due.length < 10_000; t = trigger.next(t)) due.push(t);
    const graceMs = this.config.misfireGraceSeconds * 1000;
    const inGrace = due.filter((t) => now - t <= graceMs);
    this.stats.misfired += due.length - inGrace.length;
    const runs = this.config.coalesce ? Math.min(1, inGrace.length) : inGrace.length;
    this.arm(trigger.next(now));
    if (runs > 0) this.fire(runs);
  }

  private fire(runs: number): void {
    if (this.isBusy()) {
      this.stats.skipped_max_instances += runs;
      return;
    }
    this.pending = runs - 1;
    void this.runLoop();
  }

  private async runLoop(): Promise<void> {
    do {
      this.stats.runs++;
      this.stats.last_run_at = new Date(this.now()).toISOString();
      try {
        await this.job();
        this.stats.last_error = null;
      } catch (e) {
        this.stats.last_error = (e as Error).message ?? String(e);
      }
    } while (this.pending-- > 0 && this.running);
    this.pending = 0;
  }
}

/**
 * The gap between runs must reach the minimum. For cron the next few fire times are
 * checked: `*\/5 * * * * *` (every 5 s) and `0,1 * * * *` (two runs a minute apart) both fail.
 */
export function assertMinimumGap(trigger: Trigger, cfg: Pick<ScheduleConfig, 'type' | 'minIntervalSeconds'>, now: number): void {
  const minMs = (cfg.minIntervalSeconds ?? DEFAULT_MIN_INTERVAL_SECONDS) * 1000;
  const field = cfg.type === 'cron' ? 'cron' : 'interval_minutes';
  let prev = trigger.next(now);
  for (let i = 0; i < 50 && prev !== null; i++) {
    const next = trigger.next(prev);
    if (next === null) return;
    if (next - prev < minMs) {
      throw new RangeError(`${field}: runs ${(next - prev) / 1000} s apart; the minimum is ${minMs / 1000} s (scanner.schedule.minIntervalSeconds)`);
    }
    prev = next;
  }
}
