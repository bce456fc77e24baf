import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ROOT, sextant } from '../../helpers/cli.js';
import { PAIRS } from './harness.js';

const SINCE = '2022-06-01';
const args = ['pipeline', 'run', '--symbols', PAIRS.join(','), '--timeframes', '1d', '--since', SINCE];

function count(db: string, sql: string): number {
  const d = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return (d.prepare(sql).get() as { n: number }).n;
  } finally {
    d.close();
  }
}

function dump(db: string) {
  const d = new Database(db, { readonly: true });
  try {
    return {
      candles: d.prepare('SELECT source, symbol, timeframe, time, open, high, low, close, volume FROM candles ORDER BY symbol, timeframe, time').all(),
      signals: d.prepare('SELECT source, symbol, timeframe, time, direction, market_score, entry1, sl, tp1, confluence FROM signals ORDER BY symbol, timeframe, time').all(),
      processed: count(db, 'SELECT count(*) AS n FROM processed_candles'),
    };
  } finally {
    d.close();
  }
}

describe('pipeline crash safety: kill -9 during ingestion and processing, then restart', () => {
  it('loses nothing and duplicates nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sextant-kill-'));
    const crashed = join(dir, 'crashed.db');
    const clean = join(dir, 'clean.db');

    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: ROOT, env: { ...process.env, SEXTANT_CONFIG: '', SEXTANT_STORE__SQLITE_PATH: crashed, DATABASE_URL: '' }, stdio: 'ignore',
    });
    // Kill it mid-way: once some candles are processed but well before the end.
    let seen = 0;
    for (let i = 0; i < 600; i++) {
      await new Promise((r) => setTimeout(r, 50));
      try {
        seen = count(crashed, 'SELECT count(*) AS n FROM processed_candles');
      } catch {
        seen = 0;
      }
      if (seen >= 300) break;
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(seen).toBeGreaterThanOrEqual(300);
    const partial = count(crashed, 'SELECT count(*) AS n FROM processed_candles');

    const restarted = await sextant(args, { SEXTANT_STORE__SQLITE_PATH: crashed, DATABASE_URL: '' });
    expect(restarted.code, restarted.stderr).toBe(0);
    const reference = await sextant(args, { SEXTANT_STORE__SQLITE_PATH: clean, DATABASE_URL: '' });
    expect(reference.code, reference.stderr).toBe(0);

    const a = dump(crashed);
    const b = dump(clean);
    expect(partial).toBeLessThan(b.processed);
    expect(a.processed).toBe(b.processed);
    expect(a.candles.length).toBe(b.candles.length);
    expect(a.candles).toEqual(b.candles);
    expect(a.signals).toEqual(b.signals);
    const integrity = new Database(crashed, { readonly: true });
    expect(integrity.pragma('integrity_check', { simple: true })).toBe('ok');
    integrity.close();
  }, 180_000);
});
