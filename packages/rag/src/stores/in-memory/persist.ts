/**
 * Saving and loading an InMemoryVectorStore to a file. Node-only (node:fs, node:crypto): kept
 * apart from the store so that the store itself stays edge-safe.
 *
 * File layout (little-endian): a 32-byte header (magic `WEFTVEC\0`, version, dimensions,
 * count, flags, JSON length, reserved), the JSON of ids, texts and metadata padded to 4 bytes,
 * the float32 unit vectors row by row, and a SHA-256 of everything before it.
 *
 * A store with an approximate index that can save itself (usearchHnsw) also gets its graph
 * written to `<path>.hnsw` (persist-graph.ts), tagged with this file's SHA-256, so loading it
 * skips the rebuild; a missing, stale or damaged graph file only means a rebuild.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { endianness } from 'node:os';
import { VectorStoreError } from '../../errors/vector-store-error.js';
import type { ApproximateIndexReport, SavedIndexTag } from './approximate-mirror.js';
import { removeQuietly, temporaryPathBeside, writeFileAtomically } from './atomic-file.js';
import { InMemoryVectorStore, type InMemoryVectorStoreSnapshot } from './in-memory-vector-store.js';
import {
  type GraphFileCheck,
  graphPathFor,
  readGraphFile,
  writeGraphFile,
} from './persist-graph.js';
import type { InMemoryVectorStoreOptions } from './store-options.js';

/** Options for `loadVectorStore`: the store's options, and a report on its approximate graph. */
export interface LoadVectorStoreOptions extends Partial<InMemoryVectorStoreOptions> {
  /**
   * With `approximate`: called once, with `{ graph: 'loaded' }` when the saved graph
   * (`<path>.hnsw`) was used, or `{ graph: 'rebuilt', reason }` when it was missing, stale
   * (from another version of the store file or other index options) or damaged.
   */
  onApproximateIndex?: (report: ApproximateIndexReport) => void;
}

const magic = Buffer.from('WEFTVEC\0', 'latin1');
const formatVersion = 1;
const headerBytes = 32;
const hashBytes = 32;
const storeName = 'in-memory';

function corrupt(path: string, reason: string): never {
  throw new VectorStoreError(`Cannot load the vector store at ${path}: ${reason}`, {
    code: 'corrupt_file',
    store: storeName,
  });
}

function assertLittleEndian(): void {
  if (endianness() !== 'LE') {
    throw new VectorStoreError('Vector store files are little-endian; this machine is not.', {
      code: 'unsupported_platform',
      store: storeName,
    });
  }
}

/**
 * Writes the store to `path` atomically: a temporary file in the same folder is written,
 * flushed to disk and renamed over `path`, so a crash leaves the old file or the new one.
 * A saveable approximate index is written the same way to `<path>.hnsw` (else that file is
 * removed).
 */
export async function saveVectorStore(store: InMemoryVectorStore, path: string): Promise<void> {
  assertLittleEndian();
  const indexPath = temporaryPathBeside(path, 'hnsw.tmp');
  try {
    // Both in the same tick, so the graph and the records are the same version of the store.
    const snapshot = store.snapshot();
    const savedIndex = store.saveApproximateIndex(indexPath);
    const storeHash = await writeStoreFile(snapshot, path);
    if (savedIndex) await writeGraph(path, snapshot.dimensions, storeHash, savedIndex, indexPath);
    else await removeQuietly(graphPathFor(path));
  } finally {
    await removeQuietly(indexPath);
  }
}

function writeGraph(
  path: string,
  dimensions: number,
  storeHash: string,
  { name, fingerprint, rowKeys }: SavedIndexTag,
  indexPath: string,
): Promise<void> {
  const tag = { storeHash, dimensions, name, fingerprint };
  return writeGraphFile({ path: graphPathFor(path), tag, rowKeys, indexPath });
}

/** Writes the records file; returns its SHA-256 (hex), which ties a graph file to it. */
async function writeStoreFile(
  snapshot: InMemoryVectorStoreSnapshot,
  path: string,
): Promise<string> {
  const json = Buffer.from(
    JSON.stringify({
      ids: snapshot.ids,
      texts: snapshot.texts.map((text) => text ?? null),
      metadata: snapshot.metadata.map((metadata) => metadata ?? null),
    }),
  );
  const padding = Buffer.alloc((4 - (json.length % 4)) % 4);
  const header = Buffer.alloc(headerBytes);
  magic.copy(header, 0);
  header.writeUInt32LE(formatVersion, 8);
  header.writeUInt32LE(snapshot.dimensions, 12);
  header.writeUInt32LE(snapshot.ids.length, 16);
  header.writeUInt32LE(snapshot.quantization === 'int8' ? 1 : 0, 20);
  header.writeUInt32LE(json.length, 24);
  const vectors = Buffer.from(
    snapshot.vectors.buffer,
    snapshot.vectors.byteOffset,
    snapshot.vectors.byteLength,
  );
  const parts = [header, json, padding, vectors];
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  const digest = hash.digest();
  parts.push(digest);
  await writeFileAtomically(path, async (file) => {
    for (const part of parts) await file.write(part);
  });
  return digest.toString('hex');
}

/**
 * Reads a file written by `saveVectorStore`; a truncated or altered file is refused. With
 * `approximate`, the saved graph is loaded when it matches this file, else rebuilt.
 */
export async function loadVectorStore(
  path: string,
  options: LoadVectorStoreOptions = {},
): Promise<InMemoryVectorStore> {
  assertLittleEndian();
  const bytes = await readFile(path);
  if (bytes.length < headerBytes + hashBytes || !bytes.subarray(0, 8).equals(magic)) {
    corrupt(path, 'it is not a Weft vector store file (or it is truncated).');
  }
  const version = bytes.readUInt32LE(8);
  if (version !== formatVersion) corrupt(path, `unknown format version ${version}.`);
  const dimensions = bytes.readUInt32LE(12);
  const count = bytes.readUInt32LE(16);
  const flags = bytes.readUInt32LE(20);
  const jsonLength = bytes.readUInt32LE(24);
  const vectorsOffset = headerBytes + jsonLength + ((4 - (jsonLength % 4)) % 4);
  const expectedLength = vectorsOffset + count * dimensions * 4 + hashBytes;
  if (bytes.length !== expectedLength) {
    corrupt(path, `expected ${expectedLength} bytes, found ${bytes.length} (truncated?).`);
  }
  const body = bytes.subarray(0, bytes.length - hashBytes);
  const digest = createHash('sha256').update(body).digest();
  if (!digest.equals(bytes.subarray(bytes.length - hashBytes)))
    corrupt(path, 'its checksum does not match.');

  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.subarray(headerBytes, headerBytes + jsonLength).toString('utf8'));
  } catch {
    corrupt(path, 'its record list is not valid JSON.');
  }
  const { ids, texts, metadata } = (parsed ?? {}) as Record<string, unknown>;
  const isList = (value: unknown, check: (item: unknown) => boolean): value is unknown[] =>
    Array.isArray(value) && value.length === count && value.every(check);
  if (
    !isList(ids, (id) => typeof id === 'string') ||
    !isList(texts, (text) => text === null || typeof text === 'string') ||
    !isList(metadata, (item) => item === null || (typeof item === 'object' && !Array.isArray(item)))
  ) {
    corrupt(path, 'its record list does not have the expected shape.');
  }
  // Copy the vectors out so they are 4-byte aligned whatever the Buffer's offset.
  const vectors = new Float32Array(count * dimensions);
  new Uint8Array(vectors.buffer).set(
    bytes.subarray(vectorsOffset, vectorsOffset + vectors.byteLength),
  );
  const snapshot: InMemoryVectorStoreSnapshot = {
    dimensions,
    quantization: flags & 1 ? 'int8' : 'none',
    ids: ids as string[],
    texts: (texts as Array<string | null>).map((text) => text ?? undefined),
    metadata: (metadata as Array<Record<string, unknown> | null>).map((item) => item ?? undefined),
    vectors,
  };
  const { onApproximateIndex, ...storeOptions } = options;
  const approximate = storeOptions.approximate;
  if (!approximate) return InMemoryVectorStore.fromSnapshot(snapshot, storeOptions);
  const check: GraphFileCheck = await readGraphFile(graphPathFor(path), {
    storeHash: digest.toString('hex'),
    dimensions,
    count,
    name: approximate.name,
    fingerprint: approximate.fingerprint ?? '',
  });
  try {
    return await InMemoryVectorStore.fromSnapshot(snapshot, storeOptions, {
      savedIndex: check.usable ? check.saved : undefined,
      onApproximateIndex: (report) =>
        onApproximateIndex?.(check.usable ? report : { graph: 'rebuilt', reason: check.reason }),
    });
  } finally {
    if (check.usable) await check.cleanup();
  }
}
