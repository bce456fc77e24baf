import { existsSync } from 'node:fs';
import pg from 'pg';
import { Redis } from 'ioredis';
import { SHARED_DIR, shared } from './paths.js';

/**
 * What a suite needs from outside the repository. On a user's fresh clone a missing dependency
 * skips the suite with one line naming it; CI sets REQUIRE_SERVICES=1 so that the same absence
 * fails the run instead of letting it go green without the suite.
 */
export type Requirement = 'postgres' | 'redis' | 'chromium' | `shared:${string}`;

export const REQUIRE_SERVICES = process.env['REQUIRE_SERVICES'] === '1';
export const DATABASE_URL = process.env['DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env['REDIS_URL'] || 'redis://127.0.0.1:6379';
export const CHROMIUM = '/usr/bin/chromium';

/** A URL fit for a log line: no password. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}

async function postgresMissing(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (err) {
    return `PostgreSQL at ${redact(DATABASE_URL)} (${(err as Error).message || (err as Error).name})`;
  } finally {
    await client.end().catch(() => {});
  }
}

async function redisMissing(): Promise<string | undefined> {
  // No retries: a missing server must answer "missing" at once, not after ioredis' reconnect loop.
  const redis = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 2_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  // The socket's own error (ECONNREFUSED ...) says more than the rejected connect ("Connection is closed").
  let cause: Error | undefined;
  redis.on('error', (err: Error) => (cause ??= err));
  try {
    await redis.connect();
    await redis.ping();
    return undefined;
  } catch (err) {
    return `Redis at ${redact(REDIS_URL)} (${(cause ?? (err as Error)).message})`;
  } finally {
    redis.disconnect();
  }
}

async function missing(req: Requirement): Promise<string | undefined> {
  if (req === 'postgres') return postgresMissing();
  if (req === 'redis') return redisMissing();
  if (req === 'chromium') return existsSync(CHROMIUM) ? undefined : `Chromium at ${CHROMIUM} (apt-get install chromium)`;
  const relative = req.slice('shared:'.length);
  return existsSync(shared(relative)) ? undefined : `../shared/${relative} (looked in ${SHARED_DIR})`;
}

// One probe per dependency and process: several suites of one file ask for the same server.
const probes = new Map<Requirement, Promise<string | undefined>>();

/**
 * True when every requirement is present. When one is missing: throws under REQUIRE_SERVICES=1,
 * otherwise prints one line saying what is missing and returns false, for `describe.runIf(...)`.
 */
export async function requires(...reqs: Requirement[]): Promise<boolean> {
  const absent: string[] = [];
  for (const req of reqs) {
    let probe = probes.get(req);
    if (!probe) probes.set(req, (probe = missing(req)));
    const why = await probe;
    if (why) absent.push(why);
  }
  return report(absent);
}

/**
 * The same rule for a dependency only its own module can probe (a native library, say):
 * `requiresExternal(native ? undefined : \`libxgboost (${reason})\`)`.
 */
export function requiresExternal(missingWhat: string | undefined): boolean {
  return report(missingWhat ? [missingWhat] : []);
}

function report(absent: string[]): boolean {
  if (!absent.length) return true;
  const what = `missing ${absent.join('; ')}`;
  if (REQUIRE_SERVICES) throw new Error(`REQUIRE_SERVICES=1 and ${what}`);
  console.warn(`skipped: ${what} (with REQUIRE_SERVICES=1 this fails)`);
  return false;
}
