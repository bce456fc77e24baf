import type { FastifyError, FastifyInstance } from 'fastify';
import { ZodError, type ZodType } from 'zod';
import { InputError, SextantError, asSextantError, codeForStatus } from '../errors.js';
import { describeZodIssue, inputErrorFromZod, parseInput } from '../config/zod.js';
import { excerpt } from './plugins/hardening.js';

/**
 * An error a route raises by HTTP status. Kept for routes that think in statuses; it is a
 * SextantError like any other, so the handler below reads the status from its code.
 */
export class HttpError extends SextantError {
  constructor(readonly statusCode: number, message: string, field?: string) {
    super(codeForStatus(statusCode) ?? 'internal', message, field !== undefined ? { field } : {});
    this.name = 'HttpError';
  }
}

/** "field: rule" for the first issue, so the client learns what to fix. */
export function zodMessage(err: ZodError): { message: string; field?: string } {
  return describeZodIssue(err.issues[0]!);
}

export const parseWith: <T>(schema: ZodType<T>, value: unknown) => T = parseInput;

/** "field: rule" from fastify's schema validation, like zodMessage. */
function ajvError(err: FastifyError): InputError {
  const v = err.validation?.[0];
  if (!v) return new InputError(err.message);
  const params = v.params as { missingProperty?: string; allowedValues?: unknown[]; additionalProperty?: string };
  const field = params.missingProperty ?? params.additionalProperty ?? (v.instancePath.replace(/^\//, '').replace(/\//g, '.') || undefined);
  let rule = v.message ?? 'is invalid';
  if (params.allowedValues) rule = `must be one of ${params.allowedValues.join(', ')}`;
  if (params.additionalProperty) rule = 'is not a known field';
  return new InputError(field ? `${field}: ${rule.replace(/^must have required property .*/, 'is required')}` : rule, field);
}

/**
 * Foreign errors become SextantErrors here, once: zod and fastify's own validation are
 * input errors; a framework error below 500 keeps its status (a 413 stays a 413).
 */
function classify(err: unknown): { error: SextantError; status: number } {
  if (err instanceof SextantError) return { error: err, status: err.httpStatus };
  if (err instanceof ZodError) return { error: inputErrorFromZod(err), status: 400 };
  const fe = err as Partial<FastifyError>;
  if (fe && typeof fe === 'object' && fe.validation) return { error: ajvError(fe as FastifyError), status: 400 };
  if (typeof fe?.statusCode === 'number' && fe.statusCode < 500) {
    const code = codeForStatus(fe.statusCode) ?? 'bad_input';
    return { error: new SextantError(code, String(fe.message), { cause: err }), status: fe.statusCode };
  }
  const error = asSextantError(err);
  return { error, status: error.httpStatus };
}

/**
 * Maps every failure onto a status by its code; a 500 never leaks a stack or an internal
 * message, and no message quotes more than a short excerpt of what the caller sent.
 * `methodsFor` (the app's route index) turns a known path with the wrong method into a 405.
 */
/** The answer to a failure: status, JSON body and Retry-After. The error handler and the fast lane both send this. */
export function errorAnswer(err: unknown): { status: number; body: { status: 'error'; message: string; field?: string }; retryAfter?: string; internal: boolean } {
  const { error, status } = classify(err);
  const message = error.code === 'internal' ? 'internal error while processing the request' : excerpt(error.message);
  return {
    status,
    body: { status: 'error', message, ...(error.field ? { field: excerpt(error.field, 100) } : {}) },
    ...(error.retryAfterS !== undefined ? { retryAfter: String(Math.ceil(error.retryAfterS)) } : {}),
    internal: status >= 500,
  };
}

export function installErrorHandler(app: FastifyInstance, opts: { methodsFor?: (path: string) => string[] } = {}): void {
  app.setErrorHandler((err: FastifyError | Error, req, reply) => {
    const { status, body, retryAfter } = errorAnswer(err);
    if (status >= 500) req.log.error({ err }, 'request failed');
    else if (status === 401 || status === 403) req.log.warn({ status, reason: body.message }, 'request refused');
    if (retryAfter !== undefined) void reply.header('retry-after', retryAfter);
    void reply.status(status).send(body);
  });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0]!;
    const allowed = opts.methodsFor?.(path) ?? [];
    if (allowed.length && !allowed.includes(req.method)) {
      void reply.status(405).header('allow', allowed.join(', ')).send({ status: 'error', message: `method ${req.method} not allowed on ${excerpt(path, 200)}: use ${allowed.join(', ')}` });
      return;
    }
    void reply.status(404).send({ status: 'error', message: `no route ${req.method} ${excerpt(path, 200)}` });
  });
}
