/** PNG signature and IHDR width/height, or throws: enough to prove a real PNG came back. */
export function pngSize(buf: Buffer): { width: number; height: number } {
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (buf.length < 33 || !buf.subarray(0, 8).equals(sig)) throw new Error('not a PNG (bad signature)');
  if (buf.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG (first chunk is not IHDR)');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}
