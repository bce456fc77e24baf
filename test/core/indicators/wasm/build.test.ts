import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { instantiate, newMemory, wasmAvailable } from '../../../../src/core/indicators/wasm/load.js';
import { candlesWat } from '../../../../scripts/candles-wat.js';
import { compileWat, WASM_DIR } from '../../../../scripts/wat.js';

describe('embedded wasm modules', () => {
  const files = readdirSync(WASM_DIR);

  it('every generated module matches its .wat source (npm run build:wasm)', async () => {
    for (const wat of files.filter((f) => f.endsWith('.wat'))) {
      const generated = join(WASM_DIR, wat.replace(/\.wat$/, '.wasm.ts'));
      expect(readFileSync(generated, 'utf8'), generated).toBe(await compileWat(wat, readFileSync(join(WASM_DIR, wat), 'utf8')));
    }
  });

  it('candles.wat is its generator\'s output (scripts/candles-wat.ts)', () => {
    // A hand edit of the .wat would be lost at the next regeneration: the generator is the source.
    const committed = readFileSync(join(WASM_DIR, 'candles.wat'), 'utf8');
    expect(committed,
      'candles.wat differs from scripts/candles-wat.ts\'s output: edit scripts/candles-wat.ts (not the .wat) and run npm run build:wasm')
      .toBe(candlesWat());
  });

  it('every generated module has its source', () => {
    for (const g of files.filter((f) => f.endsWith('.wasm.ts'))) expect(files, g).toContain(g.replace(/\.wasm\.ts$/, '.wat'));
  });
});

describe('instantiate', () => {
  it('runs a module from its base64 text, SIMD included, on an imported shared memory', async () => {
    expect(wasmAvailable).toBe(true);
    const text = await compileWat('t.wat', `(module
      (import "env" "mem" (memory 1 4 shared))
      (func (export "add2") (param $a i32) (param $b i32) (param $o i32)
        (v128.store (local.get $o) (f64x2.add (v128.load (local.get $a)) (v128.load (local.get $b))))))`);
    const base64 = /'([^']+)'/.exec(text)![1]!;
    const mem = newMemory(1, 4, true)!;
    const exports = instantiate(base64, { env: { mem } })!;
    const f = new Float64Array(mem.buffer, 0, 6);
    f.set([1.5, -2, 0.25, 4]);
    (exports['add2'] as (a: number, b: number, o: number) => void)(0, 16, 32);
    expect([f[4], f[5]]).toEqual([1.75, 2]);
    // A shared memory grows in place: views made before keep working.
    mem.grow(1);
    expect(f[4]).toBe(1.75);
    expect(mem.buffer.byteLength).toBe(2 * 65536);
  });

  it('gives undefined for bytes that are not a module, so callers fall back to JavaScript', () => {
    expect(instantiate(btoa('not wasm'))).toBeUndefined();
  });
});
