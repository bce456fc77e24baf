/** Volume Indicators (TA-Lib group): Chaikin A/D, its oscillator, on-balance volume. */
import type { IndicatorDef } from '../types.js';
import { AD } from './ad.js';
import { ADOSC } from './adosc.js';
import { OBV } from './obv.js';

export const volume: readonly IndicatorDef[] = [AD, ADOSC, OBV];
