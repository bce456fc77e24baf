import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sextant } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'sextant-data-'));
const env = { SEXTANT_STORE__SQLITE_PATH: join(dir, 'store.db'), DATABASE_URL: '' };

describe('sextant data import / fetch into the store (child process, SQLite)', () => {
  it('fetch pages the source into the store and is idempotent', async () => {
    const a = await sextant(['data', 'fetch', 'replay', 'ETH/USDT', '--tf', '1d', '--since', '2023-01-01', '--until', '2024-01-01', '--page', '100'], env);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toMatch(/^365 candles \(365 new, 0 updated\)/);
    const b = await sextant(['data', 'fetch', 'replay', 'ETH/USDT', '--tf', '1d', '--since', '2023-01-01', '--until', '2024-01-01', '--page', '100'], env);
    expect(b.stdout).toMatch(/^365 candles \(0 new, 0 updated\)/);
    const list = JSON.parse((await sextant(['data', 'list', '--json'], env)).stdout) as { stored: { source: string; symbol: string; count: number }[] };
    expect(list.stored).toContainEqual(expect.objectContaining({ source: 'replay', symbol: 'ETH/USDT', count: 365 }));
  }, 180_000); // three child processes: under load each start takes many seconds
  it('import cleans the file and reports what it rejected', async () => {
    const f = join(dir, 'x.csv');
    writeFileSync(f, 'timestamp,open,high,low,close,volume\n2024-01-01,1,2,0.5,1.5,10\n2024-01-02,1,0.9,0.5,1.5,10\n2024-01-04,1,2,0.5,1.5,10\n');
    const r = await sextant(['data', 'import', f, '--pair', 'x_usdt', '--tf', 'day1'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/2 candles \(2 new, 0 updated\).*1 rejected, 1 gaps \(2 missing candles\)/);
  });
  it('errors are one line with the exit code of their kind', async () => {
    const cases: [string[], number][] = [
      [['data', 'import', join(dir, 'none.csv'), '--pair', 'X/USDT'], 3],
      // A bad option value is bad input (exit 2), not a bug (it was exit 1).
      [['data', 'fetch', 'replay', 'BTC/USDT', '--since', 'yesterday-ish'], 2],
    ];
    for (const [args, code] of cases) {
      const r = await sextant(args, env);
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
