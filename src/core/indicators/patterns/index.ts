/**
 * TA-Lib's 61 candlestick pattern functions (CDL*), reproduced exactly (TA-Lib 0.6 semantics):
 * outputs are integers, 100 bullish / -100 bearish / 0 none (±80 for TA-Lib's weaker engulfing
 * and harami, ±200 for hikkake confirmations). See patterns/candle-settings.ts.
 */
import type { IndicatorDef } from '../types.js';
import { singleCandlePatterns } from './single.js';
import { twoCandlePatterns } from './two.js';
import { threeCandlePatterns } from './three.js';
import { multiCandlePatterns } from './multi.js';

export { CandleSettings } from './candle-settings.js';

export const patterns: readonly IndicatorDef[] = [
  ...singleCandlePatterns,
  ...twoCandlePatterns,
  ...threeCandlePatterns,
  ...multiCandlePatterns,
].sort((a, b) => a.name.localeCompare(b.name));
