/**
 * A file-backed embedding cache. NODE ONLY: it reads and writes the file system, so it is
 * kept out of the edge-safe root entry (even a lazy `import('node:fs')` breaks edge
 * bundlers) and ships from its own Node-only entry.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ValidationError } from '../errors/errors.js';
import { isRecord } from '../provider-utils/parse-json.js';
import type { EmbeddingCacheEntry, EmbeddingCacheStore } from './embedding-cache.js';

const formatVersion = 1;

interface CacheFile {
  version: typeof formatVersion;
  /** key -> base64 of the vector's little-endian float32 bytes. */
  entries: Record<string, string>;
}

function encode(vector: Float32Array): string {
  const bytes = Buffer.alloc(vector.length * 4);
  for (let i = 0; i < vector.length; i++) bytes.writeFloatLE(vector[i] as number, i * 4);
  return bytes.toString('base64');
}

function decode(text: string): Float32Array | undefined {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length === 0 || bytes.length % 4 !== 0) return undefined;
  const vector = new Float32Array(bytes.length / 4);
  for (let i = 0; i < vector.length; i++) vector[i] = bytes.readFloatLE(i * 4);
  return vector;
}

function parseCacheFile(text: string, path: string): Map<string, Float32Array> {
  const refuse = (why: string) =>
    new ValidationError(
      `${path} is not a Weft embedding cache (${why}); delete it or choose another path.`,
      { issues: [{ path: ['path'], message: why }] },
    );
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw refuse('not JSON');
  }
  if (!isRecord(json) || json.version !== formatVersion || !isRecord(json.entries)) {
    throw refuse(`expected { version: ${formatVersion}, entries }`);
  }
  const entries = new Map<string, Float32Array>();
  for (const [key, value] of Object.entries(json.entries)) {
    const vector = typeof value === 'string' ? decode(value) : undefined;
    if (!vector) throw refuse(`entry ${key} is not a base64 float32 vector`);
    entries.set(key, vector);
  }
  return entries;
}

/**
 * An `EmbeddingCacheStore` kept in one JSON file, so vectors survive restarts. Writes go to
 * a temporary file that is then renamed over the cache, so a crash never leaves half a
 * file; writes requested while one is running are merged into the next.
 *
 * @example
 * const cache = fileEmbeddingCache('.cache/embeddings.json');
 * await embedMany({ model, values, cache });
 */
export function fileEmbeddingCache(path: string): EmbeddingCacheStore {
  let loaded: Promise<Map<string, Float32Array>> | undefined;
  let writing: Promise<void> | undefined;
  let dirty = false;

  const load = () => {
    loaded ??= (async () => {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as { code?: string }).code === 'ENOENT') return new Map();
        throw error;
      }
      return parseCacheFile(text, path);
    })();
    loaded.catch(() => {
      loaded = undefined;
    });
    return loaded;
  };

  const save = async (entries: Map<string, Float32Array>) => {
    const file: CacheFile = { version: formatVersion, entries: {} };
    for (const [key, vector] of entries) file.entries[key] = encode(vector);
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${crypto.randomUUID()}.tmp`;
    try {
      await writeFile(temporary, JSON.stringify(file));
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  };

  // One write at a time; sets that arrive meanwhile are saved by one more write after it.
  const flush = async (entries: Map<string, Float32Array>): Promise<void> => {
    dirty = true;
    while (writing) await writing.catch(() => {});
    if (!dirty) return;
    dirty = false;
    writing = save(entries);
    try {
      await writing;
    } finally {
      writing = undefined;
    }
  };

  return {
    async get(keys) {
      const entries = await load();
      return keys.map((key) => entries.get(key)?.slice());
    },
    async set(newEntries: readonly EmbeddingCacheEntry[]) {
      const entries = await load();
      for (const { key, embedding } of newEntries) entries.set(key, embedding.slice());
      await flush(entries);
    },
  };
}
