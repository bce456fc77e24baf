import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashSecret, parseApiKey } from '../../src/api/auth/api-key.js';
import { SqliteStore } from '../../src/infra/store/sqlite.js';
import { sextant } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'sextant-keys-cli-'));
const env = { SEXTANT_STORE__SQLITE_PATH: join(dir, 'store.db'), DATABASE_URL: '' };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sextant keys create | list | revoke', () => {
  it('creates a key shown once, stores only its hash, lists it without secrets, revokes it', async () => {
    const made = await sextant(['keys', 'create', '--role', 'trader', '--name', 'ci bot', '--json'], env);
    expect(made.code, made.stderr).toBe(0);
    const { id, key, role, name } = JSON.parse(made.stdout) as { id: string; key: string; role: string; name: string };
    expect({ role, name }).toEqual({ role: 'trader', name: 'ci bot' });
    const parts = parseApiKey(key)!;
    expect(parts.id).toBe(id);

    // At rest: the hash of the secret, never the key or the secret.
    const store = new SqliteStore({ path: env.SEXTANT_STORE__SQLITE_PATH });
    await store.migrate();
    const rec = await store.apiKeyStore().get(id);
    await store.close();
    expect(rec!.hash).toBe(hashSecret(parts.secret));
    const raw = readFileSync(env.SEXTANT_STORE__SQLITE_PATH).toString('latin1');
    expect(raw).not.toContain(parts.secret);

    const list = await sextant(['keys', 'list'], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`${id}\\s+ci bot\\s+trader`));
    expect(list.stdout).not.toContain(parts.secret);

    const revoked = await sextant(['keys', 'revoke', id], env);
    expect(revoked.stdout).toBe('revoked 1 key\n');
    const again = await sextant(['keys', 'revoke', id], env);
    expect(again.code).toBe(3);
    expect(again.stderr).toMatch(/^sextant: no active key with id or name/);
    const rows = JSON.parse((await sextant(['keys', 'list', '--json'], env)).stdout) as { id: string; revokedAt: number | null; hash?: string }[];
    expect(rows.find((r) => r.id === id)!.revokedAt).toBeGreaterThan(0);
    expect(rows.every((r) => r.hash === undefined)).toBe(true);
  }, 300_000);

  it('a role outside viewer/trader/admin is a usage error (exit 2, one line)', async () => {
    const bad = await sextant(['keys', 'create', '--role', 'root', '--name', 'x'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/--role must be one of viewer, trader, admin/);
  }, 120_000);
});
