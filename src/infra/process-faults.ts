/**
 * Counts of the failures nothing caught: rejections nobody handled and exceptions that
 * reached the top of the stack. The process guard (app/process-guard.ts) feeds them; /health
 * shows them and a metrics endpoint can export them. A non-zero count is a bug to fix: the
 * guard keeps the process alive, it does not make the failure fine.
 */
export interface ProcessFaults {
  unhandledRejections: number;
  uncaughtExceptions: number;
  /** The latest one, for the operator: kind, message and when (ISO). */
  last?: { kind: 'unhandledRejection' | 'uncaughtException'; message: string; at: string };
}

const faults: ProcessFaults = { unhandledRejections: 0, uncaughtExceptions: 0 };

export function recordProcessFault(kind: 'unhandledRejection' | 'uncaughtException', err: unknown, at: Date = new Date()): void {
  if (kind === 'unhandledRejection') faults.unhandledRejections++;
  else faults.uncaughtExceptions++;
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  faults.last = { kind, message: message.slice(0, 300), at: at.toISOString() };
}

/** A copy: callers cannot change the counts. */
export function processFaults(): ProcessFaults {
  return { ...faults, ...(faults.last ? { last: { ...faults.last } } : {}) };
}
