import type Database from 'better-sqlite3';
import { MAX_ROWS, nullIfNaN, numOrNaN, type EventQuery, type StoredEvent, type StoredWindow, type TrackerStore, type WindowQuery } from './tracker-events.js';

const DDL = [
  `CREATE TABLE IF NOT EXISTS tracker_events (
    key TEXT NOT NULL, symbol TEXT NOT NULL, time INTEGER NOT NULL, detail TEXT NOT NULL,
    kind TEXT NOT NULL, at INTEGER NOT NULL, value REAL,
    PRIMARY KEY (key, symbol, time, detail)) WITHOUT ROWID`,
  'CREATE INDEX IF NOT EXISTS tracker_events_time ON tracker_events (time)',
  `CREATE TABLE IF NOT EXISTS tracker_windows (
    symbol TEXT NOT NULL, window INTEGER NOT NULL, start INTEGER NOT NULL,
    buy_volume REAL NOT NULL, sell_volume REAL NOT NULL, buy_quote REAL NOT NULL, sell_quote REAL NOT NULL,
    buy_trades INTEGER NOT NULL, sell_trades INTEGER NOT NULL,
    open REAL, high REAL, low REAL, close REAL, complete INTEGER NOT NULL,
    PRIMARY KEY (symbol, window, start)) WITHOUT ROWID`,
];

interface EventRow { key: string; symbol: string; time: number; detail: string; kind: string; at: number; value: number | null }
interface WindowRowDb {
  symbol: string; window: number; start: number; buy_volume: number; sell_volume: number; buy_quote: number; sell_quote: number;
  buy_trades: number; sell_trades: number; open: number | null; high: number | null; low: number | null; close: number | null; complete: number;
}

export function sqliteTrackerStore(db: Database.Database): TrackerStore {
  let ready = false;
  const ensureSync = (): void => {
    if (ready) return;
    for (const sql of DDL) db.exec(sql);
    ready = true;
  };
  return {
    ensure: async () => ensureSync(),
    async putEvents(events) {
      ensureSync();
      const ins = db.prepare('INSERT OR IGNORE INTO tracker_events (key, symbol, time, detail, kind, at, value) VALUES (?, ?, ?, ?, ?, ?, ?)');
      let n = 0;
      db.transaction(() => {
        for (const e of events) n += ins.run(e.key, e.symbol, e.time, JSON.stringify(e.detail), e.kind, Math.round(e.at), nullIfNaN(e.value)).changes;
      }).immediate();
      return n;
    },
    async queryEvents(q: EventQuery) {
      ensureSync();
      const where: string[] = [];
      const args: unknown[] = [];
      if (q.key !== undefined) { where.push('key = ?'); args.push(q.key); }
      if (q.symbol !== undefined) { where.push('symbol = ?'); args.push(q.symbol); }
      if (q.kind !== undefined) { where.push('kind = ?'); args.push(q.kind); }
      if (q.start !== undefined) { where.push('time >= ?'); args.push(q.start); }
      if (q.end !== undefined) { where.push('time <= ?'); args.push(q.end); }
      const sql = `SELECT key, symbol, time, detail, kind, at, value FROM tracker_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY time, symbol, key, at LIMIT ?`;
      const rows = db.prepare(sql).all(...args, Math.min(q.limit ?? MAX_ROWS, MAX_ROWS)) as EventRow[];
      return rows.map((r): StoredEvent => ({ key: r.key, kind: r.kind, symbol: r.symbol, time: r.time, at: r.at, value: numOrNaN(r.value), detail: JSON.parse(r.detail) as Record<string, unknown> }));
    },
    async putWindows(rows) {
      ensureSync();
      const up = db.prepare(`INSERT INTO tracker_windows (symbol, window, start, buy_volume, sell_volume, buy_quote, sell_quote, buy_trades, sell_trades, open, high, low, close, complete)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (symbol, window, start) DO UPDATE SET buy_volume = excluded.buy_volume, sell_volume = excluded.sell_volume,
          buy_quote = excluded.buy_quote, sell_quote = excluded.sell_quote, buy_trades = excluded.buy_trades, sell_trades = excluded.sell_trades,
          open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close, complete = excluded.complete`);
      let n = 0;
      db.transaction(() => {
        for (const w of rows) {
          n += up.run(w.symbol, w.window, w.start, w.buyVolume, w.sellVolume, w.buyQuote, w.sellQuote, w.buyTrades, w.sellTrades,
            nullIfNaN(w.open), nullIfNaN(w.high), nullIfNaN(w.low), nullIfNaN(w.close), w.complete ? 1 : 0).changes;
        }
      }).immediate();
      return n;
    },
    async queryWindows(q: WindowQuery) {
      ensureSync();
      const where: string[] = [];
      const args: unknown[] = [];
      if (q.symbol !== undefined) { where.push('symbol = ?'); args.push(q.symbol); }
      if (q.window !== undefined) { where.push('window = ?'); args.push(q.window); }
      if (q.start !== undefined) { where.push('start >= ?'); args.push(q.start); }
      if (q.end !== undefined) { where.push('start <= ?'); args.push(q.end); }
      const sql = `SELECT * FROM tracker_windows ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY start, symbol, window LIMIT ?`;
      return (db.prepare(sql).all(...args, Math.min(q.limit ?? MAX_ROWS, MAX_ROWS)) as WindowRowDb[]).map(fromDb);
    },
  };
}

export const fromDb = (r: WindowRowDb): StoredWindow => ({
  symbol: r.symbol, window: Number(r.window), start: Number(r.start),
  buyVolume: Number(r.buy_volume), sellVolume: Number(r.sell_volume), buyQuote: Number(r.buy_quote), sellQuote: Number(r.sell_quote),
  buyTrades: Number(r.buy_trades), sellTrades: Number(r.sell_trades),
  open: numOrNaN(r.open), high: numOrNaN(r.high), low: numOrNaN(r.low), close: numOrNaN(r.close), complete: !!r.complete,
});
export type { WindowRowDb };
