/**
 * Small builders for IndicatorDef parameter/output specs, so the family files read as
 * tables of TA-Lib metadata rather than repeated object literals.
 */
import type { OutputSpec, ParamSpec } from './types.js';

/** TA-Lib's bound for "any real" parameters (TA_REAL_MIN/MAX in its metadata). */
export const REAL_BOUND = 3e37;

export function intParam(name: string, def: number, min: number, max: number, description: string): ParamSpec {
  return { name, type: 'integer', default: def, min, max, description };
}

export function realParam(name: string, def: number, min: number, max: number, description: string): ParamSpec {
  return { name, type: 'real', default: def, min, max, description };
}

export function maTypeParam(name = 'maType', def = 0, description = 'Moving-average type (0=SMA 1=EMA 2=WMA 3=DEMA 4=TEMA 5=TRIMA 6=KAMA 7=MAMA 8=T3)'): ParamSpec {
  return { name, type: 'maType', default: def, min: 0, max: 8, description };
}

export function real(...names: string[]): OutputSpec[] {
  return (names.length ? names : ['outReal']).map((name) => ({ name, kind: 'real' as const }));
}

export function integer(...names: string[]): OutputSpec[] {
  return (names.length ? names : ['outInteger']).map((name) => ({ name, kind: 'integer' as const }));
}

/** Params arrive validated and defaulted (resolveParams); this only narrows the type. */
export function p(params: Readonly<Record<string, number>>, name: string): number {
  return params[name]!;
}
