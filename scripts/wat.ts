/** WAT -> the text of the generated `.wasm.ts` module (shared by the build script and its staleness test). */
import { join } from 'node:path';
import wabtInit from 'wabt';

export const WASM_DIR = join(import.meta.dirname, '..', 'src', 'core', 'indicators', 'wasm');

export async function compileWat(fileName: string, source: string): Promise<string> {
  const wabt = await wabtInit();
  const mod = wabt.parseWat(fileName, source, { simd: true, threads: true });
  try {
    // No mod.validate(): wabt.js's validator ignores the feature flags (it rejects shared memories);
    // V8 validates the module when a kernel instantiates it, which every kernel's tests do.
    mod.resolveNames();
    const { buffer } = mod.toBinary({ log: false, write_debug_names: false });
    const base64 = Buffer.from(buffer).toString('base64');
    return `// Generated from ${fileName} by \`npm run build:wasm\` (scripts/build-wasm.ts): do not edit.\n`
      + `export const WASM_BASE64 =\n  '${base64}';\n`;
  } finally {
    mod.destroy();
  }
}
