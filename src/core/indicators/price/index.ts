/** Price Transform (TA-Lib group): per-bar price blends, plus AVGDEV which TA-Lib 0.6 files here. */
import type { IndicatorDef } from '../types.js';
import { AVGDEV } from './avgdev.js';
import { AVGPRICE } from './avgprice.js';
import { MEDPRICE } from './medprice.js';
import { TYPPRICE } from './typprice.js';
import { WCLPRICE } from './wclprice.js';

export const price: readonly IndicatorDef[] = [AVGPRICE, MEDPRICE, TYPPRICE, WCLPRICE, AVGDEV];
