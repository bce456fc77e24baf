/** Momentum Indicators (TA-Lib group): oscillators, Wilder's directional system, MA-based composites. */
import type { IndicatorDef } from '../types.js';
import { ADX, ADXR } from './adx.js';
import { APO } from './apo.js';
import { AROON, AROONOSC } from './aroon.js';
import { BOP } from './bop.js';
import { CCI } from './cci.js';
import { CMO } from './cmo.js';
import { DX, MINUS_DI, PLUS_DI } from './directional-index.js';
import { MINUS_DM, PLUS_DM } from './directional-movement.js';
import { IMI } from './imi.js';
import { MACD, MACDFIX } from './macd.js';
import { MACDEXT } from './macdext.js';
import { MFI } from './mfi.js';
import { MOM } from './mom.js';
import { PPO } from './ppo.js';
import { ROC, ROCP, ROCR, ROCR100 } from './roc.js';
import { RSI } from './rsi.js';
import { STOCH } from './stoch.js';
import { STOCHF } from './stochf.js';
import { STOCHRSI } from './stochrsi.js';
import { TRIX } from './trix.js';
import { ULTOSC } from './ultosc.js';
import { WILLR } from './willr.js';

export const momentum: readonly IndicatorDef[] = [
  APO, PPO, MACD, MACDEXT, MACDFIX, STOCH, STOCHF, STOCHRSI, TRIX,
  ADX, ADXR, AROON, AROONOSC, BOP, CCI, CMO, DX, IMI, MFI, MINUS_DI, MINUS_DM, MOM, PLUS_DI, PLUS_DM,
  ROC, ROCP, ROCR, ROCR100, RSI, ULTOSC, WILLR,
];
