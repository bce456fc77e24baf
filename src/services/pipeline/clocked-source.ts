import type { Pair } from '../../core/types.js';
import type { Candles } from '../../core/series.js';
import { type Timeframe, timeframeMs } from '../../core/timeframes.js';
import type { Clock } from '../../kernel/clock.js';
import type { CandleQuery, MarketSource } from '../../sources/market/types.js';

/**
 * Recorded history seen through a clock: only candles that had closed by `clock.now()`
 * exist. The forming candle is withheld because its recorded values are its final
 * values — serving them early would be look-ahead. The replay moves the clock (a
 * SimulatedClock); nothing else can.
 */
export class ClockedSource {
  /** Recorded candles before `historyStart` do not exist for the replay (a shorter history). */
  constructor(readonly inner: MarketSource, private readonly clock: Clock, readonly historyStart = -Infinity) {}

  get id(): string {
    return this.inner.id;
  }

  candles(symbol: Pair, tf: Timeframe, q: CandleQuery = {}): Promise<Candles> {
    // `until` is exclusive: open time + timeframe <= now.
    const closedUntil = this.clock.now() - timeframeMs(tf) + 1;
    const until = q.until !== undefined ? Math.min(q.until, closedUntil) : closedUntil;
    const since = Math.max(q.since ?? -Infinity, this.historyStart);
    return this.inner.candles(symbol, tf, { ...q, until, ...(Number.isFinite(since) ? { since } : {}) });
  }
}
