import type { Pair } from '../../core/types.js';
import type { Candles } from '../../core/series.js';
import { type Timeframe, timeframeMs } from '../../core/timeframes.js';
import type { CandleQuery, MarketSource } from '../../sources/market/types.js';

/**
 * Recorded history seen through a moving clock: only candles that had closed by `now`
 * exist. The forming candle is withheld because its recorded values are its final
 * values — serving them early would be look-ahead.
 */
export class ClockedSource {
  now = 0;
  /** Recorded candles before this time do not exist for the replay (a shorter history). */
  constructor(readonly inner: MarketSource, readonly historyStart = -Infinity) {}

  get id(): string {
    return this.inner.id;
  }

  candles(symbol: Pair, tf: Timeframe, q: CandleQuery = {}): Promise<Candles> {
    const closedUntil = this.now - timeframeMs(tf) + 1;
    const until = q.until !== undefined ? Math.min(q.until, closedUntil) : closedUntil;
    const since = Math.max(q.since ?? -Infinity, this.historyStart);
    return this.inner.candles(symbol, tf, { ...q, until, ...(Number.isFinite(since) ? { since } : {}) });
  }
}
