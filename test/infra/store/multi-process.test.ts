import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { candleCount } from '../../../src/core/series.js';
import { SqliteStore } from '../../../src/infra/store/sqlite.js';
import { DATABASE_URL as DB_URL, requires } from '../../helpers/requires.js';
import { readDailyYear } from './real-data.js';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'sextant-workers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const year = readDailyYear(2021);
const total = [...year.values()].reduce((s, c) => s + candleCount(c), 0);

interface Report {
  inserted: number;
  updated: number;
  claimed: number;
}

/** Starts `n` worker processes at once against the same store and collects their reports. */
async function workers(n: number, args: string[]): Promise<Report[]> {
  const outs = await Promise.all(
    Array.from({ length: n }, () => run(process.execPath, ['--import', 'tsx', join('test', 'infra', 'store', 'worker.ts'), ...args], { cwd: ROOT })),
  );
  return outs.map((o) => JSON.parse(o.stdout.trim().split('\n').at(-1)!) as Report);
}

function expectOneOwnerEach(reports: Report[]): void {
  // Each candle was stored once and claimed once, whichever process got there first.
  expect(reports.reduce((s, r) => s + r.inserted, 0)).toBe(total);
  expect(reports.reduce((s, r) => s + r.updated, 0)).toBe(0);
  expect(reports.reduce((s, r) => s + r.claimed, 0)).toBe(candleCount(year.get('BTC/USDT')!));
}

const hasPg = await requires('postgres');

describe('several worker processes on one store', () => {
  it('sqlite: concurrent migrate, ingest and claims; nothing duplicated or claimed twice', async () => {
    const path = join(dir, 'shared.db');
    const reports = await workers(3, [path]);
    expectOneOwnerEach(reports);
    const store = new SqliteStore({ path });
    expect(store.integrityCheck()).toBe('ok');
    expect((await store.listSeries()).reduce((s, x) => s + x.count, 0)).toBe(total);
    await store.close();
  });

  it.skipIf(!hasPg)('postgres: concurrent migrate, ingest and claims; nothing duplicated or claimed twice', async () => {
    const schema = `sx_workers_${process.pid}_${randomBytes(3).toString('hex')}`;
    try {
      expectOneOwnerEach(await workers(3, [DB_URL, schema]));
    } finally {
      const c = new pg.Client({ connectionString: DB_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    }
  });
});
