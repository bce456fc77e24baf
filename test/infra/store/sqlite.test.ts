import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { PAGE_SIZE, SqliteStore } from '../../../src/infra/store/sqlite.js';
import type { Store } from '../../../src/infra/store/types.js';
import { storeSuite } from './store-suite.js';

// Files rather than :memory:, so siblings really are second connections to the same database.
const dir = mkdtempSync(join(tmpdir(), 'sextant-store-'));
let n = 0;
const siblings = new Map<Store, Store[]>();

afterAll(() => rmSync(dir, { recursive: true, force: true }));

storeSuite('sqlite', {
  async fresh() {
    const store = new SqliteStore({ path: join(dir, `store-${++n}.db`) });
    siblings.set(store, []);
    return store;
  },
  async sibling(store) {
    const other = new SqliteStore({ path: (store as SqliteStore).path });
    siblings.get(store)!.push(other);
    return other;
  },
  async dispose(store) {
    for (const s of siblings.get(store) ?? []) await s.close();
    siblings.delete(store);
    await store.close();
    const path = (store as SqliteStore).path;
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  },
});

describe('sqlite page size', () => {
  it('a new store is created with PAGE_SIZE pages; an existing file keeps its own and its rows', async () => {
    const fresh = new SqliteStore({ path: join(dir, 'page-new.db') });
    await fresh.migrate();
    await fresh.kvSet('ns', 'k', { v: 1 });
    await fresh.close();
    const a = new Database(join(dir, 'page-new.db'), { readonly: true });
    expect(a.pragma('page_size', { simple: true })).toBe(PAGE_SIZE);
    a.close();

    // A store created before (SQLite's default 4 KB pages, WAL).
    const oldPath = join(dir, 'page-old.db');
    const old = new Database(oldPath);
    old.pragma('journal_mode = WAL');
    old.close();
    const reopened = new SqliteStore({ path: oldPath });
    await reopened.migrate();
    await reopened.kvSet('ns', 'k', { v: 2 });
    await reopened.close();
    const again = new SqliteStore({ path: oldPath });
    expect((await again.kvGet('ns', 'k'))?.value).toEqual({ v: 2 });
    expect(again.integrityCheck()).toBe('ok');
    await again.close();
    const b = new Database(oldPath, { readonly: true });
    expect(b.pragma('page_size', { simple: true })).toBe(4096);
    b.close();
  });
});

describe('sqlite snapshot bytes', () => {
  it('a snapshot handed over as UTF-8 bytes is stored as the text a string would have made', async () => {
    const path = join(dir, 'bytes.db');
    const store = new SqliteStore({ path });
    await store.migrate();
    const key = { source: 'test', symbol: 'BTC/USDT', timeframe: '1d' };
    const text = JSON.stringify([{ price: 1.5, note: 'حمایت 🚀' }]);
    const bytes = Buffer.from(`xx${text}yy`);
    await store.commitResults([
      { key, time: 1, snapshots: {}, snapshotUtf8: { swings: new Uint8Array(bytes.buffer, bytes.byteOffset + 2, bytes.length - 4) }, signal: null },
      { key, time: 2, snapshots: {}, snapshotJson: { swings: text }, signal: null },
    ]);
    await store.close();
    const db = new Database(path, { readonly: true });
    const rows = db.prepare('SELECT time, typeof(payload) AS type, payload FROM swings ORDER BY time').all();
    db.close();
    expect(rows).toEqual([
      { time: 1, type: 'text', payload: text },
      { time: 2, type: 'text', payload: text },
    ]);
  });
});
