// Build step (package.json "build"): writes dist/cli/indicator-catalog.json for `indicators list`.
import { writeCatalog } from './indicator-catalog.js';

process.stdout.write(`wrote ${await writeCatalog()}\n`);
