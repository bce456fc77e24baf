/**
 * The indicator registry: every definition, collected from the group folders
 * (`<group>/index.ts`; each definition sits in `<group>/<name>.ts` next to its kernel), and the
 * validated entry point used by the API, the CLI and the services.
 */
import { uninitializedFloat64 } from './alloc.js';
import { Arena, scratch } from './arena.js';
import { primeBeforeLongRun } from './prime.js';
import { IndicatorError, type BoundKernel, type IndicatorDef, type Params } from './types.js';
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
  const n = checkInputs(def, inputs);
  if (!def.computeInto) {
    primeBeforeLongRun(def, inputs, params, undefined, scratch);
    return { def, params, outputs: def.compute(inputs, params) };
  }
  // computeInto writes every cell, so the fresh outputs need no zeroing (alloc.ts).
  const outputs: Float64Array[] = [];
  for (let k = 0; k < def.outputs.length; k++) outputs.push(uninitializedFloat64(n));
  primeBeforeLongRun(def, inputs, params, outputs, scratch);
  def.computeInto(inputs, params, outputs, scratch);
  return { def, params, outputs };
}

/**
 * Runs a definition into the caller's outputs. Definitions that do not write in place yet are
 * computed the allocating way and copied, so every function is callable this way.
 */
export function computeInto(def: IndicatorDef, inputs: readonly Float64Array[], params: Params, outputs: readonly Float64Array[], arena: Arena): void {
  primeBeforeLongRun(def, inputs, params, outputs, arena);
  if (def.computeInto) {
    def.computeInto(inputs, params, outputs, arena);
    return;
  }
  const r = def.compute(inputs, params);
  for (let k = 0; k < r.length; k++) outputs[k]!.set(r[k]!);
}

/** The inputs' common length, or -1 when they differ (or there are none). */
function sameLength(inputs: readonly Float64Array[]): number {
  if (inputs.length === 0) return -1;
  const n = inputs[0]!.length;
  for (let k = 1; k < inputs.length; k++) if (inputs[k]!.length !== n) return -1;
  return n;
}

function checkInputs(def: IndicatorDef, inputs: readonly Float64Array[]): number {
  if (inputs.length !== def.inputs.length) {
    throw new IndicatorError(`${def.name}: expects ${def.inputs.length} inputs (${def.inputs.join(', ')}), got ${inputs.length}`, 'inputs');
  }
  const n = inputs[0]?.length ?? 0;
  for (let k = 1; k < inputs.length; k++) {
    if (inputs[k]!.length !== n) {
      throw new IndicatorError(`${def.name}: inputs must have equal length (${def.inputs[0]}=${n}, ${def.inputs[k]}=${inputs[k]!.length})`, def.inputs[k]);
    }
  }
  return n;
}

/**
 * Validated entry point with caller-provided outputs (TA-Lib's model): one Float64Array per
 * output, each as long as the inputs; every cell is written (NaN during warm-up).
 */
export function runIndicatorInto(
  name: string, inputs: readonly Float64Array[], given: Readonly<Record<string, number>> | undefined,
  outputs: readonly Float64Array[], arena: Arena = new Arena(),
): { def: IndicatorDef; params: Params } {
  const def = getIndicator(name);
  const params = resolveParams(def, given);
  const n = checkInputs(def, inputs);
  checkOutputs(def, outputs, n);
  computeInto(def, inputs, params, outputs, arena);
  return { def, params };
}

function checkOutputs(def: IndicatorDef, outputs: readonly Float64Array[], n: number): void {
  if (outputs.length !== def.outputs.length) {
    throw new IndicatorError(`${def.name}: expects ${def.outputs.length} outputs (${def.outputs.map((o) => o.name).join(', ')}), got ${outputs.length}`, 'outputs');
  }
  for (let k = 0; k < outputs.length; k++) {
    if (outputs[k]!.length !== n) throw new IndicatorError(`${def.name}: output ${def.outputs[k]!.name} must have the inputs' length ${n}, got ${outputs[k]!.length}`, 'outputs');
  }
}

/** A definition with its parameters validated and bound once, for repeated runs. */
export interface PreparedIndicator {
  readonly def: IndicatorDef;
  readonly params: Params;
  readonly lookback: number;
  /** `computeInto` with these params (the definition's `bind`, or a call through `computeInto`). */
  readonly kernel: BoundKernel;
  /**
   * `def.inputs.length` and `def.outputs.length`, read here by `IndicatorRunner.run`: prepared
   * objects share one shape, definitions do not (spread builders, literals), so reading the
   * definition in a request's loop over ten indicators is a megamorphic property load per read.
   */
  readonly inputCount: number;
  readonly outputCount: number;
}

export function prepareIndicator(name: string, given?: Readonly<Record<string, number>>): PreparedIndicator {
  const def = getIndicator(name);
  const params = resolveParams(def, given);
  const kernel: BoundKernel = def.bind
    ? def.bind(params)
    : (inputs, outputs, arena) => computeInto(def, inputs, params, outputs, arena);
  return { def, params, lookback: def.lookback(params), kernel, inputCount: def.inputs.length, outputCount: def.outputs.length };
}

/**
 * Runs indicators into buffers it owns and reuses: one list of outputs per call position in the
 * request (the k-th `run` after `begin()` gets the k-th list back, reallocated only when its shape
 * changes), temporaries from `scratch`. A service computing the same indicators per request on
 * same-length series allocates nothing after its first request:
 *
 *   const rsi = prepareIndicator('RSI', { timePeriod: 14 });
 *   runner.begin();                          // outputs of the previous request are reused from here
 *   const [out] = runner.run(rsi, [close]);  // valid until the next begin()
 */
export class IndicatorRunner {
  readonly scratch = new Arena();
  private readonly lists: Float64Array[][] = [];
  private used = 0;

  begin(): void {
    this.used = 0;
  }

  run(prepared: PreparedIndicator, inputs: readonly Float64Array[]): Float64Array[] {
    let n = inputs.length === prepared.inputCount ? sameLength(inputs) : -1;
    if (n < 0) n = checkInputs(prepared.def, inputs); // throws the detailed error, if any
    const k = prepared.outputCount;
    const at = this.used++;
    let list = this.lists[at];
    if (list === undefined || list.length !== k || list[0]!.length !== n) {
      list = [];
      for (let j = 0; j < k; j++) list.push(new Float64Array(n));
      this.lists[at] = list;
    }
    const m = this.scratch.mark();
    prepared.kernel(inputs, list, this.scratch);
    this.scratch.release(m);
    return list;
  }
}
