import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sextant } from '../helpers/cli.js';
import { decodePng } from '../infra/charts/png.js';

describe('sextant levels --png (child process)', () => {
  it('draws a valid PNG and lists the active levels inside the traded range', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sextant-levels-')), 'eth.png');
    const r = await sextant(['levels', 'ETH/USDT', '--tf', '1d', '--at', '2023-06-20', '--png', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { price: number; levels: { price: number; state: string; role: string }[] };
    expect(out.levels.length).toBeGreaterThan(3);
    for (const l of out.levels) {
      expect(l.role).toBe(l.price < out.price ? 'support' : 'resistance');
    }
    const png = readFileSync(file);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBe(800);
    expect(png.readUInt32BE(20)).toBe(500);
    // Not blank: candle bodies in both colours and the support/resistance lines are drawn.
    const img = decodePng(png);
    const count = new Map<string, number>();
    for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) count.set(img.hex(x, y), (count.get(img.hex(x, y)) ?? 0) + 1);
    for (const colour of ['#26a69a', '#ef5350']) expect(count.get(colour) ?? 0, colour).toBeGreaterThan(500);
    expect((count.get('#1e8e3e') ?? 0) + (count.get('#d93025') ?? 0)).toBeGreaterThan(300);
  });
});
