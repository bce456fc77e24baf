/** Volatility Indicators (TA-Lib group): true range and Wilder's average true range. */
import type { IndicatorDef } from '../types.js';
import { ATR } from './atr.js';
import { NATR } from './natr.js';
import { TRANGE } from './trange.js';

export const volatility: readonly IndicatorDef[] = [ATR, NATR, TRANGE];
