import { InputError } from '../../../errors.js';
import type { Strategy } from '../../../kernel/ports.js';

export interface ParamSpec {
  default: number;
  min: number;
  max: number;
  integer?: boolean;
  doc: string;
}

export type Params = Record<string, number>;

/** A built-in strategy: its parameters with their ranges, and a factory. */
export interface StrategyDef {
  name: string;
  description: string;
  params: Record<string, ParamSpec>;
  /** Any numeric k=v is accepted (user factories that declare no parameters). */
  freeParams?: boolean;
  /** Extra rule across parameters (e.g. fast < slow); returns the problem or undefined. */
  check?(p: Params): string | undefined;
  create(p: Params): Strategy & { warmupBars?: number };
}

/** Parameters from `k=v` pairs (or an object), defaults filled, every name and range checked. */
export function resolveParams(def: StrategyDef, given: Record<string, string | number> = {}): Params {
  const out: Params = {};
  for (const [k, v] of Object.entries(given)) {
    const spec = def.params[k] ?? (def.freeParams ? { default: NaN, min: -Infinity, max: Infinity, doc: '' } : undefined);
    if (!spec) throw new InputError(`strategy ${def.name} has no parameter "${k}" (known: ${Object.keys(def.params).join(', ') || 'none'})`, 'param');
    const n = typeof v === 'number' ? v : Number(v);
    if (!Number.isFinite(n) || (spec.integer && !Number.isInteger(n)) || n < spec.min || n > spec.max) {
      throw new InputError(`parameter ${k} of ${def.name} must be ${spec.integer ? 'an integer' : 'a number'} in [${spec.min}, ${spec.max}], got "${v}"`, 'param');
    }
    out[k] = n;
  }
  for (const [k, spec] of Object.entries(def.params)) out[k] ??= spec.default;
  if (def.freeParams) for (const k of Object.keys(out)) if (Number.isNaN(out[k])) delete out[k];
  const problem = def.check?.(out);
  if (problem) throw new InputError(`strategy ${def.name}: ${problem}`, 'param');
  return out;
}

/** `fast=10 slow=30` (or repeated --param values) to an object; a malformed pair names itself. */
export function parseParamArgs(args: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of args) {
    for (const part of a.split(/[\s,]+/).filter(Boolean)) {
      const m = /^([A-Za-z][\w-]*)=(.+)$/.exec(part);
      if (!m) throw new InputError(`--param "${part}" is not k=v`, 'param');
      out[m[1]!] = m[2]!;
    }
  }
  return out;
}
