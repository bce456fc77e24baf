/**
 * Compiles every hand-written WebAssembly text module under src/core/indicators/wasm/ (`NAME.wat`)
 * into `NAME.wasm.ts`, which embeds the binary as base64 so that core loads it without I/O and the
 * build needs no wasm tool at run time. The generated files are committed;
 * test/core/indicators/wasm/build.test.ts recompiles every source and fails when a `.wasm.ts` is stale.
 *
 *   npm run build:wasm          (write)
 *   npm run build:wasm -- --check   (exit 1 if a generated file differs)
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileWat, WASM_DIR } from './wat.js';

const check = process.argv.includes('--check');
let stale = 0;
for (const file of readdirSync(WASM_DIR).filter((f) => f.endsWith('.wat')).sort()) {
  const target = join(WASM_DIR, file.replace(/\.wat$/, '.wasm.ts'));
  const text = await compileWat(file, readFileSync(join(WASM_DIR, file), 'utf8'));
  let current = '';
  try { current = readFileSync(target, 'utf8'); } catch { /* first build */ }
  if (current === text) continue;
  stale++;
  if (check) process.stderr.write(`stale: ${target} (run npm run build:wasm)\n`);
  else { writeFileSync(target, text); process.stdout.write(`wrote ${target}\n`); }
}
if (check && stale > 0) process.exit(1);
