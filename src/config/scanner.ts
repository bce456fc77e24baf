import { Cron } from 'croner';
import { z } from 'zod';
import { TIMEFRAMES } from '../core/timeframes.js';

const SCHEDULE_DEFAULTS = { type: 'interval', intervalMinutes: 5, cron: '*/5 * * * *', coalesce: true, misfireGraceSeconds: 60, minIntervalSeconds: 60 } as const;

/** Shortest gap between the next few fire times of a cron expression, ms; null when it does not parse. */
function cronMinGapMs(expr: string): number | null {
  let cron: Cron;
  try {
    cron = new Cron(expr, { paused: true, timezone: 'UTC' });
  } catch {
    return null;
  }
  const runs = cron.nextRuns(50, new Date(Date.UTC(2024, 0, 1)));
  let min = Infinity;
  for (let i = 1; i < runs.length; i++) min = Math.min(min, runs[i]!.getTime() - runs[i - 1]!.getTime());
  return min;
}

/**
 * Scanner settings, shaped to sit under a `scanner:` key of the app config (the config
 * schema can embed `scannerSettingsSchema`); CLI flags and HTTP params override them.
 */
export const scannerSettingsSchema = z.strictObject({
  /** Root of the results; each batch writes to <resultsDir>/<batch-id>/. */
  resultsDir: z.string().min(1).default('results/scans'),
  /** Pairs by quote volume, or 'all'. */
  top: z.union([z.literal('all'), z.coerce.number().int().min(1).max(100_000)]).default(200),
  /** Default 5m; replay defaults to 1d because the bundled data is daily. */
  timeframe: z.enum(TIMEFRAMES).optional(),
  /** Candles scanned per pair (the baseline window is fetched on top of them). */
  periods: z.coerce.number().int().min(1).max(5000).default(50),
  window: z.coerce.number().int().min(2).max(1000).default(25),
  k: z.coerce.number().positive().max(100).default(4),
  alertThreshold: z.coerce.number().min(0).max(1).default(0.7),
  concurrency: z.coerce.number().int().min(1).max(100).default(10),
  /** Only pairs quoted in this currency (e.g. USDT); quote volumes in different quotes do not compare. */
  quote: z.string().regex(/^[A-Z0-9]+$/, 'must be an upper-case currency code').optional(),
  /** Fetch trades for the buy/sell split: for pairs with a spike (default), all pairs, or none. */
  trades: z.enum(['spikes', 'all', 'none']).default('spikes'),
  /**
   * Alerts for spikes on the latest closed candle of each pair (default), or for every
   * alert-level spike in the scanned periods ('all': backfills, research).
   */
  alertScope: z.enum(['latest', 'all']).default('latest'),
  /** PNG chart per pair (Skia painter, a few ms each): for pairs with a spike (default), all pairs, or none. */
  png: z.enum(['spikes', 'all', 'none']).default('spikes'),
  schedule: z.strictObject({
    type: z.enum(['interval', 'cron']).default('interval'),
    intervalMinutes: z.coerce.number().positive().max(7 * 24 * 60).default(5),
    cron: z.string().default('*/5 * * * *'),
    coalesce: z.boolean().default(true),
    misfireGraceSeconds: z.coerce.number().min(0).max(86_400).default(60),
    /** The scheduler refuses schedules that run more often than this (HTTP, CLI and this file). */
    minIntervalSeconds: z.coerce.number().min(1).max(86_400).default(60),
  }).default(SCHEDULE_DEFAULTS).superRefine((s, ctx) => {
    if (s.intervalMinutes * 60 < s.minIntervalSeconds) {
      ctx.addIssue({ code: 'custom', path: ['intervalMinutes'], message: `${s.intervalMinutes} min is below the minimum of ${s.minIntervalSeconds} s (scanner.schedule.minIntervalSeconds)` });
    }
    const gap = cronMinGapMs(s.cron);
    if (gap === null) ctx.addIssue({ code: 'custom', path: ['cron'], message: `not a valid cron expression: "${s.cron}"` });
    else if (gap < s.minIntervalSeconds * 1000) ctx.addIssue({ code: 'custom', path: ['cron'], message: `"${s.cron}" runs ${gap / 1000} s apart, below the minimum of ${s.minIntervalSeconds} s (scanner.schedule.minIntervalSeconds)` });
  }),
  /**
   * Batches kept (files and store); older ones are deleted after each batch. A batch is
   * dropped when it is beyond the newest `maxBatches` or older than `maxAgeHours`; 0 turns
   * that rule off (both 0 keeps everything).
   */
  retention: z.strictObject({
    maxBatches: z.coerce.number().int().min(0).max(1_000_000).default(100),
    maxAgeHours: z.coerce.number().min(0).max(24 * 3650).default(168),
  }).default({ maxBatches: 100, maxAgeHours: 168 }),
  alerts: z.strictObject({
    log: z.boolean().default(true),
    webhookUrl: z.url().optional(),
    telegram: z.strictObject({
      token: z.string().min(1),
      chatId: z.string().min(1),
      baseUrl: z.url().default('https://api.telegram.org'),
    }).optional(),
  }).default({ log: true }),
});

export type ScannerSettings = z.infer<typeof scannerSettingsSchema>;

export function defaultScannerSettings(over: unknown = {}): ScannerSettings {
  return scannerSettingsSchema.parse(over);
}
