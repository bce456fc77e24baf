import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listIndicators } from '../../src/core/indicators/registry.js';
import { catalogEntry, catalogFromFile, indicatorCatalog, writeCatalog } from '../../src/cli/indicator-catalog.js';
import { sextant } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'sextant-catalog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('indicator catalogue (what `indicators list` reads instead of loading every kernel)', () => {
  const registry = join(dir, 'registry.js');
  const catalog = join(dir, 'indicator-catalog.json');
  const described = JSON.parse(JSON.stringify(listIndicators().map(catalogEntry))) as unknown;

  it('is read back as the registry describes itself, while the registry file is the one it was written from', async () => {
    writeFileSync(registry, '// compiled registry');
    await writeCatalog(catalog, registry);
    expect(catalogFromFile(catalog, registry)).toEqual(described);
  });

  it('is ignored once the registry was rebuilt without it (a stale list is never shown)', () => {
    const later = new Date(Date.now() + 5_000);
    utimesSync(registry, later, later);
    expect(catalogFromFile(catalog, registry)).toBeUndefined();
    expect(catalogFromFile(join(dir, 'missing.json'), registry)).toBeUndefined();
  });

  it('falls back to the registry where no catalogue was built (running from source)', async () => {
    expect(JSON.parse(JSON.stringify(await indicatorCatalog()))).toEqual(described);
    const r = await sextant(['indicators', 'list', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(described);
  });
});
