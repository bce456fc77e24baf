/**
 * One error tree for the whole program. An adapter maps its native failures (CCXT,
 * pg, ioredis, zod, fs) into a SextantError once; the HTTP layer and the CLI read the
 * status and the exit code from the code and never test classes one by one.
 *
 * | code              | HTTP | CLI exit | meaning                                              |
 * |-------------------|------|----------|------------------------------------------------------|
 * | bad_input         | 400  | 2        | a value the caller gave breaks a rule (field named)  |
 * | unauthorized      | 401  | 2        | no or bad credentials                                |
 * | forbidden         | 403  | 2        | credentials lack the role                            |
 * | not_found         | 404  | 3        | the pair, series, batch or id does not exist         |
 * | conflict          | 409  | 2        | the request contradicts the current state            |
 * | rate_limited      | 429  | 4        | we or the exchange throttle; retry later             |
 * | unavailable       | 503  | 4        | a dependency (exchange, Redis, database, LLM) is down|
 * | timeout           | 504  | 4        | a dependency did not answer in time                  |
 * | bad_upstream      | 502  | 4        | a dependency answered with something unusable        |
 * | not_supported     | 400  | 2        | the source or exchange cannot do this                |
 * | internal          | 500  | 1        | a bug: logged with its stack, never shown            |
 */
export type ErrorCode =
  | 'bad_input'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'unavailable'
  | 'timeout'
  | 'bad_upstream'
  | 'not_supported'
  | 'internal';

export const ERROR_TABLE: Readonly<Record<ErrorCode, { http: number; exit: number; retryable: boolean }>> = {
  bad_input: { http: 400, exit: 2, retryable: false },
  unauthorized: { http: 401, exit: 2, retryable: false },
  forbidden: { http: 403, exit: 2, retryable: false },
  not_found: { http: 404, exit: 3, retryable: false },
  conflict: { http: 409, exit: 2, retryable: false },
  rate_limited: { http: 429, exit: 4, retryable: true },
  unavailable: { http: 503, exit: 4, retryable: true },
  timeout: { http: 504, exit: 4, retryable: true },
  bad_upstream: { http: 502, exit: 4, retryable: true },
  not_supported: { http: 400, exit: 2, retryable: false },
  internal: { http: 500, exit: 1, retryable: false },
};

export interface SextantErrorOptions {
  /** The input field the error is about (HTTP body key, CLI option, config key). */
  field?: string;
  /** The dependency it concerns (exchange id, 'redis', 'postgres', 'llm'). */
  dependency?: string;
  /** Seconds the caller should wait (HTTP Retry-After). */
  retryAfterS?: number;
  cause?: unknown;
}

export class SextantError extends Error {
  readonly field?: string;
  readonly dependency?: string;
  readonly retryAfterS?: number;

  constructor(readonly code: ErrorCode, message: string, opts: SextantErrorOptions = {}) {
    super(message, opts.cause !== undefined ? { cause: opts.cause } : undefined);
    this.name = 'SextantError';
    if (opts.field !== undefined) this.field = opts.field;
    if (opts.dependency !== undefined) this.dependency = opts.dependency;
    if (opts.retryAfterS !== undefined) this.retryAfterS = opts.retryAfterS;
  }

  get httpStatus(): number {
    return ERROR_TABLE[this.code].http;
  }

  get exitCode(): number {
    return ERROR_TABLE[this.code].exit;
  }

  get retryable(): boolean {
    return ERROR_TABLE[this.code].retryable;
  }
}

/** A value the caller supplied breaks a rule; the message names the field and the rule. */
export class InputError extends SextantError {
  constructor(message: string, field?: string) {
    super('bad_input', message, field !== undefined ? { field } : {});
    this.name = 'InputError';
  }
}

export class NotFoundError extends SextantError {
  constructor(message: string, field?: string) {
    super('not_found', message, field !== undefined ? { field } : {});
    this.name = 'NotFoundError';
  }
}

/** A dependency is down or refused; the request may work later. */
export class UnavailableError extends SextantError {
  constructor(dependency: string, message: string, opts: Omit<SextantErrorOptions, 'dependency'> = {}) {
    super('unavailable', message, { ...opts, dependency });
    this.name = 'UnavailableError';
  }
}

/** The code whose HTTP status is `status`, for errors that only know a status (framework errors). */
export function codeForStatus(status: number): ErrorCode | undefined {
  // not_supported shares 400 with bad_input; a bare 400 is the caller's input.
  if (status === 400) return 'bad_input';
  return (Object.keys(ERROR_TABLE) as ErrorCode[]).find((c) => ERROR_TABLE[c].http === status);
}

/** Anything thrown, as a SextantError: foreign errors become `internal` with their message kept for logs. */
export function asSextantError(err: unknown): SextantError {
  if (err instanceof SextantError) return err;
  const e = err instanceof Error ? err : new Error(String(err));
  return new SextantError('internal', e.message, { cause: e });
}
