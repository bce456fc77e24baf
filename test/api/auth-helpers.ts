import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { generateApiKey } from '../../src/api/auth/api-key.js';
import type { Role } from '../../src/api/auth/roles.js';
import { httpApp } from '../../src/app/server.js';
import { wire, type Services, type WireOptions } from '../../src/app/wire.js';
import { loadConfig } from '../../src/config/load.js';
import { apiKeysOf } from '../../src/infra/store/api-keys.js';

export interface AuthWorld {
  dir: string;
  services: Services;
  keys: Record<Role, string>;
  app(over?: Record<string, unknown>, logger?: boolean | object): Promise<FastifyInstance>;
  close(): Promise<void>;
}

/**
 * The real composition root over a SQLite store of its own (temp dir), the bundled replay
 * source and every feature route, with one API key per role when `withKeys`.
 */
export async function authWorld(opts: { withKeys: boolean; config?: Record<string, unknown>; wire?: WireOptions }): Promise<AuthWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-auth-'));
  const base = { store: { sqlitePath: join(dir, 'store.db') }, scanner: { resultsDir: join(dir, 'scans') }, ...(opts.config ?? {}) };
  const services = await wire(loadConfig({ env: {}, overrides: base }), opts.wire ?? {});
  await services.start();
  const keys = {} as Record<Role, string>;
  if (opts.withKeys) {
    const store = (await apiKeysOf(services.store))!;
    for (const role of ['viewer', 'trader', 'admin'] as const) {
      const k = generateApiKey();
      await store.insert({ id: k.id, name: `test-${role}`, role, hash: k.hash, createdAt: Date.now() });
      keys[role] = k.key;
    }
  }
  const apps: FastifyInstance[] = [];
  return {
    dir,
    services,
    keys,
    async app(over = {}, logger = false) {
      const cfg = loadConfig({ env: {}, overrides: { ...base, ...over } });
      const s = Object.create(services, { config: { value: cfg } }) as Services;
      const app = await httpApp(s, logger);
      apps.push(app);
      await app.ready();
      return app;
    },
    async close() {
      for (const a of apps) await a.close();
      await services.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A concrete URL for a route pattern: parameters filled with harmless values. */
export const concrete = (url: string): string => url.replace(/:[A-Za-z_]+/g, 'BTCUSDT').replace(/\*$/, 'x.json');
