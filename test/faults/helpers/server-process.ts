import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

export interface ServerProcess {
  url: string;
  proc: ChildProcess;
  /** Everything the process wrote to stderr so far (logs at LOG_LEVEL). */
  stderr(): string;
  alive(): boolean;
  stop(): Promise<void>;
}

/**
 * The real CLI server process (`sextant serve --port 0`) with `config` as its YAML file and
 * `env` on top of the test's environment (REDIS_URL and DATABASE_URL only when given).
 */
export async function startServerProcess(opts: { config?: Record<string, unknown>; env?: Record<string, string>; args?: string[] } = {}): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...opts.env };
  for (const k of ['REDIS_URL', 'DATABASE_URL']) if (!opts.env?.[k]) delete env[k];
  if (opts.config) {
    const file = join(tmpdir(), `sextant-fault-${process.pid}-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(file, stringify(opts.config));
    env['SEXTANT_CONFIG'] = file;
  } else {
    delete env['SEXTANT_CONFIG'];
  }
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', ...(opts.args ?? [])], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stderr!.on('data', (c: Buffer) => (err += c));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}${err}`)), 90_000);
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
  return {
    url,
    proc,
    stderr: () => err,
    alive: () => proc.exitCode === null && proc.signalCode === null,
    stop: () => new Promise<void>((r) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return r();
      proc.once('exit', () => r());
      proc.kill('SIGTERM');
    }),
  };
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
