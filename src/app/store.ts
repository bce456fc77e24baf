import type { Config } from '../config/schema.js';
import { openStore } from '../infra/store/index.js';
import type { Store } from '../infra/store/types.js';

/**
 * @deprecated commands get the store from the wiring (cli/services.ts withServices); kept for
 * the tracker command until it moves. The configured store: PostgreSQL when DATABASE_URL is set, else the embedded SQLite file. */
export function storeFromConfig(config: Config): Promise<Store> {
  return openStore({ databaseUrl: config.store.databaseUrl, sqlitePath: config.store.sqlitePath, schema: config.store.schema });
}
