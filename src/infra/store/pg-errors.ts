/** Hides the password of a connection URL so it can go into errors and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<unparseable connection string>';
  }
}

/**
 * A connection failure that names the server and the cause. Node reports a refused
 * connection to a host with several addresses (localhost: ::1 and 127.0.0.1) as an
 * AggregateError with an empty message, so the inner errors are spelled out.
 */
export function connectionError(url: string, err: unknown): Error {
  return new Error(`cannot connect to PostgreSQL at ${redactUrl(url)}: ${describe(err)}`, { cause: err });
}

function describe(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) {
    return [...new Set(err.errors.map(describe))].join('; ');
  }
  if (err instanceof Error) {
    const code = (err as { code?: string }).code;
    const msg = err.message || err.name;
    return code && !msg.includes(code) ? `${msg} (${code})` : msg;
  }
  return String(err);
}
