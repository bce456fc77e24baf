import { Cron } from 'croner';

/** When a job fires next, strictly after `after`; null when it never will again. */
export interface Trigger {
  readonly type: 'interval' | 'cron';
  /** APScheduler-style description, e.g. "interval[0:05:00]" or "cron[*\/5 * * * *]". */
  readonly description: string;
  next(after: number): number | null;
}

const hms = (ms: number) => {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};

/** Fires at anchor + n·every (n ≥ 1): anchored, so late runs do not shift the grid. */
export function intervalTrigger(everyMs: number, anchor: number): Trigger {
  if (!(everyMs >= 1000)) throw new RangeError('interval_minutes: must be at least 1 second');
  return {
    type: 'interval',
    description: `interval[${hms(everyMs)}]`,
    next(after) {
      const n = Math.max(1, Math.floor((after - anchor) / everyMs) + 1);
      return anchor + n * everyMs;
    },
  };
}

/** Cron expression (5 or 6 fields) in UTC, so a schedule means the same on every host. */
export function cronTrigger(expr: string): Trigger {
  let cron: Cron;
  try {
    cron = new Cron(expr, { paused: true, timezone: 'UTC' });
  } catch (e) {
    throw new RangeError(`cron: ${(e as Error).message.replace(/^CronPattern: /, '')}`, { cause: e });
  }
  return {
    type: 'cron',
    description: `cron[${expr}]`,
    next(after) {
      return cron.nextRun(new Date(after))?.getTime() ?? null;
    },
  };
}
