import { ZodError } from 'zod';
import { SextantError, asSextantError, type ErrorCode } from '../errors.js';
import { inputErrorFromZod } from '../config/zod.js';

/** A user-facing failure of a command (bad_input unless said otherwise): one line, the code's exit code. */
export class CliError extends SextantError {
  constructor(message: string, code: ErrorCode = 'bad_input', field?: string) {
    super(code, message, field !== undefined ? { field } : {});
    this.name = 'CliError';
  }
}

/** The error as a SextantError: zod failures are input errors, anything foreign is internal. */
export function cliError(err: unknown): SextantError {
  return err instanceof ZodError ? inputErrorFromZod(err) : asSextantError(err);
}

/**
 * Every error ends as one readable line on stderr and the exit code of its code
 * (2 bad input, 3 not found, 4 dependency down, 1 a bug); stacks only with DEBUG.
 */
export function reportAndExit(err: unknown): never {
  const e = cliError(err);
  const line = (e.message || e.code).split('\n')[0]!;
  process.stderr.write(`sextant: ${line}\n`);
  if (process.env['DEBUG']) process.stderr.write(`${(e.cause as Error | undefined)?.stack ?? e.stack ?? ''}\n`);
  process.exit(e.exitCode);
}
