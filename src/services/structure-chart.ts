import { candleCount, sliceCandles } from '../core/series.js';
import type { StructureResult } from '../core/signals/types.js';
import type { CandleChartInput, ChartLevel, ChartMarker } from '../infra/charts/index.js';
import { formatPrice } from '../infra/charts/index.js';
import type { LoadedCandles } from './candles.js';

const SUPPORT = '#1e8e3e';
const RESISTANCE = '#d93025';
const PLAN = { entry: '#1a73e8', stop: '#a50e0e', target: '#188038' };

/**
 * The chart of a structure result: the last `bars` candles up to the described bar, the
 * strongest active levels inside the visible range, the confirmed swings and the plan.
 */
export function structureChartInput(loaded: LoadedCandles, r: StructureResult, opts: { bars?: number; maxLevels?: number } = {}): CandleChartInput {
  const bars = opts.bars ?? 150;
  const end = r.at + 1;
  const start = Math.max(0, end - bars);
  const candles = sliceCandles(loaded.candles, start, end);
  const n = candleCount(candles);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    lo = Math.min(lo, candles.low[i]!);
    hi = Math.max(hi, candles.high[i]!);
  }
  const pad = (hi - lo) * 0.1;
  const visible = (p: number | null): p is number => p !== null && Number.isFinite(p) && p >= lo - pad && p <= hi + pad;

  // Labels sit on the lines: lines closer than this would print on top of each other.
  const minGap = (hi - lo) * 0.035;
  const levels: ChartLevel[] = [];
  const free = (p: number) => levels.every((l) => Math.abs(l.price - p) >= minGap);
  const s = r.signal;
  if (s.direction !== 'neutral' && s.valid) {
    const plan: [number | null, string, string][] = [
      [s.entry1, `entry ${formatPrice(s.entry1 ?? NaN)}–${formatPrice(s.entry2 ?? NaN)}`, PLAN.entry], [s.sl, 'stop', PLAN.stop],
      [s.tp1, 'TP1', PLAN.target], [s.tp2, 'TP2', PLAN.target], [s.tp3, 'TP3', PLAN.target],
    ];
    for (const [price, name, color] of plan) {
      if (visible(price) && free(price)) levels.push({ price, label: name.startsWith('entry') ? name : `${name} ${formatPrice(price)}`, color });
    }
  }
  const strongest = r.levels.filter((l) => l.state === 'active' && visible(l.price)).sort((a, b) => b.strength - a.strength || b.lastTouch - a.lastTouch);
  let shown = 0;
  for (const l of strongest) {
    if (shown >= (opts.maxLevels ?? 6) || !free(l.price)) continue;
    levels.push({ price: l.price, label: `${l.role === 'support' ? 'S' : 'R'} ${formatPrice(l.price)} ×${l.touches}`, color: l.role === 'support' ? SUPPORT : RESISTANCE });
    shown++;
  }
  const markers: ChartMarker[] = r.swings
    .filter((w) => w.index >= start)
    .map((w) => ({
      index: w.index - start,
      price: w.price,
      color: w.kind === 'high' ? RESISTANCE : SUPPORT,
      shape: w.kind === 'high' ? 'triangle-down' : 'triangle-up',
    }));
  const plan = s.direction === 'neutral' ? 'no plan' : `${s.direction} ${s.valid ? 'valid' : 'invalid'}, score ${s.marketScore}${s.confluence.length ? ` (${s.confluence.join(',')})` : ''}`;
  return {
    candles,
    title: `${loaded.symbol} ${loaded.timeframe} — support/resistance, swings and plan`,
    subtitle: `as of ${new Date(s.time).toISOString().slice(0, 16).replace('T', ' ')} UTC · ${plan}`,
    levels,
    markers,
  };
}
