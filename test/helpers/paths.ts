import { join, resolve } from 'node:path';

/** The repository root (this file is test/helpers/paths.ts). */
export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

/**
 * Reference data that is too large or not ours to bundle sits beside the clone as `../shared`,
 * relative to the repository root and nowhere else: a user's clone and CI's clone find it the same way.
 */
export const SHARED_DIR = join(REPO_ROOT, '..', 'shared');
export const SHARED_DATA = join(SHARED_DIR, 'data');
export const SHARED_GOLDEN = join(SHARED_DIR, 'golden');

/** A path under ../shared, e.g. `shared('data/nostalgia-for-infinity/binance/ETH_USDT-1h.json')`. */
export const shared = (relative: string): string => join(SHARED_DIR, relative);

/**
 * Where benchmarks write their figures (git-ignored): `npm run bench` must not rewrite tracked
 * files. A bench writes its committed figures only when run with `--update`.
 */
export const BENCH_OUT = join(REPO_ROOT, 'bench', 'out');

/** What tests leave for a person to look at (screenshots; git-ignored). */
export const TEST_OUT = join(REPO_ROOT, 'test', 'out');
