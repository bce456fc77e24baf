import { finiteOrNull } from '../../core/numbers.js';
import type { Pair } from '../../core/types.js';
import { candleCount } from '../../core/series.js';
import { detectSpikes, spikeEvents } from '../../core/volume/spikes.js';
import { buySellSplit, type BuySellSplit } from '../../core/volume/split.js';
import type { MarketInfo, MarketSource } from '../../sources/market/types.js';
import type { PairResult, ScanParams } from './types.js';


/** Fetch, detect, and (when wanted) split; any failure becomes a failed result, never a throw. */
export async function scanPair(source: MarketSource, market: MarketInfo, rank: number, p: ScanParams): Promise<PairResult> {
  const symbol = market.symbol;
  try {
    // The baseline of the first scanned candle needs `window` candles before it.
    const c = await source.candles(symbol, p.timeframe, { limit: p.periods + p.window });
    const n = candleCount(c);
    if (n === 0) return { status: 'failed', symbol, rank, reason: `no ${p.timeframe} candles from ${source.id}` };
    const cols = detectSpikes(c.volume, { window: p.window, k: p.k, threshold: p.alertThreshold });
    const from = Math.max(0, n - p.periods);
    const spikes = spikeEvents(c.time, c.volume, cols, p.alertThreshold, from);
    const split = p.trades === 'all' || (p.trades === 'spikes' && spikes.length > 0) ? await tradesSplit(source, symbol) : null;
    return {
      status: 'ok',
      symbol,
      rank,
      quoteVolume: market.quoteVolume,
      timeframe: p.timeframe,
      candles: n,
      scanned: Math.max(0, n - Math.max(from, p.window)),
      first: c.time[0] ?? null,
      last: c.time[n - 1] ?? null,
      spikes,
      alerts: spikes.filter((s) => s.alert).length,
      maxConfidence: spikes.reduce((m, s) => Math.max(m, s.confidence), 0),
      lastRelVolume: finiteOrNull(cols.relVolume[n - 1]!),
      split,
      series: {
        time: Array.from(c.time), open: Array.from(c.open), high: Array.from(c.high), low: Array.from(c.low),
        close: Array.from(c.close), volume: Array.from(c.volume),
        limit: Array.from(cols.limit, (v) => finiteOrNull(v)), relVolume: Array.from(cols.relVolume, (v) => finiteOrNull(v)),
      },
    };
  } catch (e) {
    return { status: 'failed', symbol, rank, reason: (e as Error).message ?? String(e) };
  }
}

/** Sources without trades for a pair (replay outside BTC/ETH) answer null, not a failure. */
async function tradesSplit(source: MarketSource, symbol: Pair): Promise<BuySellSplit | null> {
  try {
    return buySellSplit(await source.trades(symbol, 1000));
  } catch {
    return null;
  }
}
