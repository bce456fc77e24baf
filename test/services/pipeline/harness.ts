import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { loadConfig } from '../../../src/config/load.js';
import type { Config } from '../../../src/config/schema.js';

export const DB_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** Ten bundled Binance pairs, the last ~10 months of daily candles: real history, quick to replay. */
export const PAIRS = ['BTC/USDT', 'ETH/USDT', 'BNB/USDT', 'SOL/USDT', 'XRP/USDT', 'DOGE/USDT', 'ADA/USDT', 'AVAX/USDT', 'LINK/USDT', 'DOT/USDT'];
export const SINCE = '2023-06-01';

export function sqliteConfig(extra: Record<string, unknown> = {}): Config {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-pipeline-'));
  return loadConfig({
    env: {},
    overrides: {
      server: { host: '127.0.0.1', port: 0 },
      logLevel: 'silent',
      store: { sqlitePath: join(dir, 'store.db') },
      pipeline: { symbols: PAIRS, timeframes: ['1d'], replaySince: SINCE, window: 300 },
      ...extra,
    },
  });
}

export function postgresConfig(extra: Record<string, unknown> = {}): Config {
  const schema = `sx_pipe_${process.pid}_${randomBytes(3).toString('hex')}`;
  return loadConfig({
    env: {},
    overrides: {
      server: { host: '127.0.0.1', port: 0 },
      logLevel: 'silent',
      store: { databaseUrl: DB_URL, schema },
      redisUrl: REDIS_URL,
      pipeline: { symbols: PAIRS, timeframes: ['1d'], replaySince: SINCE, window: 300, useQueue: true },
      ...extra,
    },
  });
}

export async function dropSchema(schema: string | undefined): Promise<void> {
  if (!schema) return;
  const c = new pg.Client({ connectionString: DB_URL });
  await c.connect();
  await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await c.end();
}

export async function servicesUp(): Promise<boolean> {
  const c = new pg.Client({ connectionString: DB_URL, connectionTimeoutMillis: 3000 });
  const r = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await c.connect();
    await r.connect();
    await r.ping();
    return true;
  } catch (e) {
    console.warn(`pipeline PostgreSQL/BullMQ suite cannot run: ${(e as Error).message}`);
    return false;
  } finally {
    await c.end().catch(() => {});
    r.disconnect();
  }
}
