import type Database from 'better-sqlite3';
import type pg from 'pg';
import type { Store } from './types.js';

/**
 * API keys as the store keeps them: the secret itself is never stored, only its SHA-256
 * (`hash`, hex). Beside the Store interface like the tracker tables, because only the
 * HTTP edge and `sextant keys` use it.
 */
export interface ApiKeyRecord {
  /** The public prefix of the key (`sx_<id>_...`), used to find the row. */
  id: string;
  name: string;
  role: string;
  hash: string;
  createdAt: number;
  revokedAt: number | null;
}

export interface ApiKeyStore {
  insert(rec: Omit<ApiKeyRecord, 'revokedAt'>): Promise<void>;
  get(id: string): Promise<ApiKeyRecord | undefined>;
  /** Every key, revoked ones included, oldest first. */
  list(): Promise<ApiKeyRecord[]>;
  /** Marks the key with this id (or, failing that, the active keys with this name) revoked; returns how many. */
  revoke(idOrName: string, at: number): Promise<number>;
  countActive(): Promise<number>;
}

interface Row { id: string; name: string; role: string; hash: string; created_at: number | string; revoked_at: number | string | null }

const fromRow = (r: Row): ApiKeyRecord => ({
  id: r.id, name: r.name, role: r.role, hash: r.hash,
  createdAt: Number(r.created_at), revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
});

export function sqliteApiKeyStore(db: Database.Database): ApiKeyStore {
  return {
    async insert(k) {
      db.prepare('INSERT INTO api_keys (id, name, role, hash, created_at) VALUES (?, ?, ?, ?, ?)').run(k.id, k.name, k.role, k.hash, k.createdAt);
    },
    async get(id) {
      const r = db.prepare('SELECT * FROM api_keys WHERE id = ?').get(id) as Row | undefined;
      return r && fromRow(r);
    },
    async list() {
      return (db.prepare('SELECT * FROM api_keys ORDER BY created_at, id').all() as Row[]).map(fromRow);
    },
    async revoke(idOrName, at) {
      const byId = db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, idOrName).changes;
      if (byId) return byId;
      return db.prepare('UPDATE api_keys SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL').run(at, idOrName).changes;
    },
    async countActive() {
      return (db.prepare('SELECT count(*) AS n FROM api_keys WHERE revoked_at IS NULL').get() as { n: number }).n;
    },
  };
}

export function postgresApiKeyStore(pool: pg.Pool): ApiKeyStore {
  return {
    async insert(k) {
      await pool.query('INSERT INTO api_keys (id, name, role, hash, created_at) VALUES ($1, $2, $3, $4, $5)', [k.id, k.name, k.role, k.hash, k.createdAt]);
    },
    async get(id) {
      const r = await pool.query<Row>('SELECT * FROM api_keys WHERE id = $1', [id]);
      return r.rows[0] && fromRow(r.rows[0]);
    },
    async list() {
      return (await pool.query<Row>('SELECT * FROM api_keys ORDER BY created_at, id')).rows.map(fromRow);
    },
    async revoke(idOrName, at) {
      const byId = await pool.query('UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [at, idOrName]);
      if (byId.rowCount) return byId.rowCount;
      return (await pool.query('UPDATE api_keys SET revoked_at = $1 WHERE name = $2 AND revoked_at IS NULL', [at, idOrName])).rowCount ?? 0;
    },
    async countActive() {
      return Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM api_keys WHERE revoked_at IS NULL')).rows[0]!.n);
    },
  };
}

/**
 * The key table of a store, or undefined for a store without one (a test double). Awaited
 * because the composition root's lazy store answers every method call with a promise.
 */
export async function apiKeysOf(store: Store | undefined): Promise<ApiKeyStore | undefined> {
  const s = store as (Store & { apiKeyStore?: () => ApiKeyStore | Promise<ApiKeyStore> }) | undefined;
  if (typeof s?.apiKeyStore !== 'function') return undefined;
  try {
    return await s.apiKeyStore();
  } catch (e) {
    // The lazy store's answer for a backend without the method; anything else (store down) is real.
    if (e instanceof TypeError && /no method apiKeyStore/.test(e.message)) return undefined;
    throw e;
  }
}
