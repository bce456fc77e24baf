import type { Config } from '../../config/schema.js';
import { parsePair } from '../../core/types.js';
import type { Store } from '../../infra/store/types.js';
import type { MarketSource } from '../../sources/market/types.js';
import { trackerFeedFor } from './feeds.js';
import { TrackerService } from './service.js';
import { trackerStoreOf } from './store.js';

export interface TrackerWiring {
  /** replay (default when the process's source is replay) or a CCXT exchange id. */
  source?: string;
  speed?: number;
  benchmarkDays?: number;
  /** Daily benchmark recompute time, HH:MM:SS UTC. */
  benchmarkAt?: string;
  /** Unread bytes after which a WebSocket client is dropped. */
  wsMaxBuffered?: number;
  wsPingMs?: number;
}

/** The tracker a server process runs: its feed, the store for events, the daily benchmark from the source. */
export async function buildTracker(config: Config, source: MarketSource, store: Store | undefined, w: TrackerWiring = {},
  log?: (level: 'info' | 'error', msg: string, detail?: unknown) => void): Promise<TrackerService> {
  const feedName = w.source ?? (source.id === 'replay' ? 'replay' : source.id);
  const chosen = feedName === 'replay' ? undefined : config.tracker.live.symbols?.map((p) => parsePair(p, 'tracker.live.symbols'));
  const feed = await trackerFeedFor(feedName, chosen ?? { top: feedName === 'replay' ? Infinity : 10 }, config, log);
  return new TrackerService({
    symbols: feed.symbols ?? (feed.feeds.map((f) => f.name) as TrackerService['opts']['symbols']),
    feed,
    speed: w.speed ?? (feed.kind === 'replay' ? 1 : Infinity),
    ...(store ? { store: trackerStoreOf(store) } : {}),
    benchmark: { source, days: w.benchmarkDays ?? 30, at: w.benchmarkAt ?? '23:59:30' },
    ...(w.wsMaxBuffered ? { wsMaxBuffered: w.wsMaxBuffered } : {}),
    ...(w.wsPingMs ? { wsPingMs: w.wsPingMs } : {}),
    ...(log ? { log } : {}),
  });
}
