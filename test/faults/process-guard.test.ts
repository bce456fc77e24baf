import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * A real process with the guard installed: a rejection nobody handles and an exception
 * nobody catches are logged and counted, and the process carries on to its normal end.
 * Without the guard, Node ends such a process with exit code 1 at the first of them.
 */
const script = (guard: boolean) => `
  const { processFaults } = await import('./src/infra/process-faults.ts');
  ${guard ? "const { installProcessGuard } = await import('./src/app/process-guard.ts'); installProcessGuard((kind, err) => process.stderr.write('logged ' + kind + ': ' + err.message + '\\\\n'));" : ''}
  Promise.reject(new Error('nobody waits for me'));
  setTimeout(() => { throw new Error('thrown from a timer'); }, 10);
  setTimeout(() => { process.stdout.write(JSON.stringify(processFaults())); }, 200);
`;

function run(guard: boolean): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script(guard)], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('process guard', () => {
  it('keeps the process alive through an unhandled rejection and an uncaught exception, logging and counting both', () => {
    const r = run(true);
    expect(r.status, r.stderr).toBe(0);
    const faults = JSON.parse(r.stdout) as { unhandledRejections: number; uncaughtExceptions: number; last: { kind: string; message: string } };
    expect(faults).toMatchObject({ unhandledRejections: 1, uncaughtExceptions: 1 });
    expect(faults.last).toMatchObject({ kind: 'uncaughtException', message: expect.stringContaining('thrown from a timer') });
    expect(r.stderr).toContain('logged unhandledRejection: nobody waits for me');
    expect(r.stderr).toContain('logged uncaughtException: thrown from a timer');
  }, 90_000);

  it('is what makes the difference: the same script without it dies', () => {
    const r = run(false);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe('');
  }, 90_000);
});
