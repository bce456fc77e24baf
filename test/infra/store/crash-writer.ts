/**
 * Child process for the crash-safety test: commits large upserts one after another,
 * announcing each on stdout, until the parent kills it with SIGKILL.
 * Usage: node --import tsx test/store/crash-writer.ts <db path>
 */
import { writeSync } from 'node:fs';
import { SqliteStore } from '../../../src/infra/store/sqlite.js';
import { endToEnd } from './real-data.js';

const path = process.argv[2];
if (!path) throw new Error('usage: crash-writer.ts <db path>');

// A small page cache makes a big transaction spill its uncommitted pages into the WAL before
// it commits (with the default 16 MiB cache, ~8 MB of rows stay in memory until COMMIT), so
// the kill leaves a WAL holding frames of an unfinished transaction for recovery to ignore.
const store = new SqliteStore({ path, cacheSizeKiB: 256 });
await store.migrate();
const candles = endToEnd([2021, 2022, 2023], 60_000);
// writeSync, not console.log: the line must be out before the next statement runs, or the
// parent could kill us while "begin" is still buffered.
writeSync(1, `ready ${candles.time.length}\n`);
for (let k = 1; ; k++) {
  writeSync(1, `begin ${k}\n`);
  await store.upsertCandles('crash', `S${k}`, '1m', candles);
  writeSync(1, `commit ${k}\n`);
}
