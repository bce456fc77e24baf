import { z } from 'zod';
import { flag } from './security.js';

/**
 * Live streams of the tracker (`tracker.live.*`): how symbols are spread over websocket
 * connections, how lost connections are retried, and when the tracker calls itself degraded.
 * Defaults follow Binance's published limits: 200 streams per connection (a symbol takes
 * two, trades and depth diffs, three with bookTicker) and 5 incoming messages per second
 * per connection (one SUBSCRIBE per connection; connections are opened at that pace).
 */
export const trackerLiveSchema = z.strictObject({
  /** Pairs `serve --tracker` follows on an exchange source; default: the 10 with the largest 24 h quote volume. */
  symbols: z.array(z.string().min(3)).min(1).optional(),
  /** Symbols per websocket connection. With bookTicker on, Binance allows at most 66 (3 streams each, 200 per connection). */
  symbolsPerConnection: z.coerce.number().int().min(1).max(1024).default(60),
  /** Streams one connection may carry (the venue's limit; Binance 200). */
  maxStreamsPerConnection: z.coerce.number().int().min(1).max(1024).default(200),
  /** New connections (each sends one SUBSCRIBE) opened per second. */
  subscribesPerSecond: z.coerce.number().min(0.1).max(100).default(5),
  /** Also subscribe to the venue's best bid/ask (Binance bookTicker) to check each rebuilt book. */
  bookTicker: flag.default(true),
  /** Levels of the REST snapshot a book is rebuilt from after a (re)subscription or a gap. */
  snapshotDepth: z.coerce.number().int().min(5).max(5000).default(1000),
  /** REST snapshots in flight at once (each costs request weight). */
  snapshotConcurrency: z.coerce.number().int().min(1).max(64).default(4),
  /** Reconnect backoff: a random delay in [0, min(max, base·2^n)] after the n-th loss in a row ("full jitter"). */
  reconnectBaseMs: z.coerce.number().int().min(1).max(600_000).default(500),
  reconnectMaxMs: z.coerce.number().int().min(1).max(3_600_000).default(30_000),
  /** A connection that delivers nothing for this long is treated as lost (stalled). */
  stallMs: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  /** More lost connections than this within `lostWindowMs` and the tracker reports itself degraded. */
  maxLostConnections: z.coerce.number().int().min(0).max(1_000_000).default(5),
  lostWindowMs: z.coerce.number().int().min(1000).max(86_400_000).default(600_000),
}).refine((l) => l.reconnectMaxMs >= l.reconnectBaseMs, { message: 'reconnectMaxMs must be >= reconnectBaseMs', path: ['reconnectMaxMs'] });

export type TrackerLiveSettings = z.infer<typeof trackerLiveSchema>;

/** `tracker.*`: the live tracker's settings (`live` = its exchange streams). */
export const trackerSettingsSchema = z.strictObject({
  live: trackerLiveSchema.prefault({}),
});
