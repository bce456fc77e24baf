import type { Config } from '../../config/schema.js';
import { parsePair, type Pair } from '../../core/types.js';
import type { Store } from '../../infra/store/types.js';
import type { MarketSource } from '../../sources/market/types.js';
import { trackerFeedFor } from './feeds.js';
import { trackerMaintenance } from './maintenance.js';
import { TrackerService } from './service.js';
import { topByStandings } from './standings.js';
import { trackerStoreOf } from './store.js';

export interface TrackerWiring {
  /** replay (default when the process's source is replay) or a CCXT exchange id. */
  source?: string;
  speed?: number;
  /** Live: how many pairs to track, chosen by the volume standings (default 10). */
  top?: number;
  benchmarkDays?: number;
  /** Daily benchmark recompute time, HH:MM:SS UTC (default config.trackerJobs.benchmarks). */
  benchmarkAt?: string;
  /** Run the daily maintenance jobs (default true). */
  jobs?: boolean;
  /** Unread bytes after which a WebSocket client is dropped. */
  wsMaxBuffered?: number;
  wsPingMs?: number;
}

/**
 * The pairs a tracker follows when none are named: every recorded feed on replay; live, the
 * top N of the volume standings of the process's source (standings.ts has the rule). When
 * the standings cannot be read (the exchange is down), the feed picks its own top N.
 */
async function defaultSymbols(feedName: string, source: MarketSource, top: number, quote: string,
  log?: (level: 'info' | 'error', msg: string, detail?: unknown) => void): Promise<readonly Pair[] | { top: number }> {
  if (feedName === 'replay' || source.id !== feedName) return { top: feedName === 'replay' ? Infinity : top };
  try {
    const list = await topByStandings(source, top, { quote });
    if (list.length) return list;
  } catch (e) {
    log?.('error', `volume standings of ${source.id} unavailable; the feed picks its top ${top}`, e);
  }
  return { top };
}

/** The tracker a server process runs: its feed, the store for events, the daily benchmark from the source, the maintenance jobs. */
export async function buildTracker(config: Config, source: MarketSource, store: Store | undefined, w: TrackerWiring = {},
  log?: (level: 'info' | 'error', msg: string, detail?: unknown) => void): Promise<TrackerService> {
  const jobs = config.trackerJobs;
  const feedName = w.source ?? (source.id === 'replay' ? 'replay' : source.id);
  const chosen = feedName === 'replay' ? undefined : config.tracker.live.symbols?.map((p) => parsePair(p, 'tracker.live.symbols'));
  const want = chosen ?? await defaultSymbols(feedName, source, w.top ?? 10, jobs.quote, log);
  const feed = await trackerFeedFor(feedName, want, config, log);
  const t = new TrackerService({
    symbols: feed.symbols ?? (feed.feeds.map((f) => f.name) as TrackerService['opts']['symbols']),
    feed,
    speed: w.speed ?? (feed.kind === 'replay' ? 1 : Infinity),
    ...(store ? { store: trackerStoreOf(store) } : {}),
    benchmark: { source, days: w.benchmarkDays ?? jobs.benchmarkDays, at: w.benchmarkAt ?? jobs.benchmarks },
    ...(w.wsMaxBuffered ? { wsMaxBuffered: w.wsMaxBuffered } : {}),
    ...(w.wsPingMs ? { wsPingMs: w.wsPingMs } : {}),
    ...(log ? { log } : {}),
  });
  if (w.jobs !== false) {
    t.maintenance = trackerMaintenance(t, source as MarketSource & { refreshMarkets?: () => Promise<void> }, {
      markets: jobs.markets, benchmarks: w.benchmarkAt ?? jobs.benchmarks, coins: jobs.coins, standings: jobs.standings, quote: jobs.quote, timeoutMs: jobs.timeoutMs,
    }, log);
  }
  return t;
}
