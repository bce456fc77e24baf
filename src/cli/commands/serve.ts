import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { startServer } from '../../app/server.js';
import { cliConfig, intOption } from '../context.js';

export async function serve(opts: { port?: string; host?: string; pipeline?: boolean; tracker?: boolean; trackerSpeed?: string; trackerWsBuffer?: string; trackerWsPing?: string }): Promise<void> {
  const trackerSpeed = opts.trackerSpeed === undefined || opts.trackerSpeed === 'max' ? Infinity : Number(opts.trackerSpeed);
  if (!(trackerSpeed > 0)) throw new InputError(`--tracker-speed must be a positive number or "max", got "${opts.trackerSpeed}"`, 'tracker-speed');
  const tracker = { ...(opts.trackerSpeed ? { speed: trackerSpeed } : {}), ...(opts.trackerWsBuffer ? { wsMaxBuffered: intOption('--tracker-ws-buffer', opts.trackerWsBuffer, 1, 1 << 30) } : {}),
    ...(opts.trackerWsPing ? { wsPingMs: intOption('--tracker-ws-ping', opts.trackerWsPing, 100, 3_600_000) } : {}) };
  const base = await cliConfig();
  const config = {
    ...base,
    server: {
      host: opts.host ?? base.server.host,
      port: opts.port !== undefined ? intOption('--port', opts.port, 0, 65535) : base.server.port,
    },
  };
  const server = await startServer(config, { pipeline: opts.pipeline ?? false, ...(opts.tracker ? { tracker } : {}) });
  process.stdout.write(`Sextant API on ${server.url} (source: ${config.source}); docs at ${server.url}/docs\n`);
  process.stdout.write(`${server.app.security.line}\n`);
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API (OpenAPI docs at /docs)')
    .option('--port <port>', 'port (default from config, 8080)')
    .option('--host <host>', 'interface to bind (default 127.0.0.1)')
    .option('--pipeline', 'also run the signal pipeline (replay over the bundled history when offline)')
    .option('--tracker', 'also run the live market tracker (bundled Binance feed replayed when offline)')
    .option('--tracker-speed <speed>', 'tracker replay pace: 1, 10, ... or max (default 1)')
    .option('--tracker-ws-buffer <bytes>', 'unread bytes after which a /ws/events client is dropped (default 1 MiB)')
    .option('--tracker-ws-ping <ms>', '/ws/events heartbeat; a client that misses one pong is dropped (default 15000)')
    .action(serve);
}
