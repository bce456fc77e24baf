import type { Config } from '../../config/schema.js';
import type { Pair } from '../../core/types.js';
import { InputError, NotFoundError } from '../../errors.js';
import { ReplaySource } from '../../sources/market/replay/source.js';
import type { TrackerFeed } from './service.js';

/** The bundled recorded feed of each symbol, merged by the kernel on a simulated clock. */
export function replayFeed(source: ReplaySource, symbols: readonly Pair[]): TrackerFeed {
  const have = source.feedSymbols();
  for (const s of symbols) {
    if (!have.includes(s)) throw new NotFoundError(`no recorded trades/order book for ${s} in the bundled data (have ${have.join(', ')})`, 'symbols');
  }
  let start = Infinity;
  for (const s of symbols) for (const ev of source.marketEvents(s)) {
    start = Math.min(start, ev.at);
    break;
  }
  return { kind: 'replay', feeds: symbols.map((s) => ({ name: s, feed: source.marketEvents(s) })), ...(Number.isFinite(start) ? { start } : {}) };
}

let replay: ReplaySource | undefined;

/**
 * The feed for `tracker run`: the bundled replay, or live exchange streams over a pool of
 * websocket connections. `{ top: N }` picks the N pairs with the largest quote volume
 * (the source's volume standings).
 */
export async function trackerFeedFor(sourceName: string, want: readonly Pair[] | { top: number }, config: Pick<Config, 'dataDir'> & Partial<Config>,
  log?: (level: 'info' | 'error', msg: string, detail?: unknown) => void): Promise<TrackerFeed> {
  if (sourceName === 'replay') {
    replay ??= new ReplaySource({ dataDir: config.dataDir });
    const have = replay.feedSymbols();
    const symbols = Array.isArray(want) ? want : have.slice(0, Math.min(have.length, (want as { top: number }).top));
    return replayFeed(replay, symbols);
  }
  const { liveFeed } = await import('./live-feed.js');
  if (!/^[a-z0-9]+$/.test(sourceName)) throw new InputError(`--source must be replay or a CCXT exchange id, got "${sourceName}"`, 'source');
  return liveFeed({ exchangeId: sourceName, want, config, ...(log ? { log } : {}) });
}
