import { ZodError } from 'zod';

/** A user-facing failure: printed as one line, exit code 1. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/** Every error ends as one readable line on stderr and exit code 1; stacks only with DEBUG. */
export function reportAndExit(err: unknown): never {
  const e = err as Error;
  let msg = e instanceof ZodError ? e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : e?.message ?? String(err);
  msg = msg.split('\n')[0]!;
  process.stderr.write(`sextant: ${msg}\n`);
  if (process.env['DEBUG']) process.stderr.write(`${e?.stack ?? ''}\n`);
  process.exit(1);
}
