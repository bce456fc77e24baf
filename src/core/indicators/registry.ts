/**
 * The indicator registry: every definition, collected from the group folders
 * (`<group>/index.ts`; each definition sits in `<group>/<name>.ts` next to its kernel), and the
 * validated entry point used by the API, the CLI and the services.
 */
import { IndicatorError, type IndicatorDef, type Params } from './types.js';
import { cycle } from './cycle/index.js';
import { extras } from './extras/index.js';
import { math } from './math/index.js';
import { momentum } from './momentum/index.js';
import { overlap } from './overlap/index.js';
import { patterns } from './patterns/index.js';
import { price } from './price/index.js';
import { statistic } from './statistic/index.js';
import { volatility } from './volatility/index.js';
import { volume } from './volume/index.js';

const all: readonly IndicatorDef[] = [
  ...overlap, ...cycle, ...momentum, ...volatility, ...volume, ...price, ...statistic, ...math, ...patterns, ...extras,
];

const byName = new Map<string, IndicatorDef>();
for (const def of all) {
  if (byName.has(def.name)) throw new Error(`indicator ${def.name} registered twice`);
  byName.set(def.name, def);
}

export function listIndicators(): readonly IndicatorDef[] {
  return all;
}

export function getIndicator(name: string): IndicatorDef {
  const def = byName.get(name.toUpperCase());
  if (!def) throw new IndicatorError(`unknown indicator "${name}" (see \`sextant indicators list\`)`, 'name');
  return def;
}

/** Accepts `timePeriod` or TA-Lib's `optInTimePeriod`; fills defaults; checks type and range. */
export function resolveParams(def: IndicatorDef, given: Readonly<Record<string, number>> = {}): Params {
  const known = new Map(def.params.map((p) => [p.name.toLowerCase(), p]));
  const out: Record<string, number> = {};
  for (const p of def.params) out[p.name] = p.default;
  for (const [rawKey, value] of Object.entries(given)) {
    const key = rawKey.replace(/^optIn/i, '').toLowerCase();
    const spec = known.get(key);
    if (!spec) {
      const names = def.params.map((p) => p.name).join(', ') || 'none';
      throw new IndicatorError(`${def.name}: unknown parameter "${rawKey}" (parameters: ${names})`, rawKey);
    }
    if (typeof value !== 'number' || Number.isNaN(value)) {
      throw new IndicatorError(`${def.name}: parameter ${spec.name} must be a number`, spec.name);
    }
    if ((spec.type === 'integer' || spec.type === 'maType') && !Number.isInteger(value)) {
      throw new IndicatorError(`${def.name}: parameter ${spec.name} must be an integer`, spec.name);
    }
    if (value < spec.min || value > spec.max) {
      throw new IndicatorError(`${def.name}: parameter ${spec.name} must be in [${spec.min}, ${spec.max}], got ${value}`, spec.name);
    }
    out[spec.name] = value;
  }
  return out;
}

/** Validated entry point used by API, CLI and services. */
export function runIndicator(name: string, inputs: readonly Float64Array[], given?: Readonly<Record<string, number>>): { def: IndicatorDef; params: Params; outputs: Float64Array[] } {
  const def = getIndicator(name);
  const params = resolveParams(def, given);
  if (inputs.length !== def.inputs.length) {
    throw new IndicatorError(`${def.name}: expects ${def.inputs.length} inputs (${def.inputs.join(', ')}), got ${inputs.length}`, 'inputs');
  }
  const n = inputs[0]?.length ?? 0;
  for (let k = 1; k < inputs.length; k++) {
    if (inputs[k]!.length !== n) {
      throw new IndicatorError(`${def.name}: inputs must have equal length (${def.inputs[0]}=${n}, ${def.inputs[k]}=${inputs[k]!.length})`, def.inputs[k]);
    }
  }
  return { def, params, outputs: def.compute(inputs, params) };
}
