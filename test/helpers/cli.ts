import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

const run = promisify(execFile);
// Tests never touch the user's real store unless they say so.
const scratchStore = join(mkdtempSync(join(tmpdir(), 'sextant-cli-store-')), 'store.db');

export const ROOT = join(import.meta.dirname, '..', '..');

/** Runs the CLI from source as a real child process; never throws, returns exit code and output. */
export async function sextant(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, SEXTANT_CONFIG: '', SEXTANT_STORE__SQLITE_PATH: scratchStore, ...env },
      maxBuffer: 64 << 20,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
