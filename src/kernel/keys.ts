/**
 * Event keys: a key names the conditions under which an event fired, so that events of
 * one rule form a time series that can be stored and queried by key.
 *
 * Grammar:
 *   key       = condition *( "/" condition )
 *   condition = name ":" value
 *   name      = lower *( lower / digit / "_" )        e.g. vol_1m, buy_share_5m, lvl
 *   value     = number / token                       e.g. 300, 0.5, -2, buy, run10
 *   number    = [ "-" ] 1*digit [ "." 1*digit ]
 *   token     = lower *( lower / digit )
 * A name appears at most once; the order is the rule's own and is part of the key (two
 * spellings of one rule would split its series, so detectors build keys with `formatKey`
 * from a fixed list). At most 16 conditions, 200 characters.
 *
 * Keys used by the tracker (thresholds are the rule's parameters, not the observed values):
 *   vol_<w>:<pct>/bench:<b>/side:<buy|sell|mixed>   closed <w> window volume ≥ pct % of the benchmark;
 *                                                   b = run<N> (mean of the previous N windows of the run)
 *                                                   or d<N> (daily benchmark over N days)
 *   move_<w>:<bps>                                  closed <w> window high−low ≥ bps basis points of its open
 *   imb:<pct>/band_bp:<bp>/side:<bid|ask>           |book imbalance| within ±bp of mid reached pct %
 *   wall:<factor>/band_bp:<bp>/side:<bid|ask>       a level ≥ factor × the band's median level size appeared
 *   spoof:<factor>/life_s:<s>/band_bp:<bp>/side:<bid|ask>   see core/orderbook/spoof.ts
 *   book:resync                                     a sequence gap forced a resync
 * The seed's example `buy_vol_1m:0/vol_1m:75/timeframe:1440/lvl:200` parses under the same grammar.
 */
import { InputError } from '../errors.js';

export type KeyValue = number | string;
export type KeyParts = readonly (readonly [name: string, value: KeyValue])[];

const NAME = /^[a-z][a-z0-9_]*$/;
const VALUE = /^(-?\d+(\.\d+)?|[a-z][a-z0-9]*)$/;

export function formatKey(parts: KeyParts): string {
  if (!parts.length) throw new InputError('an event key has at least one condition', 'event_key');
  const seen = new Set<string>();
  const out: string[] = [];
  for (const [name, v] of parts) {
    const value = typeof v === 'number' ? numberText(v) : v;
    if (!NAME.test(name) || seen.has(name) || !VALUE.test(value)) {
      throw new InputError(`event key condition "${name}:${value}" is not name:value (name [a-z][a-z0-9_]*, value a number or [a-z][a-z0-9]*, names unique)`, 'event_key');
    }
    seen.add(name);
    out.push(`${name}:${value}`);
  }
  return out.join('/');
}

function numberText(v: number): string {
  if (!Number.isFinite(v)) throw new InputError(`event key value ${v} is not a finite number`, 'event_key');
  // Enough digits to tell thresholds apart, never exponent notation.
  return String(Number(v.toFixed(6)));
}

/** Parses and validates a key (HTTP and CLI input); throws InputError naming the rule broken. */
export function parseKey(key: string, field = 'event_key'): [string, KeyValue][] {
  if (typeof key !== 'string' || !key || key.length > 200) throw new InputError(`${field} must be 1..200 characters of name:value conditions joined by "/"`, field);
  const parts = key.split('/');
  if (parts.length > 16) throw new InputError(`${field} has more than 16 conditions`, field);
  const seen = new Set<string>();
  return parts.map((p) => {
    const i = p.indexOf(':');
    const name = i > 0 ? p.slice(0, i) : '';
    const value = i > 0 ? p.slice(i + 1) : '';
    if (!NAME.test(name) || !VALUE.test(value)) throw new InputError(`${field} condition "${p}" is not name:value (e.g. vol_1m:300)`, field);
    if (seen.has(name)) throw new InputError(`${field} names "${name}" twice`, field);
    seen.add(name);
    return [name, /^-?\d/.test(value) ? Number(value) : value];
  });
}

/** The canonical spelling of a valid key (numbers normalised: 300.0 -> 300). */
export const canonicalKey = (key: string, field?: string): string => formatKey(parseKey(key, field));
