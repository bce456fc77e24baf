import type { ClosedTrade, OpenTrade } from '../portfolio/types.js';
import type { RiskRefusal } from '../portfolio/risk.js';

/** What a backtest produced, before metrics. Both the kernel run and the fast path return this. */
export interface RunResult {
  symbols: string[];
  initialCash: number;
  trades: ClosedTrade[];
  /** Lots still open after the last bar (marked at the last close, not counted as trades). */
  open: OpenTrade[];
  /** Equity at each bar close (for many symbols: at each distinct bar time). */
  equity: Float64Array;
  /** Bar open times; the fast path returns the input series' own array (read-only by convention). */
  times: Float64Array;
  commissions: number;
  barsInMarket: number;
  refusals: RiskRefusal[];
  buyHold?: { first: number; last: number };
  /** Bars the strategy needs before it can act (backtesting.py starts buy-and-hold there). */
  warmupBars?: number;
}
