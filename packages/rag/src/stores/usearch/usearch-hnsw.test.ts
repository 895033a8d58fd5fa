import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from '@weft/core';
import { describe, expect, it } from 'vitest';
import { createRandom, randomUnitVector } from '../../conformance/random-data.js';
import { VectorStoreError } from '../../errors/vector-store-error.js';
import type { ApproximateIndex, ApproximateIndexInstance } from '../in-memory/approximate-index.js';
import { InMemoryVectorStore } from '../in-memory/in-memory-vector-store.js';
import { loadVectorStore, saveVectorStore } from '../in-memory/persist.js';
import { usearchHnsw } from './usearch-hnsw.js';

/** Wraps a recipe so a test can see the live index: its size, searches and release. */
function observed(recipe: ApproximateIndex) {
  const seen = {
    searches: 0,
    released: false,
    instance: undefined as ApproximateIndexInstance | undefined,
  };
  const wrapped: ApproximateIndex = {
    name: recipe.name,
    create(options) {
      const inner = recipe.create(options);
      seen.instance = inner;
      return {
        add: (keys, vectors) => inner.add(keys, vectors),
        remove: (keys) => inner.remove(keys),
        search: (query, count) => {
          seen.searches++;
          return inner.search(query, count);
        },
        size: () => inner.size(),
        release: () => {
          seen.released = true;
          inner.release();
        },
      };
    },
  };
  return { recipe: wrapped, seen };
}

/** A store that always asks the (observed) default HNSW graph, however small it is. */
function graphStore(dimensions: number) {
  const { recipe, seen } = observed(usearchHnsw());
  const store = new InMemoryVectorStore({ dimensions, approximate: recipe, exactScanBelow: 0 });
  return { store, seen };
}

const makeRecords = (random: () => number, count: number, dimensions: number, from = 0) =>
  Array.from({ length: count }, (_, i) => ({
    id: `r${from + i}`,
    vector: randomUnitVector(random, dimensions),
    metadata: { group: (from + i) % 100, even: (from + i) % 2 === 0 },
  }));

describe('usearchHnsw with InMemoryVectorStore', () => {
  it('finds at least 95% of the exact top 10 on 5,000 random 64-dimensional vectors, through the graph', async () => {
    const random = createRandom(11);
    const { store, seen } = graphStore(64);
    await store.upsert(makeRecords(random, 5000, 64));
    expect(seen.instance?.size()).toBe(5000);
    let found = 0;
    for (let q = 0; q < 50; q++) {
      const vector = randomUnitVector(random, 64);
      const truth = await store.query({ vector, topK: 10, exact: true });
      const hits = await store.query({ vector, topK: 10 });
      expect(hits).toHaveLength(10);
      const exactScores = new Map(truth.map((hit) => [hit.id, hit.score]));
      for (const hit of hits) {
        if (exactScores.has(hit.id)) {
          found++;
          // Rescored from the float32 matrix: the same score as the exact scan.
          expect(hit.score).toBeCloseTo(exactScores.get(hit.id) as number, 5);
        }
      }
    }
    expect(seen.searches).toBe(50);
    expect(found / 500).toBeGreaterThanOrEqual(0.95);
    await store.close();
  });

  it('keeps the index in step with deletes and overwrites', async () => {
    const random = createRandom(12);
    const { store, seen } = graphStore(32);
    const records = makeRecords(random, 2000, 32);
    await store.upsert(records);
    const deleted = new Set(records.filter((_, i) => i % 3 === 0).map((record) => record.id));
    expect(await store.delete({ ids: [...deleted] })).toBe(deleted.size);
    const groupOne = records.filter((r) => r.metadata.group === 1 && !deleted.has(r.id));
    expect(groupOne.length).toBeGreaterThan(0);
    expect(await store.delete({ filter: { group: 1 } })).toBe(groupOne.length);
    for (const record of groupOne) deleted.add(record.id);
    expect(seen.instance?.size()).toBe(await store.count());

    // Each deleted vector, queried directly, must not come back.
    for (const record of records.filter((r) => deleted.has(r.id)).slice(0, 100)) {
      const hits = await store.query({ vector: record.vector, topK: 5 });
      for (const hit of hits) expect(deleted.has(hit.id)).toBe(false);
    }
    // Overwritten records (some moved by the deletes above) are found at their new place.
    const survivors = records.filter((record) => !deleted.has(record.id)).slice(0, 50);
    const moved = survivors.map((record) => ({
      id: record.id,
      vector: randomUnitVector(random, 32),
    }));
    await store.upsert([...moved, ...makeRecords(random, 10, 32, 5000)]);
    expect(seen.instance?.size()).toBe(await store.count());
    for (const record of moved) {
      const [best] = await store.query({ vector: record.vector, topK: 1 });
      expect(best?.id).toBe(record.id);
      expect(best?.score).toBeCloseTo(1, 4);
    }
    await store.close();
    expect(seen.released).toBe(true);
  });

  it('applies filters: widens the candidates for a common value, scans for a rare one', async () => {
    const random = createRandom(13);
    const { store, seen } = graphStore(32);
    await store.upsert(makeRecords(random, 3000, 32));
    const filters: Array<Record<string, boolean | number>> = [{ even: true }, { group: 7 }];
    for (const filter of filters) {
      const vector = randomUnitVector(random, 32);
      const before = seen.searches;
      const hits = await store.query({ vector, topK: 10, filter });
      const truth = await store.query({ vector, topK: 10, filter, exact: true });
      expect(hits).toHaveLength(10);
      const ids = await store.get(hits.map((hit) => hit.id));
      for (const record of ids) {
        expect(record.metadata).toMatchObject(filter);
      }
      const truthIds = new Set(truth.map((hit) => hit.id));
      expect(hits.filter((hit) => truthIds.has(hit.id)).length).toBeGreaterThanOrEqual(9);
      if ('group' in filter) {
        // 1% of the records match: after widening once it scans, so the answer is exact.
        expect(hits.map((hit) => hit.id)).toEqual(truth.map((hit) => hit.id));
      } else {
        expect(seen.searches - before).toBe(1);
      }
    }
    await store.close();
  });

  it('honours minScore and includeVectors on the approximate path', async () => {
    const random = createRandom(14);
    const store = new InMemoryVectorStore({
      dimensions: 16,
      approximate: usearchHnsw(),
      exactScanBelow: 0,
    });
    const records = makeRecords(random, 500, 16);
    await store.upsert(records);
    const vector = records[3]?.vector as Float32Array;
    const truth = await store.query({ vector, topK: 50, exact: true });
    const minScore = (truth[4]?.score as number) - 1e-6;
    const hits = await store.query({ vector, topK: 50, minScore, includeVectors: true });
    expect(hits.map((hit) => hit.id)).toEqual(truth.slice(0, 5).map((hit) => hit.id));
    expect(Array.from(hits[0]?.vector ?? [])).toEqual(Array.from(vector).map(Math.fround));
    await store.close();
  });

  it('restores the index when a saved store is loaded with it', async () => {
    const random = createRandom(15);
    const folder = await mkdtemp(join(tmpdir(), 'weft-hnsw-'));
    try {
      const store = new InMemoryVectorStore({ dimensions: 16, approximate: usearchHnsw() });
      const records = makeRecords(random, 300, 16);
      await store.upsert(records);
      await saveVectorStore(store, join(folder, 'store.weftvec'));
      const { recipe, seen } = observed(usearchHnsw());
      const loaded = await loadVectorStore(join(folder, 'store.weftvec'), {
        approximate: recipe,
        exactScanBelow: 0,
      });
      expect(seen.instance?.size()).toBe(300);
      const [best] = await loaded.query({ vector: records[42]?.vector as Float32Array, topK: 1 });
      expect(best?.id).toBe('r42');
      expect(seen.searches).toBe(1);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('drops a failing index, says so, and keeps answering by scanning', async () => {
    const random = createRandom(16);
    const broken: ApproximateIndex = {
      name: 'broken',
      create: () => ({
        add: () => {
          throw new Error('out of memory');
        },
        remove: () => undefined,
        search: () => new BigUint64Array(0),
        size: () => 0,
        release: () => undefined,
      }),
    };
    const store = new InMemoryVectorStore({
      dimensions: 8,
      approximate: broken,
      exactScanBelow: 0,
    });
    const records = makeRecords(random, 20, 8);
    const error = await store.upsert(records).catch((caught: unknown) => caught);
    expect(VectorStoreError.isInstance(error)).toBe(true);
    expect((error as VectorStoreError).code).toBe('approximate_index_failed');
    expect((error as Error).message).toMatch(/broken.*out of memory.*records were stored/);
    expect(await store.count()).toBe(20);
    const [best] = await store.query({ vector: records[5]?.vector as Float32Array, topK: 1 });
    expect(best?.id).toBe('r5');
  });

  it('scans when a graph search misses nodes and leaves the answer short', async () => {
    const random = createRandom(17);
    // A graph that knows every key but, like an HNSW search can, never returns one of them.
    const keys: bigint[] = [];
    const forgetful: ApproximateIndex = {
      name: 'forgetful',
      create: () => ({
        add: (added) => keys.push(...added),
        remove: () => undefined,
        search: (_query, count) => BigUint64Array.from(keys.slice(1, count + 1)),
        size: () => keys.length,
        release: () => undefined,
      }),
    };
    const store = new InMemoryVectorStore({
      dimensions: 8,
      approximate: forgetful,
      exactScanBelow: 0,
    });
    const records = makeRecords(random, 30, 8);
    await store.upsert(records);
    const all = await store.query({ vector: records[0]?.vector as Float32Array, topK: 30 });
    expect(all.map((hit) => hit.id).sort()).toEqual(records.map((record) => record.id).sort());
    expect(all[0]?.id).toBe('r0');
    // A full heap is not enough: asked for every row (64 candidates >= 30 rows), the graph
    // missed one, so the store scans and the missed nearest record is still first.
    const [best] = await store.query({ vector: records[0]?.vector as Float32Array, topK: 5 });
    expect(best?.id).toBe('r0');
  });

  it('fails with a clear error when usearch is not installed', () => {
    const error = (() => {
      try {
        usearchHnsw({
          module: () => {
            throw new Error("Cannot find module 'usearch'");
          },
        });
      } catch (caught) {
        return caught;
      }
    })();
    expect(VectorStoreError.isInstance(error)).toBe(true);
    expect((error as VectorStoreError).code).toBe('missing_peer');
    expect((error as Error).message).toMatch(/optional peer dependency usearch.*npm i usearch/);
    expect(() => usearchHnsw({ module: () => ({}) })).toThrow(/no Index constructor/);
  });

  it('refuses bad options with a ValidationError naming the option', async () => {
    const cases: Array<[() => unknown, RegExp]> = [
      [() => usearchHnsw({ connectivity: 0 }), /connectivity must be an integer from 2/],
      [() => usearchHnsw({ expansionSearch: 1.5 }), /expansionSearch must be an integer/],
      [() => usearchHnsw({ expansionAdd: -1 }), /expansionAdd must be an integer/],
      [
        () => usearchHnsw({ quantization: 'f64' as never }),
        /quantization must be 'f32', 'f16' or 'i8'/,
      ],
      [() => usearchHnsw({ module: 'usearch' as never }), /module must be a function/],
      [() => usearchHnsw(null as never), /options object/],
      [
        () => new InMemoryVectorStore({ dimensions: 4, approximate: {} as never }),
        /approximate must be an approximate index/,
      ],
      [
        () => new InMemoryVectorStore({ dimensions: 4, exactScanBelow: -1 }),
        /exactScanBelow must be a non-negative integer/,
      ],
    ];
    for (const [make, message] of cases) {
      let caught: unknown;
      try {
        make();
      } catch (error) {
        caught = error;
      }
      expect(ValidationError.isInstance(caught), String(message)).toBe(true);
      expect((caught as Error).message).toMatch(message);
    }
    const store = new InMemoryVectorStore({ dimensions: 2, approximate: usearchHnsw() });
    await expect(store.query({ vector: [1, 0], topK: 1, exact: 'yes' as never })).rejects.toThrow(
      /exact must be a boolean/,
    );
  });
});
