import { z } from 'zod';
import { TIMEFRAMES } from '../core/timeframes.js';

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
  schedule: z.strictObject({
    type: z.enum(['interval', 'cron']).default('interval'),
    intervalMinutes: z.coerce.number().positive().max(7 * 24 * 60).default(5),
    cron: z.string().default('*/5 * * * *'),
    coalesce: z.boolean().default(true),
    misfireGraceSeconds: z.coerce.number().min(0).max(86_400).default(60),
  }).default({ type: 'interval', intervalMinutes: 5, cron: '*/5 * * * *', coalesce: true, misfireGraceSeconds: 60 }),
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
