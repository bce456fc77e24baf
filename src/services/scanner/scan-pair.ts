import { finiteOrNull } from '../../core/numbers.js';
import type { Pair } from '../../core/types.js';
import { candleCount } from '../../core/series.js';
import { detectSpikes, spikeEvents } from '../../core/volume/spikes.js';
import { candleSplit, type CandleSplit } from '../../core/volume/split.js';
import { timeframeMs } from '../../core/timeframes.js';
import type { MarketInfo, MarketSource } from '../../sources/market/types.js';
import type { PairResult, ScanParams } from './types.js';


/**
 * Fetch, detect, and (when wanted) split; any failure becomes a failed result, never a throw.
 * `now` decides which candles have closed: a live source's last candle is still forming.
 */
export async function scanPair(source: MarketSource, market: MarketInfo, rank: number, p: ScanParams, now = Date.now()): Promise<PairResult> {
  const symbol = market.symbol;
  try {
    // The baseline of the first scanned candle needs `window` candles before it.
    const c = await source.candles(symbol, p.timeframe, { limit: p.periods + p.window });
    const n = candleCount(c);
    if (n === 0) return { status: 'failed', symbol, rank, reason: `no ${p.timeframe} candles from ${source.id}` };
    const cols = detectSpikes(c.volume, { window: p.window, k: p.k, threshold: p.alertThreshold });
    const from = Math.max(0, n - p.periods);
    const spikes = spikeEvents(c.time, c.volume, cols, p.alertThreshold, from);
    const tfMs = timeframeMs(p.timeframe);
    let closedAt = n - 1;
    while (closedAt >= 0 && c.time[closedAt]! + tfMs > now) closedAt--;
    const lastClosed = closedAt >= 0 ? c.time[closedAt]! : null;
    const splitCandle = [...spikes].reverse().find((s) => s.alert)?.time ?? spikes[spikes.length - 1]?.time ?? (p.trades === 'all' ? lastClosed : null);
    const split = splitCandle !== null && p.trades !== 'none' ? await tradesSplit(source, symbol, splitCandle, splitCandle + tfMs) : null;
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
      lastClosed,
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

/**
 * The source's recent trades inside [open, end) only. Sources without trades for a pair
 * (replay outside BTC/ETH), or whose trades lie outside the candle, answer null, not a failure.
 */
async function tradesSplit(source: MarketSource, symbol: Pair, open: number, end: number): Promise<CandleSplit | null> {
  try {
    return candleSplit(await source.trades(symbol, 1000), open, end);
  } catch {
    return null;
  }
}
