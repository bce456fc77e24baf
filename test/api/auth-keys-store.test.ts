import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { generateApiKey, parseApiKey, secretMatches } from '../../src/api/auth/api-key.js';
import { apiKeysOf } from '../../src/infra/store/api-keys.js';
import { PostgresStore } from '../../src/infra/store/postgres.js';
import { SqliteStore } from '../../src/infra/store/sqlite.js';
import type { Store } from '../../src/infra/store/types.js';
import { DATABASE_URL, requires } from '../helpers/requires.js';

const stores: Store[] = [];
afterAll(async () => {
  for (const s of stores) {
    if (s instanceof PostgresStore) await s.dropSchema();
    await s.close();
  }
});

/** The api_keys table (migration 4) behaves the same on both backends. */
async function keyTable(open: () => Promise<Store>): Promise<void> {
  const store = await open();
  stores.push(store);
  await store.migrate();
  const keys = (await apiKeysOf(store))!;
  expect(await keys.countActive()).toBe(0);
  const a = generateApiKey();
  const b = generateApiKey();
  await keys.insert({ id: a.id, name: 'alice', role: 'admin', hash: a.hash, createdAt: 1000 });
  await keys.insert({ id: b.id, name: 'bot', role: 'viewer', hash: b.hash, createdAt: 2000 });
  await expect(keys.insert({ id: a.id, name: 'dup', role: 'viewer', hash: b.hash, createdAt: 3000 })).rejects.toThrow();
  const got = (await keys.get(a.id))!;
  expect(got).toEqual({ id: a.id, name: 'alice', role: 'admin', hash: a.hash, createdAt: 1000, revokedAt: null });
  expect(secretMatches(parseApiKey(a.key)!.secret, got.hash)).toBe(true);
  expect(secretMatches(parseApiKey(b.key)!.secret, got.hash)).toBe(false);
  expect((await keys.list()).map((k) => k.name)).toEqual(['alice', 'bot']);
  expect(await keys.countActive()).toBe(2);
  expect(await keys.revoke('bot', 5000)).toBe(1);
  expect(await keys.revoke('bot', 6000)).toBe(0);
  expect(await keys.revoke(a.id, 7000)).toBe(1);
  expect((await keys.get(b.id))!.revokedAt).toBe(5000);
  expect(await keys.countActive()).toBe(0);
  expect(await keys.get('0000000000000000')).toBeUndefined();
}

const havePostgres = await requires('postgres');

describe('API key table', () => {
  it('SQLite', () => keyTable(async () => new SqliteStore({ path: ':memory:' })));
  it.runIf(havePostgres)('PostgreSQL (own schema)', () =>
    keyTable(() => PostgresStore.connect({ connectionString: DATABASE_URL, schema: `sx_keys_${process.pid}_${randomBytes(3).toString('hex')}`, max: 2 })));
});
