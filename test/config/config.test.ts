import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, ConfigError } from '../../src/config/load.js';

const dir = mkdtempSync(join(tmpdir(), 'sextant-config-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('config: YAML + env, validated at start', () => {
  it('defaults work with no file', () => {
    const c = loadConfig({ env: {} });
    expect(c.source).toBe('replay');
    expect(c.server.port).toBe(8080);
    expect(c.store.databaseUrl).toBeUndefined();
  });
  it('env overrides the file', () => {
    const f = file('a.yaml', 'server:\n  port: 9000\nsource: binance\n');
    const c = loadConfig({ file: f, env: { PORT: '9100', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test', SEXTANT_EXCHANGE__TIMEOUT_MS: '2500' } });
    expect(c.server.port).toBe(9100);
    expect(c.source).toBe('binance');
    expect(c.store.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/test');
    expect(c.exchange.timeoutMs).toBe(2500);
  });
  it('an invalid value is one line naming the key and the rule', () => {
    const f = file('b.yaml', 'server:\n  port: 70000\n');
    expect(() => loadConfig({ file: f, env: {} })).toThrow(ConfigError);
    expect(() => loadConfig({ file: f, env: {} })).toThrow(/^config: server\.port: .*65535/);
  });
  it('unknown keys are errors (typos must not pass)', () => {
    const f = file('c.yaml', 'sever:\n  port: 80\n');
    expect(() => loadConfig({ file: f, env: {} })).toThrow(/unknown key sever/);
  });
  it('bad URLs and bad YAML are named', () => {
    expect(() => loadConfig({ env: { DATABASE_URL: 'mysql://x' } })).toThrow(/store\.databaseUrl: must be a postgres/);
    const f = file('d.yaml', 'server: [1, 2\n');
    expect(() => loadConfig({ file: f, env: {} })).toThrow(/not valid YAML/);
    expect(() => loadConfig({ file: join(dir, 'missing.yaml'), env: {} })).toThrow(/not found/);
  });
});
