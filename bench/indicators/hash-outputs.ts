/**
 * Bit-identity check for kernel work: hashes every output of every registered indicator on the
 * bundled real candles (all USDT daily pairs, concatenated), with default parameters, every MA type
 * where a function takes one, and a short period where it takes `timePeriod`. Run it before and
 * after a kernel change and diff the two files: any changed bit (NaN payloads aside, which are
 * folded into one) shows as a changed line.
 *
 *   node --import tsx bench/indicators/hash-outputs.ts [--reuse | --heap] > bench/out/hashes.txt
 *
 * --reuse computes through the caller-provided-output path (`computeInto`) into buffers filled
 * with garbage first, and runs it twice per case, so a kernel that skips a cell shows here too.
 * --heap does the same with inputs and outputs in the series heap (heap.ts), where the WebAssembly
 * kernels run (the other modes run the JavaScript kernels, except the extremes and libm ones, which
 * copy): its output must equal --reuse's line for line.
 */
import { createHash } from 'node:crypto';
import { Arena } from '../../src/core/indicators/arena.js';
import { seriesHeap } from '../../src/core/indicators/heap.js';
import { candleKernelRuns } from '../../src/core/indicators/wasm/candles.js';
import { sarWasmRuns } from '../../src/core/indicators/wasm/sar.js';
import { statsWasmDone } from '../../src/core/indicators/wasm/stats.js';
import { t3WasmRuns } from '../../src/core/indicators/wasm/t3.js';
import { listIndicators, resolveParams, runIndicator, runIndicatorInto } from '../../src/core/indicators/registry.js';
import type { IndicatorDef, InputName } from '../../src/core/indicators/types.js';
import { bundledUsdtDaily } from '../../test/helpers/bundled-candles.js';

const heap = process.argv.includes('--heap');
const reuse = heap || process.argv.includes('--reuse');
const all = await bundledUsdtDaily();
const n = all.close.length;
// In --heap mode every series gets its own heap block, as a caller of the heap would hold them.
const place = (a: Float64Array): Float64Array => {
  if (!heap) return a;
  const h = seriesHeap.alloc(a.length);
  h.set(a);
  return h;
};
const d = { open: place(all.open), high: place(all.high), low: place(all.low), close: place(all.close), volume: place(all.volume), time: place(all.time) };
const periods = place(new Float64Array(n));
for (let i = 0; i < n; i++) {
  const r = d.high[i]! - d.low[i]!;
  periods[i] = r > 0 ? 2 + Math.floor(28 * (d.close[i]! - d.low[i]!) / r) : 2;
}
const pick: Record<InputName, Float64Array> = {
  open: d.open, high: d.high, low: d.low, close: d.close, volume: d.volume, real: d.close, real0: d.high, real1: d.low, periods,
};
const inputsOf = (def: IndicatorDef): Float64Array[] =>
  def.name === 'VWAP_SESSION' ? [d.high, d.low, d.close, d.volume, d.time] : def.inputs.map((k) => pick[k]);

function cases(def: IndicatorDef): Record<string, number>[] {
  const out: Record<string, number>[] = [{}];
  for (const p of def.params) {
    if (p.type === 'maType') for (let t = 0; t <= 8; t++) if (t !== p.default) out.push({ [p.name]: t });
    if (p.name === 'timePeriod' && p.min <= 5 && p.default !== 5) out.push({ timePeriod: 5 });
  }
  return out;
}

function hash(a: Float64Array): string {
  const h = createHash('sha256');
  // NaN payloads differ by how a NaN arose (0/0 vs a NaN literal) and carry no value: fold them.
  const copy = new Float64Array(a);
  for (let i = 0; i < copy.length; i++) if (copy[i] !== copy[i]) copy[i] = NaN;
  h.update(new Uint8Array(copy.buffer));
  return h.digest('hex').slice(0, 16);
}

const arena = new Arena();
process.stderr.write(`${n} candles from ${all.pairs} pairs, mode ${heap ? 'heap' : reuse ? 'reuse' : 'default'}\n`);
for (const def of listIndicators()) {
  for (const given of cases(def)) {
    const label = `${def.name} ${JSON.stringify(resolveParams(def, given))}`;
    let outs: Float64Array[];
    if (reuse) {
      const bufs = def.outputs.map(() => (heap ? seriesHeap.alloc(n) : new Float64Array(n)).fill(12345.678));
      runIndicatorInto(def.name, inputsOf(def), given, bufs, arena);
      for (const b of bufs) b.fill(-9.5e300);
      runIndicatorInto(def.name, inputsOf(def), given, bufs, arena);
      outs = bufs;
    } else {
      outs = runIndicator(def.name, inputsOf(def), given).outputs;
    }
    process.stdout.write(`${label} ${outs.map(hash).join(' ')}\n`);
    if (heap) for (const b of outs) seriesHeap.free(b);
  }
}
// Shows that --heap reached the heap-only kernels (a run that fell back everywhere would match trivially).
if (heap) process.stderr.write(`heap-only wasm calls: candles ${candleKernelRuns()}, SAR ${sarWasmRuns()}, stats ${statsWasmDone()}, T3 ${t3WasmRuns()}\n`);
