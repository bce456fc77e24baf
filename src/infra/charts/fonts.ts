import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The shipped font: DejaVu Sans cut to Latin, Arabic/Persian (with presentation forms)
 * and a few symbols (fonttools subset, see assets/fonts/README.md). Parsing the full
 * 760 KB file cost resvg ~9 ms on every render; the 100 KB subset ~2 ms. Skia (skia.ts, the
 * painter in use) registers it once per process.
 * Resolved relative to this module so the same path works from src/
 * (tsx) and dist/ (compiled): both sit two levels below the package root.
 */
export const CHART_FONT_FAMILY = 'DejaVu Sans';
export const CHART_FONT_FILE = fileURLToPath(new URL('../../../assets/fonts/DejaVuSans-Subset.ttf', import.meta.url));

/** System fonts are never consulted: a chart must look the same on every machine. */
export function chartFontFiles(): string[] {
  if (!existsSync(CHART_FONT_FILE)) throw new Error(`chart font missing: ${CHART_FONT_FILE} (assets/fonts is part of the package)`);
  return [CHART_FONT_FILE];
}
