import { randomBytes } from 'node:crypto';
import { PostgresStore } from '../../../src/infra/store/postgres.js';
import type { Store } from '../../../src/infra/store/types.js';
import { DATABASE_URL as DB_URL, requires } from '../../helpers/requires.js';
import { storeSuite } from './store-suite.js';

// Test files run in parallel against one database; a schema per store keeps them apart.
const run = `sx_test_${process.pid}_${randomBytes(3).toString('hex')}`;
let n = 0;
const siblings = new Map<Store, Store[]>();

if (await requires('postgres')) {
  storeSuite('postgres', {
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
}
