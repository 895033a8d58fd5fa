import { copyFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRandom, randomUnitVector } from '../../conformance/random-data.js';
import type { ApproximateIndex } from '../in-memory/approximate-index.js';
import type { ApproximateIndexReport } from '../in-memory/approximate-mirror.js';
import { InMemoryVectorStore } from '../in-memory/in-memory-vector-store.js';
import { loadVectorStore, saveVectorStore } from '../in-memory/persist.js';
import { killWhileSaving } from '../in-memory/persist-test-support.js';
import { type UsearchHnswOptions, usearchHnsw } from './usearch-hnsw.js';

const folder = await mkdtemp(join(tmpdir(), 'weft-hnsw-persist-'));
afterAll(() => rm(folder, { recursive: true, force: true }));

/** usearchHnsw, counting the vectors added to its instances: a loaded graph adds none. */
function counted(options: UsearchHnswOptions = {}) {
  const recipe = usearchHnsw(options);
  const seen = { added: 0 };
  const wrapped: ApproximateIndex = {
    name: recipe.name,
    fingerprint: recipe.fingerprint,
    create(createOptions) {
      const inner = recipe.create(createOptions);
      return {
        ...inner,
        add: (keys, vectors) => {
          seen.added += keys.length;
          inner.add(keys, vectors);
        },
      };
    },
  };
  return { recipe: wrapped, seen };
}

const makeRecords = (random: () => number, count: number, dimensions: number, from = 0) =>
  Array.from({ length: count }, (_, i) => ({
    id: `r${from + i}`,
    vector: randomUnitVector(random, dimensions),
    metadata: { group: (from + i) % 10 },
  }));

/** 1,407 records with a graph, after deletes and overwrites (keys are no longer row numbers). */
async function storeWithGraph(seed: number, options: UsearchHnswOptions = {}) {
  const random = createRandom(seed);
  const store = new InMemoryVectorStore({
    dimensions: 24,
    approximate: usearchHnsw(options),
    exactScanBelow: 0,
  });
  await store.upsert(makeRecords(random, 1500, 24));
  await store.delete({ ids: Array.from({ length: 100 }, (_, i) => `r${i * 7}`) });
  await store.upsert(makeRecords(random, 50, 24, 200));
  const queries = Array.from({ length: 20 }, () => randomUnitVector(random, 24));
  return { store, queries };
}

async function load(path: string, recipe: ApproximateIndex) {
  const reports: ApproximateIndexReport[] = [];
  const store = await loadVectorStore(path, {
    approximate: recipe,
    exactScanBelow: 0,
    onApproximateIndex: (report) => reports.push(report),
  });
  expect(reports).toHaveLength(1);
  return { store, report: reports[0] as ApproximateIndexReport };
}

describe('saveVectorStore / loadVectorStore with an HNSW graph', () => {
  it('loads the saved graph instead of rebuilding it, with the same answers as before saving', async () => {
    const { store, queries } = await storeWithGraph(1);
    const path = join(folder, 'round-trip.weft');
    await saveVectorStore(store, path);
    expect((await stat(`${path}.hnsw`)).size).toBeGreaterThan(0);
    const { recipe, seen } = counted();
    const { store: loaded, report } = await load(path, recipe);
    expect(report).toEqual({ graph: 'loaded' });
    expect(seen.added).toBe(0);
    for (const vector of queries) {
      for (const query of [
        { vector, topK: 10, filter: { group: { $in: [1, 2, 3] } } },
        { vector, topK: 5 },
      ]) {
        const before = await store.query(query);
        const after = await loaded.query(query);
        expect(after.map((hit) => hit.id)).toEqual(before.map((hit) => hit.id));
        // Loading renormalizes the stored unit vectors, which can move a score in the 9th digit.
        after.forEach((hit, i) => {
          expect(hit.score).toBeCloseTo(before[i]?.score as number, 6);
        });
      }
    }
    // The loaded graph stays in step: new keys do not collide with the saved ones.
    const fresh = makeRecords(createRandom(99), 3, 24, 5000);
    await loaded.upsert(fresh);
    await loaded.delete({ ids: ['r1', 'r2'] });
    expect(seen.added).toBe(3);
    const [best] = await loaded.query({ vector: fresh[1]?.vector as Float32Array, topK: 1 });
    expect(best?.id).toBe('r5001');
    expect(await loaded.get(['r1', 'r2'])).toEqual([]);
    expect((await readdir(folder)).filter((name) => name.endsWith('tmp'))).toEqual([]);
  });

  it('rebuilds when the store was saved again without a graph', async () => {
    const { store } = await storeWithGraph(2);
    const path = join(folder, 'resaved.weft');
    await saveVectorStore(store, path);
    const plain = new InMemoryVectorStore({ dimensions: 24 });
    await plain.upsert(makeRecords(createRandom(3), 40, 24));
    await saveVectorStore(plain, path);
    const { recipe, seen } = counted();
    const { store: loaded, report } = await load(path, recipe);
    expect(report).toMatchObject({ graph: 'rebuilt', reason: /no saved graph/ });
    expect(seen.added).toBe(40);
    expect(await loaded.count()).toBe(40);
  });

  it('ignores a graph that belongs to another store file, or to other index options', async () => {
    const first = await storeWithGraph(4);
    const second = await storeWithGraph(5);
    const path = join(folder, 'first.weft');
    const other = join(folder, 'second.weft');
    await saveVectorStore(first.store, path);
    await saveVectorStore(second.store, other);
    await copyFile(`${other}.hnsw`, `${path}.hnsw`);
    const { recipe, seen } = counted();
    const { store: loaded, report } = await load(path, recipe);
    expect(report).toMatchObject({ graph: 'rebuilt', reason: /another version of the store/ });
    expect(seen.added).toBe(1407);
    const probe = first.store.snapshot();
    const [best] = await loaded.query({ vector: probe.vectors.subarray(0, 24), topK: 1 });
    expect(best?.id).toBe(probe.ids[0]);

    await saveVectorStore(first.store, path);
    const { recipe: sparser } = counted({ connectivity: 8 });
    const { report: otherOptions } = await load(path, sparser);
    expect(otherOptions).toMatchObject({
      graph: 'rebuilt',
      reason: /connectivity=16.*connectivity=8/,
    });
  });

  it('ignores a damaged graph file and rebuilds, never giving a wrong answer', async () => {
    const { store, queries } = await storeWithGraph(6);
    const path = join(folder, 'damaged.weft');
    await saveVectorStore(store, path);
    const bytes = await readFile(`${path}.hnsw`);
    const flippedIndex = Buffer.from(bytes);
    const middle = Math.floor(bytes.length * 0.7);
    flippedIndex[middle] = (flippedIndex[middle] as number) ^ 0xff;
    const damaged: Array<[Buffer, RegExp]> = [
      [flippedIndex, /checksum does not match/],
      [bytes.subarray(0, bytes.length - 100), /truncated/],
      [bytes.subarray(0, 20), /not a Weft graph file/],
      [Buffer.from('not a graph at all, just some text of some length........'), /not a Weft/],
    ];
    for (const [content, reason] of damaged) {
      await writeFile(`${path}.hnsw`, content);
      const { recipe, seen } = counted();
      const { store: loaded, report } = await load(path, recipe);
      expect(report).toMatchObject({ graph: 'rebuilt', reason });
      expect(seen.added).toBe(1407);
      for (const vector of queries.slice(0, 5)) {
        const exact = await store.query({ vector, topK: 5, exact: true });
        expect(await loaded.query({ vector, topK: 5, exact: true })).toEqual(exact);
      }
      const probe = store.snapshot();
      const [best] = await loaded.query({ vector: probe.vectors.subarray(24, 48), topK: 1 });
      expect(best?.id).toBe(probe.ids[1]);
    }
  });

  it('leaves a usable pair when killed while saving: the graph is loaded or rebuilt', async () => {
    const path = join(folder, 'killed.weft');
    const old = new InMemoryVectorStore({ dimensions: 256, approximate: usearchHnsw() });
    await old.upsert([{ id: 'old', vector: new Float32Array(256).fill(1), text: 'old' }]);
    const random = createRandom(12);
    for (let round = 0; round < 5; round++) {
      await saveVectorStore(old, path);
      await killWhileSaving({ path, rows: 3_000, hnsw: true, maxDelayMs: 150, random });
      const { store: loaded, report } = await load(path, usearchHnsw());
      // Either graph is fine: a new store file with the old graph is rebuilt, by design.
      expect(['loaded', 'rebuilt']).toContain(report.graph);
      const count = await loaded.count();
      expect([1, 3000]).toContain(count);
      const id = count === 1 ? 'old' : 'new-7';
      const [stored] = await loaded.get([id]);
      const [best] = await loaded.query({ vector: stored?.vector as Float32Array, topK: 1 });
      expect(best?.id).toBe(id);
    }
  });
});
