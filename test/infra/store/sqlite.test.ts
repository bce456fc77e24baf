import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { SqliteStore } from '../../../src/infra/store/sqlite.js';
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
