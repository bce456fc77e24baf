import { renderCandleChart } from './candle-chart.js';
import type { CandleChartInput } from './types.js';

/**
 * One chart on a pool thread (pool.ts): drawing and encoding the PNG are the CPU-heavy
 * part of an analysis, and here they cost the server's event loop nothing.
 * The PNG goes back as a transferable Uint8Array (no copy).
 */
export default function render(input: CandleChartInput): Uint8Array {
  const png = renderCandleChart(input);
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
