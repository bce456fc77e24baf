/** Statistic Functions (TA-Lib group): rolling variance/deviation, correlation, beta, linear regression. */
import type { IndicatorDef } from '../types.js';
import { BETA } from './beta.js';
import { CORREL } from './correl.js';
import { LINEARREG, LINEARREG_ANGLE, LINEARREG_INTERCEPT, LINEARREG_SLOPE, TSF } from './linearreg.js';
import { STDDEV } from './stddev.js';
import { VAR } from './var.js';

export const statistic: readonly IndicatorDef[] = [
  BETA, CORREL, LINEARREG, LINEARREG_SLOPE, LINEARREG_ANGLE, LINEARREG_INTERCEPT, TSF, STDDEV, VAR,
];
