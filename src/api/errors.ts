import type { FastifyError, FastifyInstance } from 'fastify';
import { ZodError, type ZodType } from 'zod';
import { MarketError } from '../sources/market/errors.js';
import { SymbolFormatError } from '../sources/market/types.js';
import { TimeframeError } from '../core/timeframes.js';
import { IndicatorError } from '../core/indicators/types.js';

/** An error with an HTTP status and a message meant for the client. */
export class HttpError extends Error {
  constructor(readonly statusCode: number, message: string, readonly field?: string) {
    super(message);
    this.name = 'HttpError';
  }
}

/** "field: rule" for the first issue, so the client learns what to fix. */
export function zodMessage(err: ZodError): { message: string; field?: string } {
  const issue = err.issues[0]!;
  const field = issue.path.join('.') || undefined;
  if (issue.code === 'unrecognized_keys') return { message: `unknown field ${issue.keys.join(', ')}`, field: issue.keys[0] };
  return { message: field ? `${field}: ${issue.message}` : issue.message, field };
}

export function parseWith<T>(schema: ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value ?? {});
  if (!r.success) {
    const { message, field } = zodMessage(r.error);
    throw new HttpError(400, message, field);
  }
  return r.data;
}

/** "field: rule" from fastify's schema validation, like zodMessage. */
function ajvMessage(err: FastifyError): { message: string; field?: string } {
  const v = err.validation?.[0];
  if (!v) return { message: err.message };
  const params = v.params as { missingProperty?: string; allowedValues?: unknown[]; additionalProperty?: string };
  const field = params.missingProperty ?? params.additionalProperty ?? (v.instancePath.replace(/^\//, '').replace(/\//g, '.') || undefined);
  let rule = v.message ?? 'is invalid';
  if (params.allowedValues) rule = `must be one of ${params.allowedValues.join(', ')}`;
  if (params.additionalProperty) rule = 'is not a known field';
  return { message: field ? `${field}: ${rule.replace(/^must have required property .*/, 'is required')}` : rule, field };
}

/** Maps every failure onto a status once; a 500 never leaks a stack. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | Error, req, reply) => {
    let status = 500;
    let message = 'internal error while processing the request';
    let field: string | undefined;
    if (err instanceof HttpError) {
      status = err.statusCode;
      message = err.message;
      field = err.field;
    } else if (err instanceof ZodError) {
      status = 400;
      ({ message, field } = zodMessage(err));
    } else if (err instanceof MarketError) {
      status = err.httpStatus;
      message = err.message;
    } else if (err instanceof SymbolFormatError) {
      status = 400;
      message = err.message;
      field = 'pair';
    } else if (err instanceof TimeframeError) {
      status = 400;
      message = err.message;
      field = 'timeframe';
    } else if (err instanceof IndicatorError) {
      status = 400;
      message = err.message;
      field = err.field;
    } else if ('validation' in err && (err as FastifyError).validation) {
      status = 400;
      ({ message, field } = ajvMessage(err as FastifyError));
    } else if ('statusCode' in err && typeof (err as FastifyError).statusCode === 'number' && (err as FastifyError).statusCode! < 500) {
      status = (err as FastifyError).statusCode!;
      message = err.message;
    }
    if (status >= 500) req.log.error({ err }, 'request failed');
    void reply.status(status).send({ status: 'error', message, ...(field ? { field } : {}) });
  });
  app.setNotFoundHandler((req, reply) => {
    void reply.status(404).send({ status: 'error', message: `no route ${req.method} ${req.url.split('?')[0]}` });
  });
}
