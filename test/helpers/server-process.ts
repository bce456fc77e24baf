import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

export interface ServerProcess {
  url: string;
  port: number;
  proc: ChildProcess;
  /** A temporary folder of this server's own (its SQLite store unless one was given), removed by stop(). */
  dir: string;
  /** Everything the process wrote to stderr so far (logs at LOG_LEVEL). */
  stderr(): string;
  alive(): boolean;
  stop(): Promise<void>;
}

export interface ServeOptions {
  /** Written to a YAML file that the server reads; without it the server reads no config file. */
  config?: Record<string, unknown>;
  /** On top of the test's environment. REDIS_URL and DATABASE_URL reach the server only when given here. */
  env?: Record<string, string>;
  /** More `sextant serve` arguments. */
  args?: string[];
  /** Default 2 min: a tsx start on a loaded 2-core machine has taken more than 45 s. Hooks that call this need a longer timeout. */
  startTimeoutMs?: number;
  /** Also copy the server's stderr to this process's (benches show the server's warnings). */
  echoStderr?: boolean;
}

/**
 * The real CLI server process, as users run it (`sextant serve --port 0`, which prints the URL it
 * bound). Unless the config or env names a store, it gets a SQLite store of its own so that no
 * user's or other suite's data leaks in.
 */
export async function startServerProcess(opts: ServeOptions = {}): Promise<ServerProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-serve-'));
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...opts.env };
  for (const k of ['REDIS_URL', 'DATABASE_URL']) if (!opts.env?.[k]) delete env[k];
  const configStore = (opts.config?.['store'] as { sqlitePath?: string } | undefined)?.sqlitePath;
  if (!configStore && !opts.env?.['SEXTANT_STORE__SQLITE_PATH']) env['SEXTANT_STORE__SQLITE_PATH'] = join(dir, 'store.db');
  if (opts.config) {
    const file = join(dir, 'sextant.yaml');
    writeFileSync(file, stringify(opts.config));
    env['SEXTANT_CONFIG'] = file;
  } else {
    delete env['SEXTANT_CONFIG'];
  }
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', ...(opts.args ?? [])], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stderr!.on('data', (c: Buffer) => {
    err += c;
    if (opts.echoStderr) process.stderr.write(c);
  });
  // A suite that times out or crashes must not leave its server running after the test worker exits.
  const killOnExit = () => proc.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((r) => proc.once('exit', () => {
    process.off('exit', killOnExit);
    r();
  }));
  const alive = () => proc.exitCode === null && proc.signalCode === null;
  const stop = async () => {
    if (alive()) {
      proc.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start: ${out}${err}`)), opts.startTimeoutMs ?? 120_000);
      proc.stdout!.on('data', (c: Buffer) => {
        out += c;
        const m = /Sextant API on (http:\/\/\S+?)[\s(]/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      proc.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code}: ${err}`));
      });
    });
    return { url, port: Number(new URL(url).port), proc, dir, stderr: () => err, alive, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

// Bodies are checked field by field; a loose type keeps those checks short.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = Record<string, any>;

export async function getJson(url: string, timeoutMs = 30_000): Promise<{ status: number; json: Loose; headers: Headers }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Loose };
}

export async function analyze(base: string, body: unknown, timeoutMs = 60_000): Promise<{ status: number; json: Loose; headers: Headers }> {
  const res = await fetch(`${base}/api/v1/analyze`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Loose };
}
