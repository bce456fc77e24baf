/**
 * The zod pieces every edge shares (config file, HTTP bodies and queries, CLI): one
 * spelling of "timeframe" and "pair", and one way a zod failure becomes an InputError,
 * so a message reads `field: rule` wherever the value came from.
 */
import { z } from 'zod';
import { InputError, SextantError } from '../errors.js';
import { parseTimeframe } from '../core/timeframes.js';
import { parsePair } from '../core/types.js';

/** `field: rule` of one issue; unknown keys are named as such. */
export function describeZodIssue(issue: z.core.$ZodIssue): { message: string; field?: string } {
  const field = issue.path.map(String).join('.') || undefined;
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => (field ? `${field}.${k}` : k));
    return { message: `unknown field ${keys.join(', ')}`, field: keys[0] };
  }
  return field ? { message: `${field}: ${issue.message}`, field } : { message: issue.message };
}

/** The first issue of a zod failure as an InputError (the one line a user reads). */
export function inputErrorFromZod(err: z.ZodError): InputError {
  const { message, field } = describeZodIssue(err.issues[0]!);
  return new InputError(message, field);
}

/** Parses or throws an InputError naming the field and the rule. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw inputErrorFromZod(r.error);
  return r.data;
}

/** A transform that runs an edge parser and turns its SextantError into a zod issue. */
function viaParser<T>(parse: (s: string) => T) {
  return (s: string, ctx: z.RefinementCtx): T => {
    try {
      return parse(s);
    } catch (e) {
      if (!(e instanceof SextantError)) throw e;
      ctx.addIssue({ code: 'custom', message: e.message });
      return z.NEVER;
    }
  };
}

const STRING_RULE = { error: 'must be a string' };

/** A timeframe in either vocabulary (`day1`, `1d`), as its CCXT name; `base` adds defaults or messages. */
export const timeframeField = <I>(base: z.ZodType<string, I> = z.string(STRING_RULE) as unknown as z.ZodType<string, I>) =>
  base.transform(viaParser(parseTimeframe));

/** A pair in any accepted spelling (`eth_usdt`, `ETH/USDT`, `ETHUSDT`), as a branded Pair. */
export const pairField = <I>(base: z.ZodType<string, I> = z.string(STRING_RULE) as unknown as z.ZodType<string, I>) =>
  base.transform(viaParser((s) => parsePair(s)));

/** A date as YYYY-MM-DD (UTC midnight), an ISO time or epoch ms, as epoch ms. */
export const dateField = () => z.union([z.string(), z.number()]).transform((v, c) => {
  const t = typeof v === 'number' ? v : Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v);
  if (!Number.isFinite(t)) {
    c.addIssue({ code: 'custom', message: 'must be a date (YYYY-MM-DD, ISO time or epoch ms)' });
    return z.NEVER;
  }
  return t;
});
