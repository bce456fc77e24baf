import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ENV_ALIASES, loadConfig } from '../../src/config/load.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** `${VAR:-default}` takes the default, `${VAR:?message}` a stand-in value, as compose would with them set. */
function interpolate(value: string): string {
  return value.replace(/\$\{(\w+)(?::?([-?])([^}]*))?\}/g, (_, name: string, op?: string, arg?: string) =>
    op === '-' ? arg ?? '' : `${name.toLowerCase()}-stand-in-value-long-enough-for-any-secret`);
}

interface Service { build?: unknown; image?: string; command?: string[]; environment?: Record<string, string | number | boolean> }

describe('compose.yaml and Dockerfile (they cannot be built here: checked as files)', () => {
  const compose = parse(readFileSync(join(ROOT, 'compose.yaml'), 'utf8'), { merge: true }) as { services: Record<string, Service> };
  const sextant = Object.entries(compose.services).filter(([, s]) => s.build !== undefined);

  it('has the app, a worker, PostgreSQL and Redis', () => {
    expect(sextant.map(([n]) => n).sort()).toEqual(['app', 'worker']);
    expect(compose.services['postgres']!.image).toMatch(/^postgres:/);
    expect(compose.services['redis']!.image).toMatch(/^redis:/);
    expect(compose.services['worker']!.command!.slice(0, 2)).toEqual(['pipeline', 'worker']);
  });

  it('every environment variable it sets for Sextant is one the config loader accepts, and the whole set loads', () => {
    for (const [name, svc] of sextant) {
      const env = Object.fromEntries(Object.entries(svc.environment ?? {}).map(([k, v]) => [k, interpolate(String(v))]));
      expect(Object.keys(env).length, name).toBeGreaterThan(3);
      for (const key of Object.keys(env)) {
        expect(key.startsWith('SEXTANT_') || key in ENV_ALIASES, `${name}: ${key}`).toBe(true);
        // A SEXTANT_ variable the schema does not know is an error at load: prove each alone.
        if (key.startsWith('SEXTANT_')) expect(() => loadConfig({ env: { [key]: env[key] } }), `${name}: ${key}`).not.toThrow();
      }
      const c = loadConfig({ env });
      expect(c.env, name).toBe('prod');
      expect(c.store.databaseUrl, name).toMatch(/^postgres:\/\/sextant:.*@postgres:5432\/sextant$/);
      expect(c.redisUrl, name).toBe('redis://redis:6379/0');
      expect(c.pipeline.useQueue, name).toBe(true);
      if (name === 'app') expect(c.auth.jwt.secret, name).toBeDefined();
    }
    // The check itself can fail: a misspelt key is refused.
    expect(() => loadConfig({ env: { SEXTANT_AUTH__JWT_SECRET: 'x'.repeat(40) } })).toThrow(/unknown key/);
  });

  it('Dockerfile: multi-stage, production dependencies only, non-root user, health check', () => {
    const df = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    expect(df.match(/^FROM /gm)!.length).toBeGreaterThanOrEqual(2);
    expect(df).toMatch(/npm prune --omit=dev/);
    const runtime = df.slice(df.lastIndexOf('\nFROM '));
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^HEALTHCHECK .*\n?.*\/health/m);
    expect(runtime).not.toMatch(/COPY (\.\/)?src|npm (ci|install)/);
  });
});
