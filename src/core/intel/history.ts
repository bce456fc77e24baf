import { type Candles, candleCount } from '../series.js';
import { runIndicator } from '../indicators/registry.js';
import { resolveStructureConfig } from '../signals/config.js';
import { StructureWalk } from '../signals/walk.js';
import type { RuleBar } from './backtest.js';
import type { TechnicalDirection } from './coordinator.js';

/**
 * What stands in for data Sextant has no history of. Bundled candles carry no on-chain
 * flows, so the whale score is replaced by *volume accumulation*: Chaikin Money Flow over
 * 20 bars × 100 (−100 … +100: volume closing near the highs vs near the lows). When no
 * Fear & Greed history is at hand, the crowd's mood is replaced by RSI(14) of closes
 * (0–100; alternative.me's own index weighs momentum and volatility for half).
 */
export const WHALE_PROXY = 'volume accumulation: Chaikin Money Flow(20) x 100 of the pair\'s candles';
export const FEAR_GREED_PROXY = 'RSI(14) of closes (0-100) in place of the Fear & Greed index';

/** Technical direction at every bar, as `computeSignal` reports it at that bar's close. */
export function technicalDirections(c: Candles): (TechnicalDirection | null)[] {
  const n = candleCount(c);
  const cfg = resolveStructureConfig({});
  const rsi = runIndicator('RSI', [c.close], { timePeriod: cfg.rsiPeriod }).outputs[0]!;
  const atr = runIndicator('ATR', [c.high, c.low, c.close], { timePeriod: cfg.atrPeriod }).outputs[0]!;
  const tol = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += c.high[i]! - c.low[i]!;
    tol[i] = Number.isFinite(atr[i]!) ? atr[i]! : sum / (i + 1);
  }
  const walk = new StructureWalk(c, cfg, rsi, tol);
  const out: (TechnicalDirection | null)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    walk.step(i);
    out[i] = walk.leg ? walk.evaluate(i, false).plan.direction : 'neutral';
  }
  return out;
}

export function volumeAccumulation(c: Candles): Float64Array {
  const cmf = runIndicator('CMF', [c.high, c.low, c.close, c.volume], { timePeriod: 20 }).outputs[0]!;
  return cmf.map((v) => Math.max(-100, Math.min(100, v * 100)));
}

/** Daily Fear & Greed values by UTC day start (ms). */
export type FearGreedHistory = ReadonlyMap<number, number>;

const DAY = 86_400_000;

/**
 * Rule inputs per bar. A day's index is published at that day's 00:00 UTC, so a bar may
 * use the value of the day its close falls in only when the close is after that instant;
 * it uses the latest day strictly before its close.
 */
export function ruleBars(c: Candles, timeframeMs: number, fearGreed: FearGreedHistory | null): { bars: RuleBar[]; whaleProxy: string; fearGreedSource: string } {
  const n = candleCount(c);
  const tech = technicalDirections(c);
  const whale = volumeAccumulation(c);
  const rsi = fearGreed ? null : runIndicator('RSI', [c.close], { timePeriod: 14 }).outputs[0]!;
  const bars: RuleBar[] = [];
  for (let i = 0; i < n; i++) {
    const close = c.time[i]! + timeframeMs;
    let fg: number | null;
    if (fearGreed) {
      const day = Math.floor((close - 1) / DAY) * DAY;
      fg = fearGreed.get(day) ?? fearGreed.get(day - DAY) ?? null;
    } else {
      const r = rsi![i]!;
      fg = Number.isFinite(r) ? r : null;
    }
    const w = whale[i]!;
    bars.push({ time: c.time[i]!, close: c.close[i]!, whale: Number.isFinite(w) ? w : null, fearGreed: fg, technical: tech[i]! });
  }
  return { bars, whaleProxy: WHALE_PROXY, fearGreedSource: fearGreed ? 'Fear & Greed history' : FEAR_GREED_PROXY };
}
