/** Overlap Studies (TA-Lib group): moving averages, bands and stop-and-reverse, on the price scale. */
import type { IndicatorDef } from '../types.js';
import { ACCBANDS } from './accbands.js';
import { BBANDS } from './bbands.js';
import { DEMA } from './dema.js';
import { EMA } from './ema.js';
import { HT_TRENDLINE } from './ht-trendline.js';
import { KAMA } from './kama.js';
import { MA } from './ma.js';
import { MAMA } from './mama.js';
import { MAVP } from './mavp.js';
import { MIDPOINT } from './midpoint.js';
import { MIDPRICE } from './midprice.js';
import { SAR, SAREXT } from './sar.js';
import { SMA } from './sma.js';
import { T3 } from './t3.js';
import { TEMA } from './tema.js';
import { TRIMA } from './trima.js';
import { WMA } from './wma.js';

export const overlap: readonly IndicatorDef[] = [
  SMA, EMA, WMA, DEMA, TEMA, TRIMA, KAMA, T3, MA, BBANDS, MIDPOINT, MIDPRICE, SAR, SAREXT, MAVP, ACCBANDS,
  HT_TRENDLINE, MAMA,
];
