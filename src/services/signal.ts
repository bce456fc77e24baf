import { InputError } from '../errors.js';
import { shiftIndexes, STRUCTURE_LOOKBACK, structureAt } from '../core/signals/lookback.js';
import type { SignalOptions, StructureResult } from '../core/signals/types.js';
import { candleCount, tailCandles } from '../core/series.js';
import type { MarketSource } from '../sources/market/types.js';
import { loadCandles, type CandleRequest, type LoadedCandles } from './candles.js';

export interface SignalRequest extends CandleRequest {
  /** Bar to describe: candle index (0-based, negative counts from the end) or a time; default the last bar. */
  at?: string | number;
  options?: Omit<SignalOptions, 'symbol' | 'timeframe' | 'at'>;
}

export interface SignalResponse {
  loaded: LoadedCandles;
  result: StructureResult;
}

/**
 * Structure and signal of a pair (or a file) as of one bar. `loaded` holds the `limit`
 * candles asked for and `at` counts in them; behind them the lookback's worth of earlier
 * candles is read too, so the structure at any of those bars is the lookback rule's,
 * whatever the limit (candle indexes in the result count from loaded's first candle and
 * are negative before it).
 */
export async function loadSignal(source: MarketSource, req: SignalRequest): Promise<SignalResponse> {
  const history = await loadCandles(source, req.limit === undefined ? req : { ...req, limit: req.limit + STRUCTURE_LOOKBACK - 1 });
  const total = candleCount(history.candles);
  const loaded = req.limit === undefined || total <= req.limit ? history : { ...history, candles: tailCandles(history.candles, req.limit) };
  const n = candleCount(loaded.candles);
  if (n === 0) throw new Error(`no candles for ${loaded.symbol} ${loaded.timeframe}`);
  const offset = total - n;
  const at = req.at === undefined ? n - 1 : resolveAt(loaded.candles.time, req.at);
  const result = structureAt(history.candles, { ...req.options, symbol: loaded.symbol, timeframe: loaded.timeframe, at: at + offset });
  return { loaded, result: offset ? shiftIndexes(result, -offset) : result };
}

/**
 * An index (small integers; negative from the end) or a time (ISO date/time or epoch ms):
 * a time selects the last candle that opened at or before it, i.e. the bar whose close
 * was the latest known at that time or just after.
 */
export function resolveAt(time: Float64Array, at: string | number): number {
  const n = time.length;
  const s = String(at).trim();
  let index: number;
  if (/^-?\d+$/.test(s) && Math.abs(Number(s)) < 1e9) {
    const k = Number(s);
    index = k < 0 ? n + k : k;
    if (index < 0 || index >= n) throw new InputError(`--at ${s} is outside the ${n} loaded candles (0..${n - 1}, or -1 for the last)`, 'at');
    return index;
  }
  const t = /^\d+$/.test(s) ? Number(s) : Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s);
  if (!Number.isFinite(t)) throw new InputError(`--at "${s}" is neither a candle index nor a time (ISO date/time or epoch ms)`, 'at');
  if (t < time[0]!) throw new InputError(`--at ${s} is before the first loaded candle (${new Date(time[0]!).toISOString()})`, 'at');
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
