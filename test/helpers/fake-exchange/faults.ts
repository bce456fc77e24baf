/**
 * Failures the fake exchange can be told to produce, as real exchanges produce them:
 * throttling (429), Binance's IP ban (418), server errors, a request that never
 * answers, and bodies that are not the JSON the client expects.
 */
export type Fault =
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  | { kind: 'hang'; /** How long the request is held before the socket is dropped (default 30 s). */ ms?: number }
  | { kind: 'garbage'; style?: 'html' | 'truncated' | 'text' };

interface Rule {
  fault: Fault;
  remaining: number;
  path?: string;
  /** Query parameters the request must carry (e.g. one symbol of many). */
  query?: Record<string, string>;
}

export class Faults {
  private rules: Rule[] = [];

  /** Answer the next `times` requests (whose path contains `path`, when given) with `fault`. */
  add(fault: Fault, opts: { times?: number; path?: string; query?: Record<string, string> } = {}): this {
    this.rules.push({ fault, remaining: opts.times ?? 1, path: opts.path, query: opts.query });
    return this;
  }

  clear(): void {
    this.rules = [];
  }

  /** Requests still to be failed by the rules in place. */
  pending(): number {
    return this.rules.reduce((s, r) => s + (Number.isFinite(r.remaining) ? r.remaining : Infinity), 0);
  }

  take(path: string, query?: URLSearchParams): Fault | undefined {
    const matches = (r: Rule): boolean => !r.query || Object.entries(r.query).every(([k, v]) => query?.get(k) === v);
    const rule = this.rules.find((r) => r.remaining > 0 && (r.path === undefined || path.includes(r.path)) && matches(r));
    if (!rule) return undefined;
    rule.remaining--;
    if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
    return rule.fault;
  }
}

/** What each exchange really sends with these statuses (Binance's JSON, a proxy's HTML page otherwise). */
export function statusBody(status: number, binance: boolean): { body: string; type: string; headers: Record<string, string> } {
  if (binance && status === 429) {
    return {
      body: '{"code":-1003,"msg":"Too many requests; current limit of IP(127.0.0.1) is 6000 requests per minute. Please use the websocket for live updates to avoid polling the API."}',
      type: 'application/json',
      headers: { 'retry-after': '1' },
    };
  }
  if (binance && status === 418) {
    return {
      body: '{"code":-1003,"msg":"Way too many requests; IP(127.0.0.1) banned until 1723161600000. Please use the websocket for live updates to avoid bans."}',
      type: 'application/json',
      headers: { 'retry-after': '2' },
    };
  }
  const title = status === 429 ? '429 Too Many Requests' : status === 502 ? '502 Bad Gateway' : status === 503 ? '503 Service Temporarily Unavailable' : `${status} Error`;
  return { body: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`, type: 'text/html', headers: {} };
}
