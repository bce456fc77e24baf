import { PostgresStore } from './postgres.js';
import { SqliteStore } from './sqlite.js';
import type { Store } from './types.js';

export * from './types.js';
export { defaultSqlitePath, SqliteStore } from './sqlite.js';
export { PostgresStore } from './postgres.js';

export interface StoreConfig {
  /** PostgreSQL connection string; when set, PostgreSQL is used. */
  databaseUrl?: string;
  /** SQLite file (or `:memory:`) when no databaseUrl; default under the user's data dir. */
  sqlitePath?: string;
  /** PostgreSQL only: keep the tables in this schema. */
  schema?: string;
}

/** Opens the configured store and brings its schema up to date. */
export async function openStore(config: StoreConfig = {}): Promise<Store> {
  const url = config.databaseUrl?.trim();
  const store: Store = url
    ? await PostgresStore.connect({ connectionString: url, ...(config.schema ? { schema: config.schema } : {}) })
    : new SqliteStore(config.sqlitePath ? { path: config.sqlitePath } : {});
  try {
    await store.migrate();
  } catch (err) {
    await store.close().catch(() => {});
    const where = store instanceof PostgresStore ? store.location : (store as SqliteStore).path;
    throw new Error(`cannot migrate ${store.kind} store at ${where}: ${(err as Error).message}`, { cause: err });
  }
  return store;
}
