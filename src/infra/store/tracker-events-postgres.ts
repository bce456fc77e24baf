import type pg from 'pg';
import { fromDb, type WindowRowDb } from './tracker-events-sqlite.js';
import { MAX_ROWS, nullIfNaN, numOrNaN, type EventQuery, type StoredEvent, type TrackerStore, type WindowQuery } from './tracker-events.js';

const DDL = [
  `CREATE TABLE IF NOT EXISTS tracker_events (
    key TEXT NOT NULL, symbol TEXT NOT NULL, time BIGINT NOT NULL, detail TEXT NOT NULL,
    kind TEXT NOT NULL, at BIGINT NOT NULL, value DOUBLE PRECISION,
    PRIMARY KEY (key, symbol, time, detail))`,
  'CREATE INDEX IF NOT EXISTS tracker_events_time ON tracker_events (time)',
  `CREATE TABLE IF NOT EXISTS tracker_windows (
    symbol TEXT NOT NULL, "window" INTEGER NOT NULL, start BIGINT NOT NULL,
    buy_volume DOUBLE PRECISION NOT NULL, sell_volume DOUBLE PRECISION NOT NULL, buy_quote DOUBLE PRECISION NOT NULL, sell_quote DOUBLE PRECISION NOT NULL,
    buy_trades INTEGER NOT NULL, sell_trades INTEGER NOT NULL,
    open DOUBLE PRECISION, high DOUBLE PRECISION, low DOUBLE PRECISION, close DOUBLE PRECISION, complete BOOLEAN NOT NULL,
    PRIMARY KEY (symbol, "window", start))`,
];

/** Rows per INSERT: 7 or 14 parameters each, well under PostgreSQL's 65535. */
const CHUNK = 1000;

export function postgresTrackerStore(pool: pg.Pool): TrackerStore {
  let ready: Promise<void> | undefined;
  const ensure = (): Promise<void> => {
    ready ??= (async () => {
      // Serialised per schema: two trackers starting together must not race the DDL.
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        await c.query(`SELECT pg_advisory_xact_lock(hashtext('sextant:tracker:' || coalesce(current_schema(), '')))`);
        for (const sql of DDL) await c.query(sql);
        await c.query('COMMIT');
      } catch (e) {
        await c.query('ROLLBACK').catch(() => {});
        ready = undefined;
        throw e;
      } finally {
        c.release();
      }
    })();
    return ready;
  };
  const where = (conds: [string, unknown][]): [string, unknown[]] => {
    const parts: string[] = [];
    const args: unknown[] = [];
    for (const [sql, v] of conds) {
      if (v === undefined) continue;
      args.push(v);
      parts.push(sql.replace('?', `$${args.length}`));
    }
    return [parts.length ? `WHERE ${parts.join(' AND ')}` : '', args];
  };
  return {
    ensure,
    async putEvents(events) {
      await ensure();
      let n = 0;
      for (let i = 0; i < events.length; i += CHUNK) {
        const part = events.slice(i, i + CHUNK);
        const args: unknown[] = [];
        const values = part.map((e, j) => {
          args.push(e.key, e.symbol, e.time, JSON.stringify(e.detail), e.kind, Math.round(e.at), nullIfNaN(e.value));
          return `(${Array.from({ length: 7 }, (_, k) => `$${j * 7 + k + 1}`).join(', ')})`;
        });
        const r = await pool.query(`INSERT INTO tracker_events (key, symbol, time, detail, kind, at, value) VALUES ${values.join(', ')} ON CONFLICT DO NOTHING`, args);
        n += r.rowCount ?? 0;
      }
      return n;
    },
    async queryEvents(q: EventQuery) {
      await ensure();
      const [w, args] = where([['key = ?', q.key], ['symbol = ?', q.symbol], ['kind = ?', q.kind], ['time >= ?', q.start], ['time <= ?', q.end]]);
      args.push(Math.min(q.limit ?? MAX_ROWS, MAX_ROWS));
      const r = await pool.query<{ key: string; symbol: string; time: string; detail: string; kind: string; at: string; value: number | null }>(
        `SELECT key, symbol, time, detail, kind, at, value FROM tracker_events ${w} ORDER BY time, symbol, key, at LIMIT $${args.length}`, args);
      return r.rows.map((x): StoredEvent => ({ key: x.key, kind: x.kind, symbol: x.symbol, time: Number(x.time), at: Number(x.at), value: numOrNaN(x.value), detail: JSON.parse(x.detail) as Record<string, unknown> }));
    },
    async putWindows(rows) {
      await ensure();
      let n = 0;
      for (let i = 0; i < rows.length; i += CHUNK) {
        const part = rows.slice(i, i + CHUNK);
        const args: unknown[] = [];
        const values = part.map((w, j) => {
          args.push(w.symbol, w.window, w.start, w.buyVolume, w.sellVolume, w.buyQuote, w.sellQuote, w.buyTrades, w.sellTrades,
            nullIfNaN(w.open), nullIfNaN(w.high), nullIfNaN(w.low), nullIfNaN(w.close), w.complete);
          return `(${Array.from({ length: 14 }, (_, k) => `$${j * 14 + k + 1}`).join(', ')})`;
        });
        const r = await pool.query(`INSERT INTO tracker_windows (symbol, "window", start, buy_volume, sell_volume, buy_quote, sell_quote, buy_trades, sell_trades, open, high, low, close, complete)
          VALUES ${values.join(', ')}
          ON CONFLICT (symbol, "window", start) DO UPDATE SET buy_volume = excluded.buy_volume, sell_volume = excluded.sell_volume,
            buy_quote = excluded.buy_quote, sell_quote = excluded.sell_quote, buy_trades = excluded.buy_trades, sell_trades = excluded.sell_trades,
            open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close, complete = excluded.complete`, args);
        n += r.rowCount ?? 0;
      }
      return n;
    },
    async queryWindows(q: WindowQuery) {
      await ensure();
      const [w, args] = where([['symbol = ?', q.symbol], ['"window" = ?', q.window], ['start >= ?', q.start], ['start <= ?', q.end]]);
      args.push(Math.min(q.limit ?? MAX_ROWS, MAX_ROWS));
      const r = await pool.query<WindowRowDb>(`SELECT * FROM tracker_windows ${w} ORDER BY start, symbol, "window" LIMIT $${args.length}`, args);
      return r.rows.map(fromDb);
    },
  };
}
