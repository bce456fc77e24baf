/**
 * PRIMING. V8 (node 20) gives a function its feedback vector only after it has run a while, so
 * on a kernel's first call over a long series the code before the loop (running totals' start,
 * `out.length`, the parameters) runs before the vector exists and records no type feedback; the
 * loop is compiled on-stack mid-call, and the whole-function compile that follows lacks that
 * feedback and deoptimizes at its first statement on the next call ("Insufficient type
 * feedback" at bytecode offset 0 under --trace-deopt), after which calls run the interpreter into
 * the on-stack-replaced loop: 1.3-3x slower on some kernels, and which code a process ends up
 * with varies (node --no-lazy-feedback-allocation removes the difference). So the first time a
 * definition meets a long series, the registry runs it PRIME_RUNS times on the series' first
 * bars (same definition, same parameters, the inputs' prefix, written into arena buffers):
 * outputs are unchanged, and the cost is a few hundred bars.
 */
import type { Arena } from './arena.js';
import type { IndicatorDef, Params } from './types.js';

/** Bars past the warm-up in a priming run: not a multiple of 4, 8 or 16, so unrolled loops run their leftover loop too. */
const PRIME_BARS = 67;
const PRIME_RUNS = 3;
/** Shorter series are not compiled on-stack in one call, so they need no priming. */
const LONG_SERIES = 2048;

const primed = new WeakSet<IndicatorDef>();

/** Primes `def` before its first run over a long series (see above); cheap no-op afterwards. */
export function primeBeforeLongRun(def: IndicatorDef, inputs: readonly Float64Array[], params: Params, outputs: readonly Float64Array[] | undefined, arena: Arena): void {
  const n = inputs[0]?.length ?? 0;
  if (n < LONG_SERIES || primed.has(def)) return;
  primed.add(def);
  const m = def.lookback(params) + PRIME_BARS;
  if (m >= n) return;
  const head = inputs.map((a) => a.subarray(0, m));
  if (def.computeInto && outputs) {
    // Into the arena, not the caller's outputs: an output may be an input (runIndicatorInto('EXP',
    // [x], {}, [x])), whose first cells three priming runs would otherwise compound.
    const mark = arena.mark();
    const outHead = outputs.map(() => arena.take(m));
    for (let k = 0; k < PRIME_RUNS; k++) def.computeInto(head, params, outHead, arena);
    arena.release(mark);
  } else {
    for (let k = 0; k < PRIME_RUNS; k++) def.compute(head, params);
  }
}

/** Whether `def` has been primed in this process (for tests). */
export function isPrimed(def: IndicatorDef): boolean {
  return primed.has(def);
}
