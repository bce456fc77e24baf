import type { Command } from 'commander';
import { generateApiKey } from '../../api/auth/api-key.js';
import { ROLES, isRole } from '../../api/auth/roles.js';
import { InputError, SextantError } from '../../errors.js';
import { apiKeysOf, type ApiKeyStore } from '../../infra/store/api-keys.js';
import { iso, table } from '../format.js';
import { withServices } from '../services.js';

async function withKeys<T>(work: (keys: ApiKeyStore) => Promise<T>): Promise<T> {
  return withServices({}, async (s) => {
    const keys = await apiKeysOf(s.store);
    if (!keys) throw new SextantError('not_supported', `the ${s.store.kind} store has no API key table`);
    return work(keys);
  });
}

/** `sextant keys create|list|revoke`: API keys for the HTTP API, hashed at rest in the store. */
export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('API keys for the HTTP API (stored hashed; a new key is shown once)');

  keys
    .command('create')
    .description('create a key with a role (viewer < trader < admin) and print it once')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .requiredOption('--name <name>', 'who or what uses it (shown by keys list)')
    .option('--json', 'print {id, name, role, key} as JSON')
    .action(async (opts: { role: string; name: string; json?: boolean }) => {
      if (!isRole(opts.role)) throw new InputError(`--role must be one of ${ROLES.join(', ')}, got "${opts.role.slice(0, 40)}"`, '--role');
      const name = opts.name.trim();
      if (!/^[\w .@:-]{1,64}$/.test(name)) throw new InputError('--name must be 1-64 letters, digits, spaces or _ . @ : -', '--name');
      const k = generateApiKey();
      await withKeys((store) => store.insert({ id: k.id, name, role: opts.role, hash: k.hash, createdAt: Date.now() }));
      if (opts.json) process.stdout.write(`${JSON.stringify({ id: k.id, name, role: opts.role, key: k.key })}\n`);
      else {
        process.stdout.write(`${k.key}\n`);
        process.stderr.write(`key ${k.id} (${opts.role}, "${name}") created; it is shown only now, store it safely. Use: Authorization: Bearer <key>\n`);
      }
    });

  keys
    .command('list')
    .description('keys with id, name, role, created and revoked times (never the secrets)')
    .option('--json', 'JSON rows')
    .action(async (opts: { json?: boolean }) => {
      const rows = await withKeys((store) => store.list());
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(rows.map(({ hash: _hash, ...r }) => r))}\n`);
        return;
      }
      if (!rows.length) {
        process.stdout.write('no API keys (create one: sextant keys create --role admin --name NAME)\n');
        return;
      }
      process.stdout.write(`${table(['id', 'name', 'role', 'created', 'revoked'], rows.map((r) => [r.id, r.name, r.role, iso(r.createdAt), r.revokedAt === null ? '-' : iso(r.revokedAt)]))}\n`);
    });

  keys
    .command('revoke <idOrName>')
    .description('revoke a key by id, or every active key with that name (servers stop accepting it within 5 s)')
    .action(async (idOrName: string) => {
      const n = await withKeys((store) => store.revoke(idOrName, Date.now()));
      if (n === 0) throw new SextantError('not_found', `no active key with id or name "${idOrName.slice(0, 64)}"`, { field: 'idOrName' });
      process.stdout.write(`revoked ${n} key${n === 1 ? '' : 's'}\n`);
    });
}
