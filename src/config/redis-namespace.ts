import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import type { Config } from './schema.js';

/**
 * The Redis namespace of a deployment: `redisNamespace` when set, else one derived from its
 * database, so that two deployments sharing a Redis server (but not a database) never read
 * each other's cache entries, signals or queued jobs, while every process of one deployment
 * (API, workers) agrees on it without being told.
 *
 * Derived form: `sextant-<database label>-<6 hex>` where the hash covers the database's
 * identity (PostgreSQL host, port, database and schema, without credentials; or the SQLite
 * file's absolute path).
 */
export function redisNamespace(config: Pick<Config, 'redisNamespace' | 'store'>): string {
  if (config.redisNamespace) return config.redisNamespace;
  const { identity, label } = databaseIdentity(config.store);
  const hash = createHash('sha256').update(identity).digest('hex').slice(0, 6);
  return `sextant-${label}-${hash}`;
}

function databaseIdentity(store: Config['store']): { identity: string; label: string } {
  if (store.databaseUrl) {
    try {
      const u = new URL(store.databaseUrl);
      const db = decodeURIComponent(u.pathname.slice(1)) || 'postgres';
      const schema = store.schema ?? 'public';
      return { identity: `postgres://${u.hostname}:${u.port || 5432}/${db}#${schema}`, label: safe(`${db}.${schema}`) };
    } catch {
      return { identity: store.databaseUrl, label: 'postgres' };
    }
  }
  // The default file lives in the user's data folder: the folder tells two users' defaults apart.
  const path = store.sqlitePath
    ? (store.sqlitePath === ':memory:' ? ':memory:' : resolve(store.sqlitePath))
    : `default:${process.env['XDG_DATA_HOME'] ?? process.env['HOME'] ?? ''}/sextant.db`;
  return { identity: `sqlite:${path}`, label: safe(path === ':memory:' ? 'memory' : basename(path).replace(/\.(db|sqlite3?)$/, '')) || 'sqlite' };
}

function safe(s: string): string {
  return s.replace(/[^\w.-]/g, '_').slice(0, 32);
}

/** Keys of the analysis cache. */
export const cachePrefix = (ns: string): string => `${ns}:cache:`;
/** The pub/sub channel new signals go out on. */
export const signalChannel = (ns: string): string => `${ns}:signals`;
/** BullMQ's key prefix (its keys are `<prefix>:<queue>:…`). */
export const queuePrefix = (ns: string): string => `${ns}:bull`;
