/** Sextant Extras: widely used indicators TA-Lib does not ship (see shared.ts for the contract). */
import type { IndicatorDef } from '../types.js';
import { CMF } from './cmf.js';
import { DONCHIAN } from './donchian.js';
import { HMA } from './hma.js';
import { ICHIMOKU } from './ichimoku.js';
import { KELTNER } from './keltner.js';
import { PIVOTS } from './pivots.js';
import { SUPERTREND } from './supertrend.js';
import { VROC } from './vroc.js';
import { VWAP, VWAP_SESSION } from './vwap.js';

export const extras: readonly IndicatorDef[] = [VWAP, VWAP_SESSION, ICHIMOKU, KELTNER, CMF, VROC, SUPERTREND, DONCHIAN, HMA, PIVOTS];
