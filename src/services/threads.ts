import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread on the module `name` that sits beside `from` (the caller's
 * import.meta.url). Built code runs the .js file. Under tsx (tests, benches) the caller is
 * TypeScript and so is the worker; Node 20 does not hand the parent's loader hooks to a
 * thread, so the thread registers tsx itself before importing the worker module.
 */
export function spawnWorker(from: string, name: string, workerData: unknown): Worker {
  if (!from.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, from), { workerData });
  // The ESM entry of tsx's API (require.resolve picks the CommonJS one).
  const api = pathToFileURL(createRequire(from).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const main = new URL(`./${name}.ts`, from).href;
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(main)}); })`;
  return new Worker(boot, { eval: true, workerData });
}
