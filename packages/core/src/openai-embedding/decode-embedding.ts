/**
 * Decoding of OpenAI-style embedding vectors. With `encoding_format: 'base64'` each vector
 * arrives as the base64 of its little-endian float32 bytes: decoding those bytes straight
 * into a `Float32Array` skips parsing thousands of decimal numbers per vector.
 */

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
// 255 marks a character outside the alphabet; '-' and '_' are accepted too (base64url).
const lookup = new Uint8Array(128).fill(255);
for (let i = 0; i < alphabet.length; i++) lookup[alphabet.charCodeAt(i)] = i;
lookup['-'.charCodeAt(0)] = 62;
lookup['_'.charCodeAt(0)] = 63;

const hostIsLittleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Why a vector could not be decoded; the caller adds which item it was. */
export class EmbeddingDecodeError extends Error {}

function sextet(text: string, index: number): number {
  const code = text.charCodeAt(index);
  const value = code < 128 ? (lookup[code] as number) : 255;
  if (value === 255) {
    throw new EmbeddingDecodeError(`invalid base64 character at offset ${index}`);
  }
  return value;
}

/** Decodes standard base64 (padding optional) into bytes; throws on any other character. */
export function decodeBase64(text: string): Uint8Array {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 61 /* = */) end--;
  if (text.length - end > 2 || end % 4 === 1) {
    throw new EmbeddingDecodeError('base64 text has an impossible length');
  }
  const bytes = new Uint8Array(Math.floor((end * 3) / 4));
  let out = 0;
  let i = 0;
  for (; i + 4 <= end; i += 4) {
    const n =
      (sextet(text, i) << 18) |
      (sextet(text, i + 1) << 12) |
      (sextet(text, i + 2) << 6) |
      sextet(text, i + 3);
    bytes[out++] = n >>> 16;
    bytes[out++] = (n >>> 8) & 255;
    bytes[out++] = n & 255;
  }
  const rest = end - i;
  if (rest === 2) {
    const n = (sextet(text, i) << 18) | (sextet(text, i + 1) << 12);
    bytes[out++] = n >>> 16;
  } else if (rest === 3) {
    const n = (sextet(text, i) << 18) | (sextet(text, i + 1) << 12) | (sextet(text, i + 2) << 6);
    bytes[out++] = n >>> 16;
    bytes[out++] = (n >>> 8) & 255;
  }
  return bytes;
}

interface NativeBuffer {
  write(text: string, offset: number, length: number, encoding: 'base64'): number;
}
interface NativeBase64 {
  from(text: string, encoding: 'base64'): Uint8Array;
  from(buffer: ArrayBuffer, byteOffset: number, length: number): NativeBuffer;
}
// Node, Bun and Deno have Buffer, whose native decoder is ~10x faster than any JS loop;
// edge runtimes without it use `decodeBase64`.
const nativeBase64 = (globalThis as { Buffer?: NativeBase64 }).Buffer;
const base64Pattern = /^[A-Za-z0-9+/\-_]*={0,2}$/;
// Node's decoder (checked on 20, 22 and 24) skips a character outside the alphabet or stops
// at it, so the output comes out short: the byte count alone proves the text clean, with no
// pass of a pattern over it first (about a third of the decoding time of a vector).
const versions = (globalThis as { process?: { versions?: Record<string, string | undefined> } })
  .process?.versions;
const nodeDecoder =
  nativeBase64 !== undefined &&
  typeof versions?.node === 'string' &&
  versions.bun === undefined &&
  !('Deno' in globalThis);

function decodeBytes(text: string): Uint8Array {
  if (!nativeBase64) return decodeBase64(text);
  let unpadded = text.length;
  while (unpadded > 0 && text.charCodeAt(unpadded - 1) === 61 /* = */) unpadded--;
  if (text.length - unpadded > 2 || unpadded % 4 === 1) {
    throw new EmbeddingDecodeError('base64 text has an impossible length');
  }
  const size = Math.floor((unpadded * 3) / 4);
  if (nodeDecoder) {
    // Decoded straight into an aligned buffer of its own, not copied out of Node's pool.
    const bytes = new Uint8Array(size);
    const written = nativeBase64.from(bytes.buffer, 0, size).write(text, 0, size, 'base64');
    if (written !== size) throw new EmbeddingDecodeError('invalid base64 character');
    return bytes;
  }
  // Other runtimes' decoders may treat a bad character differently: check the text first.
  if (!base64Pattern.test(text)) throw new EmbeddingDecodeError('invalid base64 character');
  const decoded = nativeBase64.from(text, 'base64');
  const bytes = new Uint8Array(decoded.length);
  bytes.set(decoded);
  return bytes;
}

/** A base64 string of little-endian float32 values as a `Float32Array`. */
export function decodeBase64Float32(text: string): Float32Array {
  const bytes = decodeBytes(text);
  if (bytes.byteLength % 4 !== 0) {
    throw new EmbeddingDecodeError(
      `${bytes.byteLength} bytes is not a whole number of float32 values`,
    );
  }
  // `bytes` owns a fresh buffer starting at offset 0, so a float view is aligned.
  if (hostIsLittleEndian) return new Float32Array(bytes.buffer, 0, bytes.byteLength / 4);
  const view = new DataView(bytes.buffer);
  const vector = new Float32Array(bytes.byteLength / 4);
  for (let i = 0; i < vector.length; i++) vector[i] = view.getFloat32(i * 4, true);
  return vector;
}

/** A JSON array of numbers (servers that ignore `encoding_format`) as a `Float32Array`. */
export function float32FromNumbers(values: readonly unknown[]): Float32Array {
  const vector = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new EmbeddingDecodeError(`value ${i} is not a finite number`);
    }
    vector[i] = value;
  }
  return vector;
}

/** The base64 of a vector's little-endian float32 bytes: what OpenAI sends (for tests and mocks). */
export function encodeFloat32Base64(vector: ArrayLike<number>): string {
  const floats = Float32Array.from(vector);
  const bytes = new Uint8Array(floats.byteLength);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < floats.length; i++) view.setFloat32(i * 4, floats[i] as number, true);
  let text = '';
  let i = 0;
  for (; i + 3 <= bytes.length; i += 3) {
    const n =
      ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    text +=
      alphabet[n >>> 18]! +
      alphabet[(n >>> 12) & 63]! +
      alphabet[(n >>> 6) & 63]! +
      alphabet[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] as number) << 16;
    text += `${alphabet[n >>> 18]}${alphabet[(n >>> 12) & 63]}==`;
  } else if (rest === 2) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    text += `${alphabet[n >>> 18]}${alphabet[(n >>> 12) & 63]}${alphabet[(n >>> 6) & 63]}=`;
  }
  return text;
}
