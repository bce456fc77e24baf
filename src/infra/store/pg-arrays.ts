/**
 * One-dimensional PostgreSQL arrays in the binary wire format (what the server's
 * `array_recv` reads), for the bulk parameters of the PostgreSQL store. pg sends a JS array
 * as a text literal built element by element (`toString` and a regex escape each, numbers
 * included: ~0.5 s of the main thread's CPU per replay of 8,000 candles); a Buffer goes as
 * a binary parameter as it is. The parameter's SQL type must be the same array type
 * (`$1::bigint[]`): the server checks the element type recorded in the header.
 */

const OID = { int4: 23, int8: 20, float8: 701, text: 25 } as const;
export type ArrayElement = keyof typeof OID;

const TWO_32 = 2 ** 32;

/**
 * `values` as a binary array of `type`; `null`/`undefined` elements are SQL NULL.
 * Integers must be safe integers in range (as the text form would insist); float8 keeps
 * NaN and ±Infinity as PostgreSQL's own NaN and ±Infinity and sends -0 as 0, as the text
 * form did.
 */
export function binaryArray(type: ArrayElement, values: ArrayLike<unknown>): Buffer {
  const n = values.length;
  let size = n > 0 ? 20 : 12;
  let hasNull = 0;
  const textLengths = type === 'text' ? new Int32Array(n) : undefined;
  const width = type === 'int4' ? 4 : 8;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    size += 4;
    if (v === null || v === undefined) {
      hasNull = 1;
      continue;
    }
    if (textLengths) {
      if (typeof v !== 'string') throw new TypeError(`text array element ${i} is not a string: ${typeof v}`);
      textLengths[i] = Buffer.byteLength(v);
      size += textLengths[i]!;
    } else {
      if (typeof v !== 'number') throw new TypeError(`${type} array element ${i} is not a number: ${typeof v}`);
      size += width;
    }
  }
  const buf = Buffer.allocUnsafe(size);
  buf.writeInt32BE(n > 0 ? 1 : 0, 0);
  buf.writeInt32BE(hasNull, 4);
  buf.writeInt32BE(OID[type], 8);
  if (n === 0) return buf;
  buf.writeInt32BE(n, 12);
  buf.writeInt32BE(1, 16);
  let at = 20;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      at = buf.writeInt32BE(-1, at);
      continue;
    }
    switch (type) {
      case 'text': {
        at = buf.writeInt32BE(textLengths![i]!, at);
        at += buf.write(v as string, at);
        break;
      }
      case 'float8':
        at = buf.writeInt32BE(8, at);
        // + 0 turns -0 into 0, as its text form ("0") did.
        at = buf.writeDoubleBE((v as number) + 0, at);
        break;
      case 'int8': {
        const x = v as number;
        if (!Number.isSafeInteger(x)) throw new RangeError(`bigint array element ${i} is not a safe integer: ${x}`);
        const hi = Math.floor(x / TWO_32);
        at = buf.writeInt32BE(8, at);
        at = buf.writeInt32BE(hi, at);
        at = buf.writeUInt32BE(x - hi * TWO_32, at);
        break;
      }
      case 'int4': {
        const x = v as number;
        if (!Number.isInteger(x) || x < -(2 ** 31) || x >= 2 ** 31) throw new RangeError(`integer array element ${i} is not a 32-bit integer: ${x}`);
        at = buf.writeInt32BE(4, at);
        at = buf.writeInt32BE(x, at);
        break;
      }
    }
  }
  return buf;
}
