import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRandom, randomUnitVector } from '../../conformance/random-data.js';
import { VectorStoreError } from '../../errors/vector-store-error.js';
import { InMemoryVectorStore } from './in-memory-vector-store.js';
import { loadVectorStore, saveVectorStore } from './persist.js';
import { killWhileSaving } from './persist-test-support.js';

const folder = await mkdtemp(join(tmpdir(), 'weft-persist-'));
afterAll(() => rm(folder, { recursive: true, force: true }));

async function sampleStore(quantization: 'none' | 'int8' = 'none') {
  const random = createRandom(5);
  const store = new InMemoryVectorStore({ dimensions: 12, quantization });
  await store.upsert(
    Array.from({ length: 30 }, (_, i) => ({
      id: `doc-${i} 'quoted' 😀`,
      vector: randomUnitVector(random, 12),
      text: i % 3 ? `text ${i}` : undefined,
      metadata: i % 4 ? { i, tags: ['a', "b'c"], nested: { ok: true } } : undefined,
    })),
  );
  return store;
}

describe('saveVectorStore / loadVectorStore', () => {
  it('round-trips ids, texts, metadata, vectors and the quantization mode', async () => {
    const store = await sampleStore('int8');
    const path = join(folder, 'round-trip.weft');
    await saveVectorStore(store, path);
    const loaded = await loadVectorStore(path);
    expect(loaded.quantization).toBe('int8');
    const ids = store.snapshot().ids;
    expect(await loaded.get(ids)).toEqual(await store.get(ids));
    const query = { vector: randomUnitVector(createRandom(9), 12), topK: 5 };
    expect(await loaded.query(query)).toEqual(await store.query(query));
    expect((await readdir(folder)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps vectors bit for bit over repeated save and load cycles', async () => {
    const random = createRandom(11);
    const store = new InMemoryVectorStore({ dimensions: 384 });
    // Vectors of any length: the store normalises them once, on the first upsert.
    await store.upsert(
      Array.from({ length: 200 }, (_, i) => ({
        id: `v${i}`,
        vector: Float32Array.from({ length: 384 }, () => (random() - 0.5) * (1 + i)),
      })),
    );
    const first = store.snapshot().vectors;
    let current = store;
    for (let cycle = 0; cycle < 5; cycle++) {
      const path = join(folder, `cycle-${cycle}.weft`);
      await saveVectorStore(current, path);
      current = await loadVectorStore(path);
      const vectors = current.snapshot().vectors;
      expect(new Uint32Array(vectors.buffer, vectors.byteOffset, vectors.length)).toEqual(
        new Uint32Array(first.buffer, first.byteOffset, first.length),
      );
    }
  });

  it('refuses truncated, altered and foreign files with a clear error', async () => {
    const path = join(folder, 'damaged.weft');
    await saveVectorStore(await sampleStore(), path);
    const bytes = await readFile(path);
    const flipped = Buffer.from(bytes);
    flipped[200] = (flipped[200] as number) ^ 1;
    const damaged: Array<[Buffer, RegExp]> = [
      [bytes.subarray(0, bytes.length - 1), /expected \d+ bytes, found \d+/],
      [bytes.subarray(0, 10), /not a Weft vector store file/],
      [flipped, /checksum does not match/],
      [Buffer.from('{"ids": []}'), /not a Weft vector store file/],
    ];
    for (const [content, message] of damaged) {
      await writeFile(path, content);
      const error = await loadVectorStore(path).catch((caught: unknown) => caught);
      expect(VectorStoreError.isInstance(error)).toBe(true);
      expect((error as Error).message).toMatch(message);
    }
  });

  it('leaves the old file or the new one, never a broken one, when killed while saving', async () => {
    const path = join(folder, 'killed.weft');
    const old = new InMemoryVectorStore({ dimensions: 256 });
    await old.upsert([{ id: 'old', vector: new Float32Array(256).fill(1), text: 'old' }]);
    const random = createRandom(11);
    for (let round = 0; round < 6; round++) {
      await saveVectorStore(old, path);
      // Saving 4,000 x 256 floats (4 MB) takes a few ms to tens of ms: kill at random moments.
      await killWhileSaving({ path, rows: 4_000, maxDelayMs: 80, random });
      const loaded = await loadVectorStore(path);
      const count = await loaded.count();
      expect([1, 4000]).toContain(count);
      const [first] = await loaded.get([count === 1 ? 'old' : 'new-0']);
      expect(first?.text).toBe(count === 1 ? 'old' : 'new');
    }
  });
});
