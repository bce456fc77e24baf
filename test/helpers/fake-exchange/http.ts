export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
}

export interface FakeResponse {
  status: number;
  /** Serialised with JSON.stringify. */
  json: unknown;
}

/** A venue's REST API: answers the paths it owns, `undefined` for the others. */
export type Venue = (req: FakeRequest) => FakeResponse | undefined;

export const ok = (json: unknown): FakeResponse => ({ status: 200, json });

export function intParam(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? Math.trunc(n) : undefined;
}

/** The `limit` first (since given) or last items, as exchanges page their lists. */
export function window<T>(items: readonly T[], limit: number, fromStart: boolean): T[] {
  return fromStart ? items.slice(0, limit) : items.slice(Math.max(0, items.length - limit));
}
