import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/errors.js';
import { embeddingCacheKey, memoryEmbeddingCache } from './embedding-cache.js';
import { fileEmbeddingCache } from './file-embedding-cache.js';

const model = { provider: 'openai', modelId: 'text-embedding-3-small' };
const v = (...values: number[]) => Float32Array.from(values);

describe('embeddingCacheKey', () => {
  it('is a SHA-256 hex that changes with the provider, model, dimensions and text', async () => {
    const key = await embeddingCacheKey(model, 'hello');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(await embeddingCacheKey(model, 'hello')).toBe(key);
    const others = await Promise.all([
      embeddingCacheKey(model, 'hello!'),
      embeddingCacheKey({ ...model, modelId: 'text-embedding-3-large' }, 'hello'),
      embeddingCacheKey({ ...model, provider: 'azure' }, 'hello'),
      embeddingCacheKey({ ...model, dimensions: 256 }, 'hello'),
    ]);
    expect(new Set([key, ...others]).size).toBe(5);
  });
});

describe('memoryEmbeddingCache', () => {
  it('returns copies, so a caller cannot change what is cached', async () => {
    const cache = memoryEmbeddingCache();
    const vector = v(1, 2);
    await cache.set([{ key: 'a', embedding: vector }]);
    vector[0] = 99;
    const [got] = await cache.get(['a']);
    expect(got).toEqual(v(1, 2));
    (got as Float32Array)[0] = 42;
    expect(await cache.get(['a', 'b'])).toEqual([v(1, 2), undefined]);
  });

  it('drops the least recently used entries beyond maxEntries', async () => {
    const cache = memoryEmbeddingCache({ maxEntries: 2 });
    await cache.set([
      { key: 'a', embedding: v(1) },
      { key: 'b', embedding: v(2) },
    ]);
    await cache.get(['a']);
    await cache.set([{ key: 'c', embedding: v(3) }]);
    expect(await cache.get(['a', 'b', 'c'])).toEqual([v(1), undefined, v(3)]);
    expect(() => memoryEmbeddingCache({ maxEntries: 0 })).toThrow(ValidationError);
  });
});

describe('fileEmbeddingCache', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  const tempDir = async () => {
    dir = await mkdtemp(join(tmpdir(), 'weft-embed-cache-'));
    return dir;
  };

  it('keeps vectors across instances, exactly, and leaves no temporary file', async () => {
    const path = join(await tempDir(), 'nested', 'cache.json');
    const first = fileEmbeddingCache(path);
    expect(await first.get(['a'])).toEqual([undefined]);
    await first.set([{ key: 'a', embedding: v(0.1, -2.5, 3e-8) }]);
    const second = fileEmbeddingCache(path);
    expect(await second.get(['a', 'b'])).toEqual([v(0.1, -2.5, 3e-8), undefined]);
    expect(await readdir(join(dir as string, 'nested'))).toEqual(['cache.json']);
  });

  it('saves every entry of concurrent sets', async () => {
    const path = join(await tempDir(), 'cache.json');
    const cache = fileEmbeddingCache(path);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => cache.set([{ key: `k${i}`, embedding: v(i) }])),
    );
    const reread = fileEmbeddingCache(path);
    const keys = Array.from({ length: 20 }, (_, i) => `k${i}`);
    expect(await reread.get(keys)).toEqual(keys.map((_, i) => v(i)));
    const file = JSON.parse(await readFile(path, 'utf8'));
    expect(Object.keys(file.entries)).toHaveLength(20);
  });

  it('refuses a file that is not an embedding cache, without overwriting it', async () => {
    const path = join(await tempDir(), 'notes.json');
    await writeFile(path, '{"hello": "world"}');
    const cache = fileEmbeddingCache(path);
    await expect(cache.get(['a'])).rejects.toThrow(/is not a Weft embedding cache/);
    await expect(cache.set([{ key: 'a', embedding: v(1) }])).rejects.toThrow(ValidationError);
    expect(await readFile(path, 'utf8')).toBe('{"hello": "world"}');
  });
});
