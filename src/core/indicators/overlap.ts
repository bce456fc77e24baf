import type { IndicatorDef } from './types.js';

export const definitions: IndicatorDef[] = [];
