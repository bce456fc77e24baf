/**
 * Runs `fn` over `items` with at most `limit` in flight, results in input order. A
 * bounded pool rather than Promise.all so hundreds of pairs never burst an exchange's
 * rate limit; the source's own throttle spaces the requests inside that bound.
 */
export async function mapPool<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>, signal?: AbortSignal): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal?.aborted) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}
