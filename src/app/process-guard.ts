import { recordProcessFault } from '../infra/process-faults.js';

export type FaultLogger = (kind: 'unhandledRejection' | 'uncaughtException', err: unknown) => void;

let installed = false;
let logger: FaultLogger = (kind, err) => process.stderr.write(`sextant: ${kind}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);

/**
 * Keeps a long-running process (the server, a worker) alive through a rejection nobody
 * handled or an exception nobody caught: one client's request, one dependency's error event
 * must never take every other client down with it. Each one is logged with its stack and
 * counted (infra/process-faults.ts: /health shows the counts). Installed once per process;
 * a later call only replaces the logger (the server hands over its own).
 */
export function installProcessGuard(log?: FaultLogger): void {
  if (log) logger = log;
  if (installed) return;
  installed = true;
  process.on('unhandledRejection', (reason) => {
    recordProcessFault('unhandledRejection', reason);
    safeLog('unhandledRejection', reason);
  });
  process.on('uncaughtException', (err) => {
    recordProcessFault('uncaughtException', err);
    safeLog('uncaughtException', err);
  });
}

function safeLog(kind: 'unhandledRejection' | 'uncaughtException', err: unknown): void {
  try {
    logger(kind, err);
  } catch {
    // A logger that throws here would recurse into this handler.
  }
}
