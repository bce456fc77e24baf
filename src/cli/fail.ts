import { SextantError, asSextantError, type ErrorCode } from '../errors.js';

/** A user-facing failure of a command (bad_input unless said otherwise): one line, the code's exit code. */
export class CliError extends SextantError {
  constructor(message: string, code: ErrorCode = 'bad_input', field?: string) {
    super(code, message, field !== undefined ? { field } : {});
    this.name = 'CliError';
  }
}

/** A zod failure, told by shape: importing zod to ask `instanceof` would slow every start. */
function isZodError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && '_zod' in err && Array.isArray((err as { issues?: unknown }).issues);
}

/** The error as a SextantError: zod failures are input errors, anything foreign is internal. */
export async function cliError(err: unknown): Promise<SextantError> {
  if (!isZodError(err)) return asSextantError(err);
  const { inputErrorFromZod } = await import('../config/zod.js');
  return inputErrorFromZod(err as Parameters<typeof inputErrorFromZod>[0]);
}

/**
 * Every error ends as one readable line on stderr and the exit code of its code
 * (2 bad input, 3 not found, 4 dependency down, 1 a bug); stacks only with DEBUG.
 */
export async function reportAndExit(err: unknown): Promise<never> {
  const e = await cliError(err);
  const line = (e.message || e.code).split('\n')[0]!;
  process.stderr.write(`sextant: ${line}\n`);
  if (process.env['DEBUG']) process.stderr.write(`${(e.cause as Error | undefined)?.stack ?? e.stack ?? ''}\n`);
  process.exit(e.exitCode);
}
