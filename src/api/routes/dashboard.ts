import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { RouteModule } from '../context.js';

/**
 * The built dashboard (web/ → dist/web by `npm run build`). This file sits three folders
 * below the repository root both as src/api/routes/*.ts and as dist/api/routes/*.js.
 * SEXTANT_WEB_DIR points elsewhere (a test's fresh build).
 */
export const webDir = (): string => process.env['SEXTANT_WEB_DIR'] ?? resolve(import.meta.dirname, '..', '..', '..', 'dist', 'web');

/**
 * The browser may talk to this server and nothing else: no CDN, no outside request, even
 * if a dependency tried. Styles stay 'unsafe-inline' because the chart library sets them.
 */
const CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:",
  "connect-src 'self'", "font-src 'self'", "object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'",
].join('; ');

/** A browser asks for HTML; a script probing `/` (it used to be the health check) is sent to /health. */
const wantsHtml = (accept: string | undefined) => /text\/html/.test(accept ?? '');

/** Serves the dashboard at `/`; pages route by URL hash, so only files are served here. */
export const dashboardRoutes: RouteModule = async (app) => {
  const root = webDir();
  const index = join(root, 'index.html');
  const built = existsSync(index);
  const html = built
    ? readFileSync(index)
    : `<!doctype html><title>Sextant</title><p>The dashboard is not built (${root} has no index.html): run <code>npm run build</code>. The API is served as usual; docs at <a href="/docs">/docs</a>.</p>`;
  app.get('/', { schema: { hide: true } }, async (req, reply) => {
    if (!wantsHtml(req.headers.accept)) return reply.redirect('/health', 307);
    return reply.code(built ? 200 : 503).type('text/html; charset=utf-8').send(html);
  });
  app.addHook('onSend', async (req, reply, payload) => {
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) reply.header('content-security-policy', CSP);
    // Hashed asset names never change content; index.html must be revalidated to pick up a new build.
    reply.header('cache-control', req.url.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    return payload;
  });
  if (built) await app.register(fastifyStatic, { root, prefix: '/', index: false, decorateReply: false, wildcard: false });
};
