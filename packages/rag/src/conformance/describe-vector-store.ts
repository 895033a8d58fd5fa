import { describe, expect, it } from 'vitest';
import { allFilterOperators, type FilterOperator } from '../filters/index.js';
import type { MetadataFilter, VectorRecord, VectorStore } from '../types/index.js';
import {
  createRandom,
  hostileKey,
  hostileStrings,
  leafFilter,
  pick,
  type Random,
  randomFilter,
  randomMetadata,
  randomUnitVector,
} from './random-data.js';
import { cosine, type ReferenceRecord, referenceQuery } from './reference.js';

export interface DescribeVectorStoreOptions {
  /** Seeds the random records, vectors and filters (default 1). */
  seed?: number;
  /** How many random filters are checked against the reference (default 60). */
  filterCases?: number;
  /** Allowed difference between a returned score and the exact cosine (default 1e-3). */
  scoreTolerance?: number;
}

type Factory = () => Promise<VectorStore> | VectorStore;

/**
 * The conformance suite for a `VectorStore` adapter, as vitest tests. Each test gets a fresh,
 * empty store from `factory` and closes it. Filters are checked against the reference
 * evaluation on random data full of SQL metacharacters.
 *
 * @example
 * describeVectorStore('my store', () => new MyStore({ dimensions: 8 }));
 */
export function describeVectorStore(
  name: string,
  factory: Factory,
  options: DescribeVectorStoreOptions = {},
): void {
  const seed = options.seed ?? 1;
  const filterCases = options.filterCases ?? 60;
  const tolerance = options.scoreTolerance ?? 1e-3;

  /** Runs `body` with a fresh store and closes it whatever happens. */
  const withStore = async (body: (store: VectorStore, random: Random) => Promise<void>) => {
    const store = await factory();
    try {
      await body(store, createRandom(seed));
    } finally {
      await store.close();
    }
  };

  const makeRecords = (
    store: VectorStore,
    random: Random,
    count: number,
    prefix = 'r',
  ): ReferenceRecord[] =>
    Array.from({ length: count }, (_, index) => ({
      id: `${prefix}-${index}-${pick(random, hostileStrings)}`,
      vector: randomUnitVector(random, store.dimensions),
      text: `text ${index} ${pick(random, hostileStrings)}`,
      metadata: randomMetadata(random),
    }));

  const ids = (hits: Array<{ id: string }>) => hits.map((hit) => hit.id).sort();

  /** Checks results against the exact answer, allowing near-ties to swap at the boundary. */
  const expectTopK = (
    hits: Array<{ id: string; score: number }>,
    expected: Array<{ id: string; score: number }>,
    topK: number,
  ) => {
    expect(hits.length).toBe(Math.min(topK, expected.length));
    const exact = new Map(expected.map((hit) => [hit.id, hit.score]));
    for (let i = 0; i < hits.length; i++) {
      const hit = hits[i] as { id: string; score: number };
      expect(exact.has(hit.id), `unexpected id ${hit.id}`).toBe(true);
      expect(Math.abs(hit.score - (exact.get(hit.id) as number))).toBeLessThanOrEqual(tolerance);
      if (i > 0) expect(hit.score).toBeLessThanOrEqual((hits[i - 1]?.score as number) + 1e-6);
    }
    const kth = expected[hits.length - 1]?.score;
    if (kth !== undefined) {
      expect(hits[hits.length - 1]?.score as number).toBeGreaterThanOrEqual(kth - tolerance);
    }
  };

  describe(`${name} (vector-store conformance)`, () => {
    it('starts empty: count 0, no hits, nothing to get', async () => {
      await withStore(async (store, random) => {
        expect(await store.count()).toBe(0);
        expect(
          await store.query({ vector: randomUnitVector(random, store.dimensions), topK: 5 }),
        ).toEqual([]);
        expect(await store.get(['missing'])).toEqual([]);
        expect(await store.delete({ ids: ['missing'] })).toBe(0);
      });
    });

    it('round-trips records through upsert, get and count', async () => {
      await withStore(async (store, random) => {
        const records = makeRecords(store, random, 24);
        records.push({ id: hostileKey, vector: randomUnitVector(random, store.dimensions) });
        await store.upsert(records);
        expect(await store.count()).toBe(records.length);
        const wanted = [records[3], { id: 'missing' }, records[0], records[24]].map(
          (r) => r?.id as string,
        );
        const got = await store.get(wanted);
        expect(got.map((record) => record.id)).toEqual([wanted[0], wanted[2], wanted[3]]);
        for (const record of got) {
          const original = records.find(
            (candidate) => candidate.id === record.id,
          ) as ReferenceRecord;
          expect(record.vector.length).toBe(store.dimensions);
          expect(cosine(record.vector, original.vector)).toBeGreaterThan(1 - 1e-4);
          expect(record.text).toBe(original.text);
          expect(record.metadata ?? undefined).toEqual(original.metadata);
        }
      });
    });

    it('orders hits by cosine similarity, best first, with exact scores', async () => {
      await withStore(async (store, random) => {
        // Enough records that a store returning the wrong candidates cannot pass by luck.
        const records = makeRecords(store, random, 300);
        await store.upsert(records);
        for (let round = 0; round < 5; round++) {
          const vector = randomUnitVector(random, store.dimensions);
          const hits = await store.query({ vector, topK: 10 });
          expectTopK(hits, referenceQuery(records, { vector }), 10);
        }
        const target = records[7] as ReferenceRecord;
        const [best] = await store.query({ vector: Array.from(target.vector), topK: 1 });
        expect(best?.id).toBe(target.id);
        expect(best?.score).toBeCloseTo(1, 3);
        expect(best?.text).toBe(target.text);
        expect(best?.metadata).toEqual(target.metadata);
      });
    });

    it('scores the same direction alike whatever the vector length', async () => {
      await withStore(async (store, random) => {
        const vector = randomUnitVector(random, store.dimensions);
        await store.upsert([{ id: 'long', vector: vector.map((value) => value * 7) }]);
        const [hit] = await store.query({ vector: vector.map((value) => value * 0.5), topK: 1 });
        expect(hit?.score).toBeCloseTo(1, 3);
        const [opposite] = await store.query({ vector: vector.map((value) => -value), topK: 1 });
        expect(opposite?.score).toBeCloseTo(-1, 3);
      });
    });

    it('honours topK bounds and minScore', async () => {
      await withStore(async (store, random) => {
        const records = makeRecords(store, random, 12);
        await store.upsert(records);
        const vector = randomUnitVector(random, store.dimensions);
        const exact = referenceQuery(records, { vector });
        expect(await store.query({ vector, topK: 1 })).toHaveLength(1);
        expectTopK(await store.query({ vector, topK: 100 }), exact, 100);
        const minScore = (exact[5]?.score as number) - 1e-4;
        const above = await store.query({ vector, topK: 100, minScore });
        expect(ids(above)).toEqual(ids(exact.slice(0, 6)));
        for (const topK of [0, -1, 1.5, Number.NaN]) {
          await expect(store.query({ vector, topK })).rejects.toThrow();
        }
      });
    });

    it('evaluates every supported filter operator like the reference, on random data', async () => {
      await withStore(async (store, random) => {
        const supported = new Set<FilterOperator>(store.capabilities.filterOperators);
        const records = makeRecords(store, random, 80);
        await store.upsert(records);
        const vector = randomUnitVector(random, store.dimensions);
        const filters: MetadataFilter[] = [];
        for (const operator of [
          '$eq',
          '$ne',
          '$gt',
          '$gte',
          '$lt',
          '$lte',
          '$in',
          '$nin',
          '$exists',
        ] as const) {
          if (!supported.has(operator)) continue;
          for (let i = 0; i < 4; i++) filters.push(leafFilter(random, operator));
        }
        for (let i = 0; i < filterCases; i++) filters.push(randomFilter(random, supported));
        for (const filter of filters) {
          const expected = referenceQuery(records, { vector, filter });
          const label = JSON.stringify(filter);
          expect(await store.count(filter), label).toBe(expected.length);
          const hits = await store.query({ vector, topK: records.length, filter });
          expect(ids(hits), label).toEqual(ids(expected));
        }
      });
    });

    it('refuses the operators it does not support, and unknown ones, changing nothing', async () => {
      await withStore(async (store, random) => {
        await store.upsert(makeRecords(store, random, 5));
        const vector = randomUnitVector(random, store.dimensions);
        const unsupported = allFilterOperators.filter(
          (op) => !store.capabilities.filterOperators.includes(op),
        );
        const samples: Record<FilterOperator, MetadataFilter> = {
          $eq: { n: { $eq: 1 } },
          $ne: { n: { $ne: 1 } },
          $gt: { n: { $gt: 1 } },
          $gte: { n: { $gte: 1 } },
          $lt: { n: { $lt: 1 } },
          $lte: { n: { $lte: 1 } },
          $in: { n: { $in: [1] } },
          $nin: { n: { $nin: [1] } },
          $exists: { n: { $exists: true } },
          $and: { $and: [{ n: { $exists: true } }] },
          $or: { $or: [{ n: { $exists: true } }] },
          $not: { $not: { n: { $exists: true } } },
        };
        for (const operator of unsupported) {
          await expect(
            store.query({ vector, topK: 3, filter: samples[operator] }),
          ).rejects.toThrow();
          await expect(store.count(samples[operator])).rejects.toThrow();
        }
        const unknown = { n: { $regex: '.*' } } as unknown as MetadataFilter;
        await expect(store.query({ vector, topK: 3, filter: unknown })).rejects.toThrow(/\$regex/);
        await expect(store.delete({ filter: unknown })).rejects.toThrow(/\$regex/);
        expect(await store.count()).toBe(5);
      });
    });

    it('deletes by ids and by filter', async () => {
      await withStore(async (store, random) => {
        const records = makeRecords(store, random, 40);
        await store.upsert(records);
        const doomed = [records[0], records[13], records[39]].map((record) => record?.id as string);
        expect(await store.delete({ ids: [...doomed, 'missing'] })).toBe(3);
        expect(await store.get(doomed)).toEqual([]);
        let remaining = records.filter((record) => !doomed.includes(record.id));
        expect(await store.count()).toBe(remaining.length);
        const filter: MetadataFilter = { n: { $gte: 1 } };
        const matching = referenceQuery(remaining, {
          vector: records[0]?.vector as Float32Array,
          filter,
        });
        expect(await store.delete({ filter })).toBe(matching.length);
        remaining = remaining.filter((record) => !matching.some((hit) => hit.id === record.id));
        expect(await store.count()).toBe(remaining.length);
        const vector = randomUnitVector(random, store.dimensions);
        expectTopK(
          await store.query({ vector, topK: 50 }),
          referenceQuery(remaining, { vector }),
          50,
        );
      });
    });

    it('overwrites a record upserted again under the same id', async () => {
      await withStore(async (store, random) => {
        const records = makeRecords(store, random, 10);
        await store.upsert(records);
        const replacement = {
          id: records[4]?.id as string,
          vector: randomUnitVector(random, store.dimensions),
          text: 'replaced',
          metadata: { s: "new 'value'" },
        };
        await store.upsert([replacement]);
        expect(await store.count()).toBe(10);
        const [got] = await store.get([replacement.id]);
        expect(got?.text).toBe('replaced');
        expect(got?.metadata).toEqual({ s: "new 'value'" });
        const [best] = await store.query({ vector: replacement.vector, topK: 1 });
        expect(best?.id).toBe(replacement.id);
        expect(best?.score).toBeCloseTo(1, 3);
        expect(await store.count({ s: "new 'value'" })).toBe(1);
      });
    });

    it('refuses bad batches whole: dimension mismatch, NaN, duplicate or empty ids', async () => {
      await withStore(async (store, random) => {
        const good = makeRecords(store, random, 3);
        await store.upsert(good);
        const fresh = (id: string): VectorRecord => ({
          id,
          vector: randomUnitVector(random, store.dimensions),
        });
        const nan = randomUnitVector(random, store.dimensions);
        nan[0] = Number.NaN;
        const infinite = randomUnitVector(random, store.dimensions);
        infinite[1] = Number.POSITIVE_INFINITY;
        const batches: VectorRecord[][] = [
          [fresh('new-1'), { id: 'new-2', vector: randomUnitVector(random, store.dimensions + 1) }],
          [fresh('new-1'), { id: 'new-2', vector: nan }],
          [fresh('new-1'), { id: 'new-2', vector: infinite }],
          [fresh('new-1'), fresh('new-1')],
          [fresh('new-1'), fresh('')],
          [{ ...fresh(good[0]?.id as string), text: 'changed' }, fresh('new-2'), fresh('new-2')],
        ];
        for (const batch of batches) {
          await expect(store.upsert(batch)).rejects.toThrow();
          expect(await store.count()).toBe(3);
          expect(await store.get(['new-1', 'new-2'])).toEqual([]);
        }
        const [first] = await store.get([good[0]?.id as string]);
        expect(first?.text).toBe(good[0]?.text);
        const short = randomUnitVector(random, store.dimensions - 1 || 2);
        await expect(store.query({ vector: short, topK: 1 })).rejects.toThrow();
      });
    });

    it('handles concurrent upserts and queries', async () => {
      await withStore(async (store, random) => {
        const batches = Array.from({ length: 8 }, (_, batch) =>
          makeRecords(store, random, 12, `b${batch}`),
        );
        const vector = randomUnitVector(random, store.dimensions);
        const results = await Promise.all(
          batches.flatMap((batch) => [store.upsert(batch), store.query({ vector, topK: 5 })]),
        );
        for (const result of results)
          if (Array.isArray(result)) expect(result.length).toBeLessThanOrEqual(5);
        const all = batches.flat();
        expect(await store.count()).toBe(all.length);
        const answers = await Promise.all(
          Array.from({ length: 6 }, () => store.query({ vector, topK: 7 })),
        );
        const exact = referenceQuery(all, { vector });
        for (const hits of answers) expectTopK(hits, exact, 7);
      });
    });

    it('closes', async () => {
      const store = await factory();
      await store.upsert([
        { id: 'a', vector: randomUnitVector(createRandom(seed), store.dimensions) },
      ]);
      await expect(store.close()).resolves.toBeUndefined();
    });
  });
}
