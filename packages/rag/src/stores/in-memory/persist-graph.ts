/**
 * The approximate index's sidecar file (`<store file>.hnsw`), written by `saveVectorStore` and
 * read by `loadVectorStore`. Node-only (node:fs, node:crypto).
 *
 * Layout (little-endian): a 32-byte header (magic `WEFTHNSW`, version, tag length, row count,
 * reserved, index byte length as u64), the JSON tag (the store file's SHA-256, dimensions,
 * index name and fingerprint) padded to 8 bytes, each row's key as float64, the bytes the
 * index's own `save` wrote, and a SHA-256 of everything before it. The tag ties the graph to
 * one exact store file: a graph left from another version of the store is never used.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SavedApproximateIndex } from './approximate-mirror.js';
import { removeQuietly, temporaryPathBeside, writeFileAtomically } from './atomic-file.js';

const magic = Buffer.from('WEFTHNSW', 'latin1');
const formatVersion = 1;
const headerBytes = 32;
const hashBytes = 32;
const copyChunkBytes = 4 << 20;

/** What ties a saved graph to its store file and to the index that can read it. */
export interface GraphTag {
  /** SHA-256 (hex) of the store file's body, as in the store file's own checksum. */
  storeHash: string;
  dimensions: number;
  name: string;
  fingerprint: string;
}

/** The sidecar path for a store file. */
export function graphPathFor(storePath: string): string {
  return `${storePath}.hnsw`;
}

/** Where `from` is copied to `to` (`length` bytes from `offset`), hashing each chunk too. */
async function copyRange(options: {
  from: string;
  to: import('node:fs/promises').FileHandle;
  offset: number;
  length: number;
  hash: import('node:crypto').Hash;
}): Promise<void> {
  const source = await open(options.from, 'r');
  try {
    const buffer = Buffer.allocUnsafe(Math.min(copyChunkBytes, Math.max(options.length, 1)));
    let copied = 0;
    while (copied < options.length) {
      const want = Math.min(buffer.length, options.length - copied);
      const { bytesRead } = await source.read(buffer, 0, want, options.offset + copied);
      if (bytesRead === 0) throw new Error('the file ended early');
      const chunk = buffer.subarray(0, bytesRead);
      options.hash.update(chunk);
      await options.to.write(chunk);
      copied += bytesRead;
    }
  } finally {
    await source.close();
  }
}

/** Writes the sidecar atomically from the file the index saved itself to (`indexPath`). */
export async function writeGraphFile(options: {
  path: string;
  tag: GraphTag;
  rowKeys: Float64Array;
  indexPath: string;
}): Promise<void> {
  const { path, tag, rowKeys, indexPath } = options;
  const json = Buffer.from(JSON.stringify(tag));
  const padding = Buffer.alloc((8 - (json.length % 8)) % 8);
  const indexFile = await open(indexPath, 'r');
  const indexBytes = (await indexFile.stat()).size;
  await indexFile.close();
  const header = Buffer.alloc(headerBytes);
  magic.copy(header, 0);
  header.writeUInt32LE(formatVersion, 8);
  header.writeUInt32LE(json.length, 12);
  header.writeUInt32LE(rowKeys.length, 16);
  header.writeBigUInt64LE(BigInt(indexBytes), 24);
  const keys = Buffer.from(rowKeys.buffer, rowKeys.byteOffset, rowKeys.byteLength);
  await writeFileAtomically(path, async (file) => {
    const hash = createHash('sha256');
    for (const part of [header, json, padding, keys]) {
      hash.update(part);
      await file.write(part);
    }
    await copyRange({ from: indexPath, to: file, offset: 0, length: indexBytes, hash });
    await file.write(hash.digest());
  });
}

/** A checked sidecar, its index bytes copied to a private file, or why it cannot be used. */
export type GraphFileCheck =
  | { usable: true; saved: SavedApproximateIndex; cleanup: () => Promise<void> }
  | { usable: false; reason: string };

/**
 * Checks the sidecar at `path` against the store file just loaded (`expected`) and copies the
 * index's bytes to a private temporary file, verified end to end before anything reads them:
 * a native index may crash on damaged bytes. Never throws: any problem is a reason to rebuild.
 */
export async function readGraphFile(
  path: string,
  expected: GraphTag & { count: number },
): Promise<GraphFileCheck> {
  const file = await open(path, 'r').catch(() => undefined);
  if (!file) return { usable: false, reason: `there is no saved graph at ${path}` };
  let copy: string | undefined;
  try {
    const size = (await file.stat()).size;
    const header = Buffer.alloc(headerBytes);
    await file.read(header, 0, headerBytes, 0);
    if (size < headerBytes + hashBytes || !header.subarray(0, 8).equals(magic)) {
      return { usable: false, reason: 'the saved graph is not a Weft graph file (or truncated)' };
    }
    if (header.readUInt32LE(8) !== formatVersion) {
      return { usable: false, reason: 'the saved graph has an unknown format version' };
    }
    const jsonLength = header.readUInt32LE(12);
    const count = header.readUInt32LE(16);
    const indexBytes = Number(header.readBigUInt64LE(24));
    const keysOffset = headerBytes + jsonLength + ((8 - (jsonLength % 8)) % 8);
    const indexOffset = keysOffset + count * 8;
    if (size !== indexOffset + indexBytes + hashBytes) {
      return { usable: false, reason: 'the saved graph is truncated or too long' };
    }
    const front = Buffer.alloc(indexOffset);
    await file.read(front, 0, indexOffset, 0);
    let tag: Partial<GraphTag> = {};
    try {
      tag = JSON.parse(front.subarray(headerBytes, headerBytes + jsonLength).toString('utf8'));
    } catch {
      return { usable: false, reason: 'the saved graph has an unreadable tag' };
    }
    if (tag?.storeHash !== expected.storeHash || count !== expected.count) {
      return { usable: false, reason: 'the saved graph belongs to another version of the store' };
    }
    if (
      tag.dimensions !== expected.dimensions ||
      tag.name !== expected.name ||
      tag.fingerprint !== expected.fingerprint
    ) {
      return {
        usable: false,
        reason: `the saved graph was built by ${String(tag.name)} (${String(tag.fingerprint)}), not ${expected.name} (${expected.fingerprint})`,
      };
    }
    const hash = createHash('sha256').update(front);
    copy = temporaryPathBeside(join(tmpdir(), 'weft-graph'), 'hnsw');
    const target = await open(copy, 'wx', 0o600);
    try {
      await copyRange({ from: path, to: target, offset: indexOffset, length: indexBytes, hash });
    } finally {
      await target.close();
    }
    const stored = Buffer.alloc(hashBytes);
    await file.read(stored, 0, hashBytes, indexOffset + indexBytes);
    if (!hash.digest().equals(stored)) {
      await removeQuietly(copy);
      return { usable: false, reason: 'the saved graph is damaged (its checksum does not match)' };
    }
    // Copied out so the keys are 8-byte aligned whatever the Buffer's offset.
    const rowKeys = new Float64Array(count);
    new Uint8Array(rowKeys.buffer).set(front.subarray(keysOffset, indexOffset));
    const privateCopy = copy;
    return {
      usable: true,
      saved: { path: privateCopy, rowKeys },
      cleanup: () => removeQuietly(privateCopy),
    };
  } catch (error) {
    if (copy) await removeQuietly(copy);
    const reason = error instanceof Error ? error.message : String(error);
    return { usable: false, reason: `the saved graph could not be read (${reason})` };
  } finally {
    await file.close();
  }
}
