import type { MarketError } from '../errors.js';

export interface RetryPolicy {
  /** Total tries, the first included (1 = no retry). */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 10_000 };

/**
 * "Full jitter" backoff: a random delay in [0, min(max, base·2^n)]. Spreading retries
 * keeps many scanners that failed together from hammering the exchange together.
 */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(random() * cap);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `fn` until it succeeds, fails with a non-retryable error, or the attempts are
 * spent. `classify` turns any failure into a MarketError that knows the attempt count.
 */
export async function withRetry<T>(
  fn: () => Promise<T>,
  policy: RetryPolicy,
  classify: (err: unknown, attempts: number) => MarketError,
  opts: {
    random?: () => number;
    signal?: AbortSignal;
    onRetry?: (err: MarketError, attempt: number, delayMs: number) => void;
    /** False: give up now although the error is retryable (an IP ban: every retry extends it). */
    shouldRetry?: (err: MarketError) => boolean;
    /** The least delay the exchange asked for (Retry-After), which the backoff must not undercut. */
    minDelayMs?: (err: MarketError) => number | undefined;
  } = {},
): Promise<T> {
  const attempts = Math.max(1, Math.floor(policy.attempts));
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (raw) {
      const err = classify(raw, attempt);
      if (!err.retryable || attempt >= attempts || opts.signal?.aborted || opts.shouldRetry?.(err) === false) throw err;
      const delay = Math.max(backoffDelay(policy, attempt - 1, opts.random), opts.minDelayMs?.(err) ?? 0);
      opts.onRetry?.(err, attempt, delay);
      await sleep(delay, opts.signal);
    }
  }
}
