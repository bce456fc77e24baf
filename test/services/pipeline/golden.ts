import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';

/**
 * What a replay leaves in a SQLite store, in a form that compares exactly between two
 * versions of the pipeline: every signal row (all columns but the wall-clock
 * created_at/updated_at) and a digest of each snapshot table (their JSON payloads are too
 * large to keep in the repo, and a digest still fails on any changed byte).
 */
export const GOLDEN_RUN = {
  pairs: ['BTC/USDT', 'SOL/USDT', 'DOGE/USDT'],
  timeframe: '1d',
  // ~680 candles per series, more than the 500-candle structure lookback (core/signals/
  // lookback.ts): the window slides for the last ~180 of them.
  since: '2022-06-01',
  window: 500,
} as const;

export interface GoldenDump {
  processed: number;
  /** One readable line per signal (shows what changed when the digest does not match). */
  signals: string[];
  /** Digest of the full signal rows, payload included. */
  signalsSha256: string;
  snapshots: Record<string, { rows: number; sha256: string }>;
}

export function dumpStore(path: string): GoldenDump {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const rows = (db.prepare('SELECT * FROM signals ORDER BY source, symbol, timeframe, time').all() as Record<string, unknown>[]).map((r) => {
      const { created_at: _c, updated_at: _u, ...rest } = r;
      return rest;
    });
    const signals = rows.map((r) => [r['symbol'], r['time'], r['direction'], r['market_score'], r['entry1'], r['sl'], r['tp1'], r['confluence']].join('|'));
    const signalsSha256 = createHash('sha256').update(JSON.stringify(rows)).digest('hex');
    const snapshots: GoldenDump['snapshots'] = {};
    for (const table of ['swings', 'sr_levels', 'fib_levels']) {
      const rows = db.prepare(`SELECT source, symbol, timeframe, time, payload FROM ${table} ORDER BY source, symbol, timeframe, time`).raw(true).all() as unknown[][];
      const h = createHash('sha256');
      for (const r of rows) h.update(`${r.join('\t')}\n`);
      snapshots[table] = { rows: rows.length, sha256: h.digest('hex') };
    }
    const processed = (db.prepare('SELECT count(*) AS n FROM processed_candles').get() as { n: number }).n;
    return { processed, signals, signalsSha256, snapshots };
  } finally {
    db.close();
  }
}
