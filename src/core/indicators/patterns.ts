/**
 * TA-Lib's 61 candlestick pattern functions (CDL*), reproduced exactly (TA-Lib 0.6 semantics):
 * outputs are integers, 100 bullish / -100 bearish / 0 none (±80 for TA-Lib's weaker engulfing
 * and harami, ±200 for hikkake confirmations). See patterns/candle-settings.ts.
 */
import type { IndicatorDef } from './types.js';
import { singleCandlePatterns } from './patterns/single.js';
import { twoCandlePatterns } from './patterns/two.js';
import { threeCandlePatterns } from './patterns/three.js';
import { multiCandlePatterns } from './patterns/multi.js';

export { CandleSettings } from './patterns/candle-settings.js';

export const definitions: IndicatorDef[] = [
  ...singleCandlePatterns,
  ...twoCandlePatterns,
  ...threeCandlePatterns,
  ...multiCandlePatterns,
].sort((a, b) => a.name.localeCompare(b.name));
