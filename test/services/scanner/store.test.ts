import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultScannerSettings } from '../../../src/config/scanner.js';
import { PostgresStore } from '../../../src/infra/store/postgres.js';
import { SqliteStore } from '../../../src/infra/store/sqlite.js';
import type { Store } from '../../../src/infra/store/types.js';
import { readPair, readSummary } from '../../../src/services/scanner/results.js';
import { ScannerService } from '../../../src/services/scanner/service.js';
import { ScanResultStore } from '../../../src/services/scanner/store.js';
import { ReplaySource } from '../../../src/sources/market/replay/source.js';
import { DATABASE_URL, requires } from '../../helpers/requires.js';

/**
 * Two real batches over the bundled replay data go through the store; what the store answers
 * must be exactly what the exported files hold (the files stay the HTML/JSON export).
 */
function suite(kind: string, open: () => Promise<Store>, dispose: (s: Store) => Promise<void>): void {
  describe(`scanner results in the ${kind} store`, () => {
    const dir = mkdtempSync(join(tmpdir(), `sextant-scan-store-${kind}-`));
    let store: Store;
    let svc: ScannerService;
    let ids: string[];
    beforeAll(async () => {
      store = await open();
      svc = new ScannerService(new ReplaySource(), defaultScannerSettings({ resultsDir: dir, top: 8 }), [], new ScanResultStore(store));
      const a = await svc.run('manual');
      const b = await svc.run('manual', { top: 4 });
      ids = [a.summary.batchId, b.summary.batchId];
    }, 120_000);
    afterAll(async () => {
      await dispose(store);
      rmSync(dir, { recursive: true, force: true });
    });

    it('serves the latest batch, the history newest first, and each batch as the files hold it', async () => {
      expect((await svc.latest())?.batchId).toBe(ids[1]);
      const heads = await svc.batches();
      expect(heads.map((h) => h.batchId)).toEqual([ids[1], ids[0]]);
      expect(heads[0]).not.toHaveProperty('results');
      expect(heads.map((h) => h.pairs.requested)).toEqual([4, 8]);
      for (const id of ids) expect(await svc.summary(id)).toEqual(readSummary(svc.root, id));
      expect(await svc.summary('2001-01-01T00-00-00-000Z')).toBeNull();
    });

    it('serves a pair of the latest or of a named batch, equal to its exported file', async () => {
      const first = (await svc.summary(ids[0]!))!;
      const symbol = first.results[0]!.symbol;
      const fromStore = await svc.pair(symbol, ids[0]);
      expect(fromStore).toEqual(readPair(svc.root, ids[0]!, symbol));
      expect(fromStore?.status).toBe('ok');
      const inLatest = (await svc.latest())!.results[0]!.symbol;
      expect((await svc.pair(inLatest))?.batchId).toBe(ids[1]);
      expect(await svc.pair('NOPE/USDT')).toBeNull();
    });

    it('is read by a second process on the same store (a fresh service with no files of its own)', async () => {
      const other = new ScannerService(new ReplaySource(), defaultScannerSettings({ resultsDir: join(dir, 'elsewhere'), top: 8 }), [], new ScanResultStore(store));
      expect((await other.latest())?.batchId).toBe(ids[1]);
      expect((await other.batches()).length).toBe(2);
    });
  });
}

suite('sqlite', async () => {
  const s = new SqliteStore({ path: ':memory:' });
  await s.migrate();
  return s;
}, (s) => s.close());

if (await requires('postgres')) {
  const schema = `sx_scan_${process.pid}_${randomBytes(3).toString('hex')}`;
  suite('postgres', async () => {
    const s = await PostgresStore.connect({ connectionString: DATABASE_URL, schema, max: 2 });
    await s.migrate();
    return s;
  }, async (s) => {
    await (s as PostgresStore).dropSchema();
    await s.close();
  });
}
