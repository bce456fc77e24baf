import type { ClosedTrade } from '../portfolio/types.js';

const DAY_MS = 86_400_000;
/** Crypto trades every day of the year: annualisation uses 365 days, not 252. */
export const CRYPTO_DAYS_PER_YEAR = 365;

export interface MetricsInput {
  /** Equity marked at each bar's close. */
  equity: Float64Array;
  /** Bar open times (ms UTC), same length. */
  times: Float64Array;
  trades: readonly ClosedTrade[];
  initialCash: number;
  /** Fees paid in total, including the entry fee of a position still open. */
  commissions: number;
  /** Bars during which some position was held at the close (Sextant's exposure). */
  barsInMarket: number;
  /** First and last close of the traded asset (single asset) for buy and hold; NaN when not meaningful. */
  buyHold?: { first: number; last: number };
  /** backtesting.py measures buy and hold from the first bar where every indicator is defined. */
  warmupBars?: number;
  /** Closes of the single traded asset, for backtesting.py's buy and hold after warm-up. */
  closes?: ArrayLike<number>;
}

/**
 * Sextant's metrics. Conventions (documented in the README):
 * - returns in percent; `maxDrawdownPct` ≤ 0, on the equity marked at every close;
 * - annualised return = (final/initial)^(365 days / span) − 1, span = first to last bar time;
 * - Sharpe and Sortino use daily returns (equity at the last bar of each UTC day), risk-free 0,
 *   mean / stdev (n−1) × √365; Sortino's denominator is √(mean(min(r,0)²)) × √365;
 * - Calmar = annualised return / |max drawdown|;
 * - profit factor = gross profit / gross loss in currency; expectancy = mean trade PnL in currency;
 * - exposure = share of bars that ended with a position held;
 * - best/worst/average trade from trade returns in percent (arithmetic mean).
 */
export interface Metrics {
  initialCash: number;
  finalEquity: number;
  totalReturnPct: number;
  annualReturnPct: number;
  maxDrawdownPct: number;
  sharpe: number;
  sortino: number;
  calmar: number;
  winRatePct: number;
  profitFactor: number;
  expectancy: number;
  exposurePct: number;
  trades: number;
  bestTradePct: number;
  worstTradePct: number;
  avgTradePct: number;
  commissions: number;
  buyHoldReturnPct: number;
}

/** The same run measured by backtesting.py's definitions (its stat names), for comparison with it. */
export interface BacktestingPyStats {
  'Equity Final [$]': number;
  'Equity Peak [$]': number;
  'Return [%]': number;
  'Buy & Hold Return [%]': number;
  'Return (Ann.) [%]': number;
  'Volatility (Ann.) [%]': number;
  'Sharpe Ratio': number;
  'Sortino Ratio': number;
  'Calmar Ratio': number;
  'Max. Drawdown [%]': number;
  'Avg. Drawdown [%]': number;
  '# Trades': number;
  'Win Rate [%]': number;
  'Best Trade [%]': number;
  'Worst Trade [%]': number;
  'Avg. Trade [%]': number;
  'Profit Factor': number;
  'Expectancy [%]': number;
  'Exposure Time [%]': number;
  'Commissions [$]': number;
}

export function maxDrawdown(equity: ArrayLike<number>): number {
  let peak = -Infinity;
  let worst = 0;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i]!;
    if (e > peak) peak = e;
    const dd = 1 - e / peak;
    if (dd > worst) worst = dd;
  }
  return worst;
}

/** Equity at the last bar of each UTC day, in day order (days without bars are skipped). */
export function dailyCloses(equity: ArrayLike<number>, times: ArrayLike<number>): number[] {
  const out: number[] = [];
  let day = NaN;
  for (let i = 0; i < equity.length; i++) {
    const d = Math.floor(times[i]! / DAY_MS);
    if (d === day) out[out.length - 1] = equity[i]!;
    else {
      out.push(equity[i]!);
      day = d;
    }
  }
  return out;
}

function pctChanges(xs: readonly number[]): number[] {
  const r: number[] = [];
  for (let i = 1; i < xs.length; i++) r.push(xs[i]! / xs[i - 1]! - 1);
  return r;
}

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
function variance(xs: readonly number[]): number {
  if (xs.length < 2) return NaN;
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) * (x - m);
  return s / (xs.length - 1);
}

export function computeMetrics(m: MetricsInput): Metrics {
  const n = m.equity.length;
  const final = n ? m.equity[n - 1]! : m.initialCash;
  const total = final / m.initialCash - 1;
  const spanDays = n > 1 ? (m.times[n - 1]! - m.times[0]!) / DAY_MS : 0;
  const annual = spanDays > 0 && final > 0 ? Math.pow(final / m.initialCash, CRYPTO_DAYS_PER_YEAR / spanDays) - 1 : NaN;
  const mdd = maxDrawdown(m.equity);
  const daily = pctChanges(dailyCloses(m.equity, m.times));
  const sd = Math.sqrt(variance(daily));
  const down = Math.sqrt(mean(daily.map((r) => (r < 0 ? r * r : 0))));
  const ann = Math.sqrt(CRYPTO_DAYS_PER_YEAR);
  const wins = m.trades.filter((t) => t.pnl > 0);
  const grossProfit = wins.reduce((a, t) => a + t.pnl, 0);
  const grossLoss = -m.trades.filter((t) => t.pnl < 0).reduce((a, t) => a + t.pnl, 0);
  const rets = m.trades.map((t) => t.returnPct);
  return {
    initialCash: m.initialCash,
    finalEquity: final,
    totalReturnPct: total * 100,
    annualReturnPct: annual * 100,
    maxDrawdownPct: -mdd * 100,
    sharpe: sd > 0 ? (mean(daily) / sd) * ann : NaN,
    sortino: down > 0 ? (mean(daily) / down) * ann : NaN,
    calmar: mdd > 0 ? annual / mdd : NaN,
    winRatePct: m.trades.length ? (wins.length / m.trades.length) * 100 : NaN,
    profitFactor: grossLoss > 0 ? grossProfit / grossLoss : grossProfit > 0 ? Infinity : NaN,
    expectancy: m.trades.length ? (grossProfit - grossLoss) / m.trades.length : NaN,
    exposurePct: n ? (m.barsInMarket / n) * 100 : 0,
    trades: m.trades.length,
    bestTradePct: rets.length ? Math.max(...rets) : NaN,
    worstTradePct: rets.length ? Math.min(...rets) : NaN,
    avgTradePct: mean(rets),
    commissions: m.commissions,
    buyHoldReturnPct: m.buyHold ? (m.buyHold.last / m.buyHold.first - 1) * 100 : NaN,
  };
}

/** backtesting.py's geometric mean: any return ≤ −100% gives 0. */
function geometricMean(returns: readonly number[]): number {
  let s = 0;
  for (const r of returns) {
    const x = r + 1;
    if (x <= 0) return 0;
    s += Math.log(x);
  }
  return returns.length ? Math.exp(s / returns.length) - 1 : NaN;
}

/**
 * backtesting.py 0.6's compute_stats, re-derived from its public source: daily equity
 * (resample('D').last()), its geometric-mean annualisation with 365 days when weekends
 * trade (252 otherwise), profit factor as a ratio of summed trade returns in percent,
 * exposure counting each closed trade's bars from entry to exit inclusive, commissions
 * of closed trades.
 */
export function backtestingPyStats(m: MetricsInput): BacktestingPyStats {
  const n = m.equity.length;
  const eq = m.equity;
  const final = n ? eq[n - 1]! : m.initialCash;
  let peak = -Infinity;
  for (let i = 0; i < n; i++) if (eq[i]! > peak) peak = eq[i]!;
  let weekend = 0;
  for (let i = 0; i < n; i++) {
    // 1970-01-01 was a Thursday (4); Saturday = 6, Sunday = 0.
    const wd = (Math.floor(m.times[i]! / DAY_MS) + 4) % 7;
    if (wd === 0 || wd === 6) weekend++;
  }
  const yearDays = n && weekend / n > (2 / 7) * 0.6 ? 365 : 252;
  const valid = pctChanges(dailyCloses(eq, m.times));
  const g = geometricMean(valid);
  const annual = Math.pow(1 + g, yearDays) - 1;
  const v = variance(valid);
  const vol = Math.sqrt(Math.pow(v + (1 + g) * (1 + g), yearDays) - Math.pow(1 + g, 2 * yearDays));
  const downside = Math.sqrt(mean(valid.map((r) => (r < 0 ? r * r : 0)))) * Math.sqrt(yearDays);
  const mdd = maxDrawdown(eq);
  const rets = m.trades.map((t) => t.returnPct / 100);
  const pos = rets.filter((r) => r > 0).reduce((a, b) => a + b, 0);
  const neg = rets.filter((r) => r < 0).reduce((a, b) => a + b, 0);
  const held = new Uint8Array(n);
  for (const t of m.trades) held.fill(1, t.entryBar, t.exitBar + 1);
  let heldBars = 0;
  for (let i = 0; i < n; i++) heldBars += held[i]!;
  return {
    'Equity Final [$]': final,
    'Equity Peak [$]': peak,
    'Return [%]': ((final - m.initialCash) / m.initialCash) * 100,
    'Buy & Hold Return [%]': bh(m),
    'Return (Ann.) [%]': annual * 100,
    'Volatility (Ann.) [%]': vol * 100,
    'Sharpe Ratio': vol ? annual / vol : NaN,
    'Sortino Ratio': annual / downside,
    'Calmar Ratio': mdd ? annual / mdd : NaN,
    'Max. Drawdown [%]': -mdd * 100,
    'Avg. Drawdown [%]': -avgDrawdown(eq) * 100,
    '# Trades': m.trades.length,
    'Win Rate [%]': m.trades.length ? (m.trades.filter((t) => t.pnl > 0).length / m.trades.length) * 100 : NaN,
    'Best Trade [%]': rets.length ? Math.max(...rets) * 100 : NaN,
    'Worst Trade [%]': rets.length ? Math.min(...rets) * 100 : NaN,
    'Avg. Trade [%]': geometricMean(rets) * 100,
    'Profit Factor': neg ? pos / Math.abs(neg) : NaN,
    'Expectancy [%]': mean(rets) * 100,
    'Exposure Time [%]': n ? (heldBars / n) * 100 : 0,
    'Commissions [$]': m.trades.reduce((a, t) => a + t.commission, 0),
  };
}

function bh(m: MetricsInput): number {
  const c = m.closes;
  if (!c || !c.length) return NaN;
  const first = c[Math.min(m.warmupBars ?? 0, c.length - 1)]!;
  return ((c[c.length - 1]! - first) / first) * 100;
}

/**
 * backtesting.py's average drawdown: the equity's drawdown series is cut at every bar
 * where it is 0 (a new peak) and at the last bar; each stretch longer than one bar
 * contributes its deepest point; the result is their mean.
 */
export function avgDrawdown(equity: ArrayLike<number>): number {
  const n = equity.length;
  const dd = new Float64Array(n);
  let peak = -Infinity;
  for (let i = 0; i < n; i++) {
    peak = Math.max(peak, equity[i]!);
    dd[i] = 1 - equity[i]! / peak;
  }
  const cuts: number[] = [];
  for (let i = 0; i < n; i++) if (dd[i] === 0) cuts.push(i);
  if (n && cuts[cuts.length - 1] !== n - 1) cuts.push(n - 1);
  let sum = 0;
  let count = 0;
  for (let k = 1; k < cuts.length; k++) {
    const a = cuts[k - 1]!;
    const b = cuts[k]!;
    if (b <= a + 1) continue;
    let worst = 0;
    for (let i = a; i <= b; i++) if (dd[i]! > worst) worst = dd[i]!;
    sum += worst;
    count++;
  }
  return count ? sum / count : NaN;
}
