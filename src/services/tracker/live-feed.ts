import type { Config } from '../../config/schema.js';
import type { Pair } from '../../core/types.js';
import { InputError, UnavailableError } from '../../errors.js';
import type { TrackerFeed } from './service.js';
import { rankStandings } from './standings.js';

export interface LiveFeedOptions {
  exchangeId: string;
  want: readonly Pair[] | { top: number };
  /** `exchange.*` (timeouts, retries, urls: a local stand-in or testnet) and `tracker.live.*`. */
  config: Partial<Pick<Config, 'exchange' | 'tracker' | 'trackerJobs'>>;
  log?: (level: 'info' | 'error', msg: string, detail?: unknown) => void;
}

/**
 * Live exchange streams as a tracker feed: the REST half (CcxtSource: markets, volume
 * standings for `--top`, book snapshots) and the pooled stream half over CCXT Pro's
 * websocket client. The tracker asks for a snapshot after a resync event; the pool's health
 * (lost connections, degraded) becomes the tracker's.
 */
export async function liveFeed(opts: LiveFeedOptions): Promise<TrackerFeed> {
  const { CcxtSource } = await import('../../sources/market/ccxt/source.js');
  const { pooledStreams } = await import('../../sources/market/ccxt/pooled.js');
  const { trackerLiveSchema } = await import('../../config/tracker.js');
  const ex = opts.config.exchange;
  const live = opts.config.tracker?.live ?? trackerLiveSchema.parse({});
  const rest = new CcxtSource({
    exchangeId: opts.exchangeId,
    ...(ex?.timeoutMs !== undefined ? { timeoutMs: ex.timeoutMs } : {}),
    ...(ex?.retries !== undefined ? { retries: ex.retries } : {}),
    ...(ex?.apiKey ? { apiKey: ex.apiKey } : {}),
    ...(ex?.secret ? { secret: ex.secret } : {}),
    ...(ex?.urls ? { urls: ex.urls } : {}),
    ...(ex?.sandbox ? { sandbox: true } : {}),
  });
  try {
    if (!rest.exchange.has['watchTrades'] && !rest.exchange.has['watchTradesForSymbols']) {
      throw new UnavailableError(opts.exchangeId, `${opts.exchangeId} has no websocket streams in CCXT Pro: the live tracker needs them`);
    }
    let symbols: Pair[];
    if (Array.isArray(opts.want)) symbols = [...opts.want];
    else {
      // The standings rule of the daily job (active pairs of the quote currency by 24 h quote
      // volume); a pair without a reported volume is not picked.
      const n = (opts.want as { top: number }).top;
      const standings = rankStandings(await rest.markets(), opts.config.trackerJobs?.quote ? { quote: opts.config.trackerJobs.quote } : {});
      symbols = standings.filter((s) => s.quoteVolume !== null).slice(0, n).map((s) => s.symbol);
      if (!symbols.length) throw new UnavailableError(opts.exchangeId, `${opts.exchangeId} reported no quote volumes to pick the top ${n} pairs from: give --symbols`);
    }
    if (!symbols.length) throw new InputError('no symbols to track', 'symbols');
    const streams = pooledStreams(rest, { ...live, symbols, ...(opts.log ? { log: opts.log } : {}) });
    await streams.start();
    return {
      kind: 'live',
      feeds: [{ name: opts.exchangeId, feed: streams.events }],
      symbols,
      requestSnapshot: (symbol) => streams.resync(symbol),
      health: () => streams.health(),
      close: async () => {
        await streams.close();
        await rest.close();
      },
    };
  } catch (e) {
    await rest.close();
    throw e;
  }
}
