import type { Pair } from '../../core/types.js';
import type { MarketInfo, MarketSource } from '../../sources/market/types.js';
import { JobScheduler, type JobSpec } from './jobs.js';
import { rankStandings } from './standings.js';
import type { Maintenance, MaintenanceData } from './types.js';
import type { TrackerService } from './service.js';

export interface MaintenanceSettings {
  markets: string;
  benchmarks: string;
  coins: string;
  standings: string;
  quote: string;
  timeoutMs: number;
}

export const DEFAULT_MAINTENANCE: MaintenanceSettings = {
  markets: '23:59:18', benchmarks: '23:59:30', coins: '00:00:00', standings: '00:00:00', quote: 'USDT', timeoutMs: 120_000,
};


/**
 * The tracker's daily jobs (seed 003: exchange info 23:59:18, benchmarks 23:59:30, coin list
 * and standings at midnight), on the source the process uses: an exchange live, the bundled
 * data offline. Coins and standings are read off the markets the first job loaded (or load
 * them if it has not run), so one midnight costs one market-list request.
 */
export function trackerMaintenance(t: TrackerService, source: Pick<MarketSource, 'id' | 'markets' | 'health'> & { refreshMarkets?: () => Promise<void> }, settings: Partial<MaintenanceSettings> = {},
  log?: (level: 'info' | 'error', msg: string, detail?: unknown) => void): Maintenance {
  const o = { ...DEFAULT_MAINTENANCE, ...settings };
  const data: MaintenanceData = { markets: null, coins: null, standings: null };
  const now = () => Date.now();
  const markets = async (fresh: boolean): Promise<MarketInfo[]> => {
    if (!fresh && data.markets && now() - data.markets.at < 3_600_000) return data.markets.list;
    if (fresh) await source.refreshMarkets?.();
    const list = await source.markets();
    if (!list.length) throw new Error(`${source.id} returned an empty market list (kept the previous one)`);
    // An exchange source that could not reload keeps serving its older list and says so in
    // its health: that is no refresh, and the job's result must not claim one.
    const h = fresh ? source.health?.() : undefined;
    if (h && h.status !== 'ok') throw new Error(`no fresh market list: ${h.reason ?? h.status} (the previous list stays in use)`);
    data.markets = { at: now(), list };
    return list;
  };
  const tracked = () => t.symbols();
  const jobs: JobSpec[] = [
    {
      name: 'markets', schedule: o.markets,
      description: 'refresh the instrument list: active markets, quotes, minimum order value (min notional)',
      run: async () => {
        const list = await markets(true);
        const bySymbol = new Map(list.map((m) => [m.symbol as string, m]));
        return {
          source: source.id, markets: list.length, active: list.filter((m) => m.active).length,
          withMinNotional: list.filter((m) => typeof m.minNotional === 'number').length,
          tracked: Object.fromEntries(tracked().map((s) => {
            const m = bySymbol.get(s);
            return [s, m ? { listed: true, active: m.active, minNotional: m.minNotional ?? null } : { listed: false }];
          })),
        };
      },
    },
    {
      name: 'benchmarks', schedule: o.benchmarks,
      description: 'recompute the daily volume benchmark and 7-day momentum of every tracked symbol from its daily candles',
      run: async () => {
        const asOf = await t.refreshBenchmarks(t.benchmarkAsOf());
        if (t.benchmarkError) throw new Error(t.benchmarkError);
        const syms = tracked();
        const withHistory = syms.filter((s) => (t.benchmarks.get(s)?.days ?? 0) > 0);
        return {
          asOf: Number.isFinite(asOf) ? new Date(asOf).toISOString() : null, symbols: syms.length, withHistory: withHistory.length,
          ...(withHistory.length < syms.length ? { withoutHistory: syms.filter((s) => !withHistory.includes(s)) } : {}),
        };
      },
    },
    {
      name: 'coins', schedule: o.coins,
      description: `refresh the coin list: base currencies of the active ${o.quote} markets`,
      run: async () => {
        const list = [...new Set((await markets(false)).filter((m) => m.active && m.quote === o.quote).map((m) => m.base))].sort();
        data.coins = { at: now(), quote: o.quote, list };
        return { quote: o.quote, coins: list.length, first: list.slice(0, 10) };
      },
    },
    {
      name: 'standings', schedule: o.standings,
      description: `rank the active ${o.quote} markets by 24 h quote volume (the rule --top N uses)`,
      run: async () => {
        const list = rankStandings(await markets(false), { quote: o.quote });
        data.standings = { at: now(), quote: o.quote, list };
        const rank = new Map<string, number>(list.map((s) => [s.symbol, s.rank]));
        return {
          quote: o.quote, ranked: list.length, withVolume: list.filter((s) => s.quoteVolume !== null).length,
          top: list.slice(0, 5).map((s) => s.symbol),
          tracked: Object.fromEntries(tracked().map((s: Pair) => [s, rank.get(s) ?? null])),
        };
      },
    },
  ];
  return { scheduler: new JobScheduler(jobs, { timeoutMs: o.timeoutMs, ...(log ? { log } : {}) }), data };
}
