import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, it } from 'vitest';
import { PostgresStore } from '../../../src/infra/store/postgres.js';
import type { Store } from '../../../src/infra/store/types.js';
import { storeSuite } from './store-suite.js';

const DB_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function reachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: DB_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (err) {
    console.warn(`PostgreSQL store tests skipped: no server at ${DB_URL} (${(err as Error).message})`);
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

// Test files run in parallel against one database; a schema per store keeps them apart.
const run = `sx_test_${process.pid}_${randomBytes(3).toString('hex')}`;
let n = 0;
const siblings = new Map<Store, Store[]>();

if (await reachable()) {
  storeSuite('postgres', {
    upsert100kBudgetMs: 5_000,
    async fresh() {
      const store = await PostgresStore.connect({ connectionString: DB_URL, schema: `${run}_${++n}`, max: 4 });
      siblings.set(store, []);
      return store;
    },
    async sibling(store) {
      const other = await PostgresStore.connect({ connectionString: DB_URL, schema: (store as PostgresStore).schema!, max: 4 });
      siblings.get(store)!.push(other);
      return other;
    },
    async dispose(store) {
      for (const s of siblings.get(store) ?? []) await s.close();
      siblings.delete(store);
      await (store as PostgresStore).dropSchema();
      await store.close();
    },
  });
} else {
  describe.skip('postgres store (no server reachable)', () => {
    it('needs a PostgreSQL server at DATABASE_URL', () => {});
  });
}
