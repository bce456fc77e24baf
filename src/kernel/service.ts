/**
 * The one lifecycle shape every long-lived part of Sextant has, so the composition root
 * can start, stop and ask each of them the same way. It lives in the kernel (pure types
 * and one pure function) so that infra adapters below the services layer can implement it.
 */
export type HealthStatus = 'ok' | 'degraded' | 'down';

export interface ServiceHealth {
  status: HealthStatus;
  /** Why it is not ok, in words an operator can act on (e.g. "connect ECONNREFUSED 127.0.0.1:6390"). */
  reason?: string;
  /** Facts worth showing on /health (backend kind, last batch...). */
  details?: Record<string, unknown>;
}

export interface Service {
  start?(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Cheap enough to call on every /health request. May be async: a remote dependency is
   * only known to be reachable after asking it.
   */
  health(): ServiceHealth | Promise<ServiceHealth>;
}

const RANK: Record<HealthStatus, number> = { ok: 0, degraded: 1, down: 2 };

/**
 * The whole process's status: `down` only when a dependency it cannot work without is down;
 * anything else that is not ok makes it `degraded` (it still answers, with less).
 */
export function overallStatus(checks: Record<string, ServiceHealth>, critical: readonly string[]): HealthStatus {
  let worst: HealthStatus = 'ok';
  for (const [name, h] of Object.entries(checks)) {
    const s: HealthStatus = h.status === 'down' && !critical.includes(name) ? 'degraded' : h.status;
    if (RANK[s] > RANK[worst]) worst = s;
  }
  return worst;
}
