import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultScannerSettings } from '../../../src/config/scanner.js';
import { PostgresStore } from '../../../src/infra/store/postgres.js';
import { SqliteStore } from '../../../src/infra/store/sqlite.js';
import type { Store } from '../../../src/infra/store/types.js';
import type { AlertSink } from '../../../src/services/scanner/alerts.js';
import { ScannerService } from '../../../src/services/scanner/service.js';
import { ScanResultStore } from '../../../src/services/scanner/store.js';
import type { AlertItem } from '../../../src/services/scanner/types.js';
import { ReplaySource } from '../../../src/sources/market/replay/source.js';
import { DATABASE_URL, requires } from '../../helpers/requires.js';

const HOUR = 3_600_000;

function recorder(): AlertSink & { got: AlertItem[][] } {
  const got: AlertItem[][] = [];
  return { name: 'recorder', got, async send(alerts) { got.push([...alerts]); } };
}

function suite(kind: string, open: () => Promise<Store>, dispose: (s: Store) => Promise<void>): void {
  describe(`scanner on the ${kind} store: alerts sent once across services, retention`, () => {
    const dir = mkdtempSync(join(tmpdir(), `sextant-scan-retention-${kind}-`));
    let store: Store;
    const source = new ReplaySource();
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await dispose(store);
      rmSync(dir, { recursive: true, force: true });
    });

    it('a second service (another process) on the same store does not send the alerts the first one sent', async () => {
      const settings = defaultScannerSettings({ resultsDir: join(dir, 'a'), top: 30, alertScope: 'all', png: 'none' });
      const one = recorder();
      const first = await new ScannerService(source, settings, [one], new ScanResultStore(store)).run('manual');
      expect(first.summary.alerts.length).toBeGreaterThan(3);
      expect(first.sent).toBe(first.summary.alerts.length);
      const two = recorder();
      const second = await new ScannerService(source, { ...settings, resultsDir: join(dir, 'b') }, [two], new ScanResultStore(store)).run('manual');
      expect(second.summary.alerts).toEqual(first.summary.alerts);
      expect(second.sent).toBe(0);
      expect(two.got).toEqual([]);
      // A wider batch finds some new pairs' alerts: exactly those go out.
      const wider = await new ScannerService(source, { ...settings, top: 45 }, [two], new ScanResultStore(store)).run('manual');
      const known = new Set(first.summary.alerts.map((a) => `${a.symbol}|${a.time}`));
      const fresh = wider.summary.alerts.filter((a) => !known.has(`${a.symbol}|${a.time}`));
      expect(wider.sent).toBe(fresh.length);
      expect(two.got.flat().map((a) => `${a.symbol}|${a.time}`).sort()).toEqual(fresh.map((a) => `${a.symbol}|${a.time}`).sort());
    }, 120_000);

    it('keeps the newest maxBatches and drops batches older than maxAgeHours, from the files and the store', async () => {
      const root = join(dir, 'retention');
      // A store of its own: the batches of the test above would count against the limits.
      const own = await open();
      let now = Date.parse('2026-01-01T00:00:00Z');
      const make = (retention: { maxBatches: number; maxAgeHours: number }) => new ScannerService(
        source, defaultScannerSettings({ resultsDir: root, top: 3, png: 'none', retention }), [], new ScanResultStore(own), () => now,
      );
      try {
      const svc = make({ maxBatches: 2, maxAgeHours: 0 });
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const run = await svc.run('manual');
        ids.push(run.summary.batchId);
        now += HOUR;
      }
      expect((await svc.batches()).map((b) => b.batchId)).toEqual([ids[2], ids[1]]);
      expect(existsSync(join(root, ids[0]!))).toBe(false);
      expect(existsSync(join(root, ids[1]!))).toBe(true);
      expect(await svc.summary(ids[0]!)).toBeNull();
      expect(await svc.pair('BTC/USDT', ids[0])).toBeNull();

      // Two days later, with a 24 h age limit: only the new batch stays.
      now += 48 * HOUR;
      const aged = await make({ maxBatches: 0, maxAgeHours: 24 }).run('manual');
      expect(aged.pruned.sort()).toEqual([ids[1], ids[2]].sort());
      expect((await svc.batches()).map((b) => b.batchId)).toEqual([aged.summary.batchId]);
      expect(existsSync(join(root, ids[2]!))).toBe(false);
      // Both rules off: nothing is deleted.
      now += 1000 * HOUR;
      const kept = await make({ maxBatches: 0, maxAgeHours: 0 }).run('manual');
      expect(kept.pruned).toEqual([]);
      expect((await svc.batches()).length).toBe(2);
      } finally {
        await dispose(own);
      }
    }, 120_000);
  });
}

suite('sqlite', async () => {
  const s = new SqliteStore({ path: ':memory:' });
  await s.migrate();
  return s;
}, (s) => s.close());

if (await requires('postgres')) {
  // A schema per store opened, dropped on dispose.
  suite('postgres', async () => {
    const schema = `sx_scanret_${process.pid}_${randomBytes(3).toString('hex')}`;
    const s = await PostgresStore.connect({ connectionString: DATABASE_URL, schema, max: 2 });
    await s.migrate();
    return s;
  }, async (s) => {
    await (s as PostgresStore).dropSchema();
    await s.close();
  });
}
