// Only for running from TypeScript sources (tests, benches under tsx): a worker thread does
// not inherit the parent's loader hooks on Node 20, so it registers tsx before loading the worker.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./render-worker.ts');
export default worker.default;
