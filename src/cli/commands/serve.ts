import type { Command } from 'commander';
import { startServer } from '../../app/server.js';
import { cliConfig, intOption } from '../context.js';

export async function serve(opts: { port?: string; host?: string; pipeline?: boolean }): Promise<void> {
  const base = cliConfig();
  const config = {
    ...base,
    server: {
      host: opts.host ?? base.server.host,
      port: opts.port !== undefined ? intOption('--port', opts.port, 0, 65535) : base.server.port,
    },
  };
  const server = await startServer(config, { pipeline: opts.pipeline ?? false });
  process.stdout.write(`Sextant API on ${server.url} (source: ${config.source}); docs at ${server.url}/docs\n`);
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
    .action(serve);
}
