import Bottleneck from 'bottleneck';
import CircuitBreaker from 'opossum';
import { UnavailableError } from '../../errors.js';

export interface GuardOptions {
  /** Name used in errors and health ("blockchain.com", "reddit", "alternative.me"). */
  name: string;
  /** Outbound requests per minute the provider allows. */
  perMinute: number;
  timeoutMs: number;
  /** Consecutive-failure share that opens the breaker, and how long it stays open. */
  errorThresholdPercentage?: number;
  resetTimeoutMs?: number;
  /** Requests looked at before the breaker may open. */
  volumeThreshold?: number;
}

export interface GuardState {
  name: string;
  breaker: 'closed' | 'open' | 'half-open';
  failures: number;
  lastError: string | null;
}

/**
 * One outbound dependency: a token bucket (bottleneck) keeps us under the provider's rate
 * limit and a circuit breaker (opossum) stops calling a provider that keeps failing, so a
 * dead source costs one fast rejection instead of a timeout per request.
 */
export class OutboundGuard {
  private readonly limiter: Bottleneck;
  private readonly breaker: CircuitBreaker<[() => Promise<unknown>], unknown>;
  private failures = 0;
  private lastError: string | null = null;

  constructor(readonly opts: GuardOptions) {
    const perMinute = Math.max(1, Math.floor(opts.perMinute));
    this.limiter = new Bottleneck({
      reservoir: perMinute,
      reservoirRefreshAmount: perMinute,
      reservoirRefreshInterval: 60_000,
      maxConcurrent: 4,
    });
    this.breaker = new CircuitBreaker((fn: () => Promise<unknown>) => this.limiter.schedule(fn), {
      timeout: opts.timeoutMs,
      errorThresholdPercentage: opts.errorThresholdPercentage ?? 50,
      resetTimeout: opts.resetTimeoutMs ?? 30_000,
      volumeThreshold: opts.volumeThreshold ?? 3,
    });
    this.breaker.on('failure', (e: Error) => {
      this.failures++;
      this.lastError = e.message;
    });
    this.breaker.on('success', () => (this.lastError = null));
  }

  /** Runs `fn` under the limit and the breaker; any failure is an UnavailableError naming the source. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return (await this.breaker.fire(fn)) as T;
    } catch (e) {
      const err = e as Error & { code?: string };
      const why = err.code === 'EOPENBREAKER' ? `circuit open after repeated failures (last: ${this.lastError ?? 'unknown'})` : err.code === 'ETIMEDOUT' ? `timed out after ${this.opts.timeoutMs} ms` : err.message;
      throw new UnavailableError(this.opts.name, `${this.opts.name}: ${why}`);
    }
  }

  state(): GuardState {
    return { name: this.opts.name, breaker: this.breaker.opened ? 'open' : this.breaker.halfOpen ? 'half-open' : 'closed', failures: this.failures, lastError: this.lastError };
  }

  async stop(): Promise<void> {
    this.breaker.shutdown();
    await this.limiter.stop({ dropWaitingJobs: true }).catch(() => undefined);
  }
}

/** GET (or POST) JSON with a per-request timeout; a non-2xx answer is an error carrying the status. */
export async function fetchJson(url: string, init: RequestInit & { timeoutMs: number }): Promise<unknown> {
  const { timeoutMs, ...rest } = init;
  const res = await fetch(url, { ...rest, signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  if (!res.ok) throw new Error(`HTTP ${res.status} from ${new URL(url).host}${text ? `: ${text.slice(0, 120)}` : ''}`);
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`non-JSON answer from ${new URL(url).host}: ${text.slice(0, 80)}`);
  }
}
