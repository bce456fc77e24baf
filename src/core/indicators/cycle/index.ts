/** Cycle Indicators (TA-Lib group): Ehlers' Hilbert-transform cycle measures. */
import type { IndicatorDef } from '../types.js';
import { HT_DCPERIOD } from './ht-dcperiod.js';
import { HT_DCPHASE } from './ht-dcphase.js';
import { HT_PHASOR } from './ht-phasor.js';
import { HT_SINE } from './ht-sine.js';
import { HT_TRENDMODE } from './ht-trendmode.js';

export const cycle: readonly IndicatorDef[] = [HT_DCPERIOD, HT_DCPHASE, HT_PHASOR, HT_SINE, HT_TRENDMODE];
