import { ValidationError } from '@weft/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom, randomUnitVector } from '../../conformance/random-data.js';
import { VectorStoreError } from '../../errors/vector-store-error.js';
import { InMemoryVectorStore } from './in-memory-vector-store.js';

const unit = (values: number[]) => Float32Array.from(values);

describe('InMemoryVectorStore', () => {
  it('keeps rows dense and ids consistent through any sequence of upserts and deletes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.record({
              kind: fc.constant('upsert' as const),
              ids: fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 6 }),
            }),
            fc.record({
              kind: fc.constant('delete' as const),
              ids: fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 6 }),
            }),
          ),
          { maxLength: 40 },
        ),
        fc.constantFrom<'none' | 'int8'>('none', 'int8'),
        async (operations, quantization) => {
          const store = new InMemoryVectorStore({ dimensions: 8, quantization });
          const model = new Map<string, Float32Array>();
          const random = createRandom(operations.length);
          for (const operation of operations) {
            const ids = operation.ids.map((id) => `id-${id}`);
            if (operation.kind === 'upsert') {
              const records = ids.map((id) => ({
                id,
                vector: randomUnitVector(random, 8),
                metadata: { id },
              }));
              await store.upsert(records);
              for (const record of records) model.set(record.id, record.vector);
            } else {
              const present = new Set(ids.filter((id) => model.has(id)));
              expect(await store.delete({ ids })).toBe(present.size);
              for (const id of present) model.delete(id);
            }
          }
          expect(await store.count()).toBe(model.size);
          const got = await store.get([...model.keys()]);
          expect(got.map((record) => record.id)).toEqual([...model.keys()]);
          for (const record of got) {
            expect(record.metadata).toEqual({ id: record.id });
            const [best] = await store.query({
              vector: model.get(record.id) as Float32Array,
              topK: 1,
            });
            expect(best?.id).toBe(record.id);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('gives clear validation errors that name the problem', async () => {
    const store = new InMemoryVectorStore({ dimensions: 3 });
    const cases: Array<[unknown, RegExp]> = [
      [
        [{ id: 'a', vector: unit([1, 2]) }],
        /dimension mismatch: the store holds 3-dimensional vectors, got 2/,
      ],
      [[{ id: 'a', vector: unit([1, Number.NaN, 0]) }], /element 1 is NaN/],
      [[{ id: 'a', vector: unit([0, 0, 0]) }], /zero vector/],
      [[{ id: '', vector: unit([1, 0, 0]) }], /ids must be non-empty strings/],
      [
        [
          { id: 'a', vector: unit([1, 0, 0]) },
          { id: 'a', vector: unit([0, 1, 0]) },
        ],
        /duplicate id "a"/,
      ],
      [
        [{ id: 'a', vector: unit([1, 0, 0]), metadata: { when: new Date() } }],
        /metadata values must be JSON/,
      ],
    ];
    for (const [records, message] of cases) {
      const error = await store.upsert(records as never).catch((caught: unknown) => caught);
      expect(ValidationError.isInstance(error)).toBe(true);
      expect((error as Error).message).toMatch(message);
    }
    expect(await store.count()).toBe(0);
  });

  it('names the nested place of bad metadata, and keeps a __proto__ key a plain key', async () => {
    const store = new InMemoryVectorStore({ dimensions: 2 });
    const bad = { a: [1, { b: Number.POSITIVE_INFINITY }] };
    const error = await store
      .upsert([
        { id: 'ok', vector: unit([1, 0]) },
        { id: 'x', vector: unit([1, 0]), metadata: bad },
      ])
      .catch((caught: unknown) => caught);
    expect((error as Error).message).toContain(
      'records.1.metadata.a.1.b: metadata numbers must be finite',
    );
    const parsed = JSON.parse('{"__proto__": {"polluted": true}, "n": 1}') as Record<
      string,
      unknown
    >;
    await store.upsert([{ id: 'p', vector: unit([0, 1]), metadata: parsed }]);
    const [record] = await store.get(['p']);
    expect(Object.keys(record?.metadata ?? {})).toEqual(['__proto__', 'n']);
    expect(Object.getPrototypeOf(record?.metadata)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await store.count({ n: 1 })).toBe(1);
  });

  it('normalizes vectors whose squared length overflows, and plain number arrays', async () => {
    const store = new InMemoryVectorStore({ dimensions: 2, quantization: 'int8' });
    await store.upsert([
      { id: 'huge', vector: Float64Array.from([3e200, 4e200]) as unknown as Float32Array },
      { id: 'plain', vector: [0, -5] as unknown as Float32Array },
    ]);
    const [huge, plain] = await store.get(['huge', 'plain']);
    expect(Array.from(huge?.vector ?? [])).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    expect(Array.from(plain?.vector ?? [])).toEqual([0, -1]);
    const [best] = await store.query({ vector: [0, -1], topK: 1 });
    expect(best?.id).toBe('plain');
  });

  it('hands out copies, so callers cannot change what is stored', async () => {
    const store = new InMemoryVectorStore({ dimensions: 2 });
    const metadata = { tags: ['a'] };
    await store.upsert([{ id: 'a', vector: unit([3, 4]), metadata }]);
    metadata.tags.push('b');
    const [record] = await store.get(['a']);
    if (!record?.metadata) throw new Error('the record should have metadata');
    (record.metadata.tags as string[]).push('c');
    record.vector.fill(0);
    const [hit] = await store.query({ vector: [3, 4], topK: 1, includeVectors: true });
    expect(hit?.metadata).toEqual({ tags: ['a'] });
    expect(Array.from(hit?.vector ?? [])).toEqual([Math.fround(0.6), Math.fround(0.8)]);
  });

  it('finds the exact top 10 in int8 mode on 1,000 random 256-dimensional vectors', async () => {
    const random = createRandom(3);
    const exact = new InMemoryVectorStore({ dimensions: 256 });
    const int8 = new InMemoryVectorStore({ dimensions: 256, quantization: 'int8' });
    const records = Array.from({ length: 1000 }, (_, i) => ({
      id: `r${i}`,
      vector: randomUnitVector(random, 256),
    }));
    await exact.upsert(records);
    await int8.upsert(records);
    let found = 0;
    for (let q = 0; q < 20; q++) {
      const vector = randomUnitVector(random, 256);
      const truth = new Set((await exact.query({ vector, topK: 10 })).map((hit) => hit.id));
      found += (await int8.query({ vector, topK: 10 })).filter((hit) => truth.has(hit.id)).length;
    }
    expect(found / 200).toBeGreaterThanOrEqual(0.99);
  });

  it('fails every call after close with a VectorStoreError', async () => {
    const store = new InMemoryVectorStore({ dimensions: 2 });
    await store.close();
    const error = await store.count().catch((caught: unknown) => caught);
    expect(VectorStoreError.isInstance(error)).toBe(true);
    expect((error as VectorStoreError).code).toBe('closed');
  });

  it('refuses an aborted query', async () => {
    const store = new InMemoryVectorStore({ dimensions: 2 });
    await expect(
      store.query({ vector: [1, 0], topK: 1, signal: AbortSignal.abort() }),
    ).rejects.toThrow();
  });

  it('rebuilds the same store from a snapshot', async () => {
    const store = new InMemoryVectorStore({ dimensions: 2, quantization: 'int8' });
    await store.upsert([
      { id: 'a', vector: unit([1, 0]), text: 'x', metadata: { n: 1 } },
      { id: 'b', vector: unit([0, 1]) },
    ]);
    const copy = await InMemoryVectorStore.fromSnapshot(store.snapshot());
    expect(copy.quantization).toBe('int8');
    expect(await copy.get(['a', 'b'])).toEqual(await store.get(['a', 'b']));
  });
});
