import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { candleCount } from '../../../src/core/series.js';
import { SqliteStore } from '../../../src/infra/store/sqlite.js';
import { endToEnd } from './real-data.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'sextant-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));


/** Runs the writer, and SIGKILLs it `delayMs` after it announces transaction `killDuring`. */
function runAndKill(path: string, killDuring: number, delayMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join('test', 'infra', 'store', 'crash-writer.ts'), path], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let armed = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (!armed && out.split('\n').includes(`begin ${killDuring}`)) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited (${code ?? signal}) before it was killed: ${err}`));
      else resolve(out.split('\n').filter(Boolean));
    });
  });
}

describe('sqlite crash safety', () => {
  it('a writer SIGKILLed mid-transaction leaves a clean file with only whole transactions', async () => {
    const path = join(dir, 'crash.db');
    const n = candleCount(endToEnd([2021, 2022, 2023], 60_000));
    // Transaction 3 takes 100+ ms; by 30 ms in, the writer (with a small page cache) has
    // spilled uncommitted frames into the WAL: exactly what recovery must ignore.
    const lines = await runAndKill(path, 3, 30);
    expect(lines[0]).toBe(`ready ${n}`);
    expect(lines).toContain('commit 2');
    const killedMidTransaction = !lines.includes('commit 3');
    expect(killedMidTransaction, lines.join(' | ')).toBe(true);

    const store = new SqliteStore({ path });
    try {
      expect(store.integrityCheck()).toBe('ok');
      await store.migrate();
      const series = await store.listSeries();
      // Every visible series is a whole 100k-candle transaction; the interrupted one is absent.
      expect(series.map((s) => [s.symbol, s.count])).toEqual([
        ['S1', n],
        ['S2', n],
      ]);
      // And the store keeps working: the interrupted batch can simply be sent again.
      const redo = await store.getCandles('crash', 'S1', '1m');
      expect(await store.upsertCandles('crash', 'S3', '1m', redo)).toEqual({ inserted: n, updated: 0 });
      expect(store.integrityCheck()).toBe('ok');
    } finally {
      await store.close();
    }
  });
});
