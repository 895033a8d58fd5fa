// Test-only: the store's behaviours, run against PGlite always and a real PostgreSQL when
// PGVECTOR_URL is set (see the *.test.ts files beside this one).
import { ValidationError } from '@weft/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VectorStoreError } from '../../errors/index.js';
import { compileFilter } from '../../filters/evaluate-filter.js';
import type { MetadataFilter, VectorRecord } from '../../types/index.js';
import { createPgVectorStore, type PgVectorStoreOptions } from './pgvector-store.js';
import type { PgVectorClient } from './sql-client.js';
import { filterArbitrary, metadataArbitrary, nastyStrings } from './test-arbitraries.js';

/** A database to run the cases against. */
export interface TestDatabase {
  client: PgVectorClient;
  /** Runs SQL directly, for checks the store's API cannot make. */
  sql(text: string, params?: unknown[]): Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
}

let tableCounter = 0;
function newTable(): string {
  tableCounter += 1;
  return `weft_test_${process.pid}_${Date.now().toString(36)}_${tableCounter}`;
}

function unit(values: number[]): Float32Array {
  const norm = Math.hypot(...values);
  return Float32Array.from(values, (value) => value / norm);
}

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += (a[i] as number) * (b[i] as number);
    na += (a[i] as number) ** 2;
    nb += (b[i] as number) ** 2;
  }
  return dot / Math.sqrt(na * nb);
}

function seededVectors(count: number, dimensions: number, seed: number): Float32Array[] {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
  return Array.from({ length: count }, () => unit(Array.from({ length: dimensions }, next)));
}

/** Registers the pgvector store's cases under `label`. */
export function describePgVectorStoreCases(label: string, open: () => Promise<TestDatabase>): void {
  describe(label, () => {
    let db: TestDatabase;
    const tables: string[] = [];
    const store = (options: Partial<PgVectorStoreOptions> = {}) => {
      const table = options.table ?? newTable();
      const created = createPgVectorStore({ client: db.client, table, dimensions: 3, ...options });
      tables.push(table);
      return created;
    };

    beforeAll(async () => {
      db = await open();
    });
    afterAll(async () => {
      for (const table of tables) await db.sql(`DROP TABLE IF EXISTS "${table}"`);
      await db.sql('DROP SCHEMA IF EXISTS weft_test_schema CASCADE');
      await db.close();
    });

    it('round-trips records: exact float32 vectors, text and metadata', async () => {
      const s = store();
      const records: VectorRecord[] = [
        {
          id: 'a',
          vector: Float32Array.from([0.1, -0.2, 0.3]),
          text: 'alpha',
          metadata: { n: 1, tags: ['x'] },
        },
        { id: 'b', vector: Float32Array.from([1e-7, 3.4e38, -1]) },
      ];
      await s.upsert(records);
      const [b, a] = await s.get(['b', 'missing', 'a']);
      expect(a).toEqual({
        id: 'a',
        vector: records[0]?.vector,
        text: 'alpha',
        metadata: { n: 1, tags: ['x'] },
      });
      expect(b?.vector).toEqual(records[1]?.vector);
      expect(b?.text).toBeUndefined();
      expect(b?.metadata).toBeUndefined();
      expect(await s.count()).toBe(2);
    });

    it('orders by cosine similarity, scores match, topK bounds the result', async () => {
      const s = store({ dimensions: 8 });
      const vectors = seededVectors(40, 8, 7);
      await s.upsert(vectors.map((vector, i) => ({ id: `r${i}`, vector })));
      const probe = seededVectors(1, 8, 99)[0] as Float32Array;
      const expected = vectors
        .map((vector, i) => ({ id: `r${i}`, score: cosine(vector, probe) }))
        .sort((x, y) => y.score - x.score);
      const top5 = await s.query({ vector: probe, topK: 5 });
      expect(top5.map((r) => r.id)).toEqual(expected.slice(0, 5).map((r) => r.id));
      for (const [i, r] of top5.entries())
        expect(r.score).toBeCloseTo(expected[i]?.score ?? Number.NaN, 5);
      expect(await s.query({ vector: probe, topK: 100 })).toHaveLength(40);
      const above = await s.query({ vector: probe, topK: 100, minScore: 0.2 });
      expect(above.map((r) => r.id)).toEqual(
        expected.filter((r) => r.score >= 0.2).map((r) => r.id),
      );
    });

    it('keeps topK results under a selective filter even with the HNSW index', async () => {
      const s = store({ dimensions: 4 });
      const vectors = seededVectors(400, 4, 3);
      await s.upsert(
        vectors.map((vector, i) => ({ id: `r${i}`, vector, metadata: { group: i % 40 } })),
      );
      const probe = seededVectors(1, 4, 5)[0] as Float32Array;
      const expected = vectors
        .map((vector, i) => ({ id: `r${i}`, score: cosine(vector, probe), group: i % 40 }))
        .filter((r) => r.group === 7)
        .sort((x, y) => y.score - x.score);
      const results = await s.query({ vector: probe, topK: 10, filter: { group: 7 } });
      expect(results.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    });

    it('overwrites by id and deletes by ids or filter, returning counts', async () => {
      const s = store();
      await s.upsert([
        { id: 'a', vector: unit([1, 0, 0]), text: 'old', metadata: { keep: true } },
        { id: 'b', vector: unit([0, 1, 0]), metadata: { keep: false } },
        { id: 'c', vector: unit([0, 0, 1]), metadata: { keep: false } },
      ]);
      await s.upsert([{ id: 'a', vector: unit([0, 1, 1]), text: 'new' }]);
      expect(await s.count()).toBe(3);
      expect(await s.get(['a'])).toEqual([{ id: 'a', vector: unit([0, 1, 1]), text: 'new' }]);
      expect(await s.delete({ ids: ['b', 'nope'] })).toBe(1);
      expect(await s.delete({ filter: { keep: false } })).toBe(1);
      expect(await s.delete({ ids: [] })).toBe(0);
      expect((await s.get(['a', 'b', 'c'])).map((r) => r.id)).toEqual(['a']);
    });

    it('refuses bad input with a clear error and changes nothing', async () => {
      const s = store();
      await s.upsert([{ id: 'keep', vector: unit([1, 2, 3]), metadata: { a: 1 } }]);
      const good = { id: 'x', vector: unit([1, 1, 1]) };
      const cases: Array<[() => Promise<unknown>, RegExp]> = [
        [
          () => s.upsert([good, { id: 'y', vector: new Float32Array(4) }]),
          /dimension mismatch.*3.*4/,
        ],
        [
          () => s.upsert([good, { id: 'y', vector: Float32Array.from([1, Number.NaN, 0]) }]),
          /finite.*NaN.*index 1/,
        ],
        [() => s.upsert([good, { ...good }]), /duplicate id "x"/],
        [() => s.upsert([good, { id: 'y', vector: new Float32Array(3) }]), /zero vector/],
        [() => s.upsert([{ ...good, text: 'a\u0000b' }]), /NUL/],
        [() => s.upsert([{ ...good, metadata: { n: Number.POSITIVE_INFINITY } }]), /finite/],
        [() => s.query({ vector: [1, 2], topK: 1 }), /dimension mismatch/],
        [() => s.query({ vector: [1, 2, 3], topK: 0 }), /topK/],
        [
          () =>
            s.query({
              vector: [1, 2, 3],
              topK: 1,
              filter: { a: { $regex: 'x' } } as MetadataFilter,
            }),
          /unknown operator "\$regex"/,
        ],
        [
          () => s.delete({ filter: { $where: '1' } as MetadataFilter }),
          /unknown operator "\$where"/,
        ],
      ];
      for (const [run, message] of cases) {
        const error = await run().then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(ValidationError.isInstance(error), String(error)).toBe(true);
        expect((error as Error).message).toMatch(message);
      }
      expect(await s.count()).toBe(1);
      expect((await s.get(['keep', 'x'])).map((r) => r.id)).toEqual(['keep']);
    });

    it('rolls back a whole upsert when the database fails in a later batch', async () => {
      const table = newTable();
      const s = store({ table, batchSize: 2 });
      await s.ready();
      await db.sql(`ALTER TABLE "${table}" ADD CONSTRAINT no_poison CHECK (id <> 'poison')`);
      const records = ['a', 'b', 'c', 'd', 'poison'].map((id) => ({ id, vector: unit([1, 2, 3]) }));
      await expect(s.upsert(records)).rejects.toThrow(VectorStoreError);
      expect(await s.count()).toBe(0);
    });

    it('neither breaks nor injects with SQL metacharacters in ids, keys and values', async () => {
      const s = store();
      const records = nastyStrings.map((text, i) => ({
        id: text,
        vector: unit([1, i + 1, 2]),
        text,
        metadata: { [text]: text, n: i, [`${text}#`]: i },
      }));
      await s.upsert(records);
      expect(await s.count()).toBe(nastyStrings.length);
      for (const [i, text] of nastyStrings.entries()) {
        const [got] = await s.get([text]);
        expect(got?.text).toBe(text);
        expect(await s.count({ [text]: text })).toBe(1);
        expect(await s.count({ [text]: { $exists: true } })).toBe(1);
        expect(await s.count({ [`${text}#`]: { $gte: i } })).toBe(1);
        expect(await s.count({ n: { $in: [i, text] } })).toBe(1);
        expect(await s.count({ [text]: { $lt: text } })).toBe(0);
      }
      expect(await s.delete({ ids: [nastyStrings[0] as string] })).toBe(1);
      expect(await s.count()).toBe(nastyStrings.length - 1);
      expect(await db.sql(`SELECT count(*)::int AS n FROM "${tables.at(-1)}"`)).toEqual([
        { n: nastyStrings.length - 1 },
      ]);
    });

    it('translates every filter operator exactly as the in-JS reference on random data', async () => {
      const s = store({ hnsw: false });
      await fc.assert(
        fc.asyncProperty(
          fc.array(metadataArbitrary, { minLength: 1, maxLength: 30 }),
          fc.array(filterArbitrary, { minLength: 1, maxLength: 12 }),
          async (metadatas, filters) => {
            await s.delete({ filter: {} });
            const records = metadatas.map((metadata, i) => ({
              id: `r${i}`,
              vector: unit([1, i + 1, 1]),
              metadata,
            }));
            await s.upsert(records);
            for (const filter of filters) {
              const predicate = compileFilter(filter);
              const expected = records
                .filter((r) => predicate(r.metadata))
                .map((r) => r.id)
                .sort();
              const found = await s.query({ vector: [1, 1, 1], topK: records.length, filter });
              expect(found.map((r) => r.id).sort()).toEqual(expected);
              expect(await s.count(filter)).toBe(expected.length);
            }
          },
        ),
        { numRuns: 100 },
      );
    });

    it('creates the table in a schema, without an index when hnsw is false', async () => {
      const table = newTable();
      const s = store({ table, schema: 'weft_test_schema', hnsw: false });
      await s.upsert([{ id: 'a', vector: unit([1, 0, 0]) }]);
      const indexes = await db.sql(
        'SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = $2',
        ['weft_test_schema', table],
      );
      expect(indexes.map((row) => String(row.indexdef)).some((def) => def.includes('hnsw'))).toBe(
        false,
      );
      expect(await db.sql(`SELECT id FROM weft_test_schema."${table}"`)).toEqual([{ id: 'a' }]);
      const indexed = store();
      await indexed.ready();
      const defs = await db.sql('SELECT indexdef FROM pg_indexes WHERE tablename = $1', [
        tables.at(-1),
      ]);
      expect(defs.map((row) => String(row.indexdef)).join('\n')).toMatch(
        /USING hnsw \(embedding vector_cosine_ops\)/,
      );
    });

    it('reports an existing table of another dimension, and a missing one with createTable false', async () => {
      const table = newTable();
      await store({ table, dimensions: 3 }).ready();
      await expect(store({ table, dimensions: 5 }).ready()).rejects.toThrow(
        /dimension mismatch.*vector\(3\).*5/,
      );
      await expect(store({ createTable: false }).ready()).rejects.toThrow(
        /does not exist.*createTable/,
      );
    });

    it('refuses unsafe table names and impossible options before touching the database', () => {
      expect(() => store({ table: 'chunks"; DROP TABLE x; --' })).toThrow(ValidationError);
      expect(() => store({ schema: 'a b' })).toThrow(/schema/);
      expect(() => store({ dimensions: 0 })).toThrow(/dimensions/);
      expect(() => store({ dimensions: 3000 })).toThrow(/dimensions.*2000/);
      expect(() =>
        createPgVectorStore({ client: {} as PgVectorClient, table: 't', dimensions: 3 }),
      ).toThrow(/client/);
    });

    it('close() stops the store but leaves the caller’s client open', async () => {
      const s = store();
      await s.upsert([{ id: 'a', vector: unit([1, 0, 0]) }]);
      await s.close();
      await expect(s.count()).rejects.toThrow(/closed/);
      expect(await db.sql('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    });

    it('stays consistent under concurrent upserts, queries and deletes', async () => {
      const s = store();
      const vectors = seededVectors(60, 3, 11);
      await Promise.all(
        vectors.map((vector, i) =>
          i % 3 === 2
            ? s.query({ vector, topK: 3, filter: { i: { $gte: 0 } } })
            : s.upsert([{ id: `r${i}`, vector, metadata: { i } }]),
        ),
      );
      expect(await s.count()).toBe(40);
      await Promise.all([
        s.delete({ filter: { i: { $lt: 30 } } }),
        s.count(),
        s.upsert([{ id: 'late', vector: unit([1, 1, 1]) }]),
      ]);
      expect(await s.count()).toBe(21);
    });

    it('refuses an aborted query', async () => {
      const s = store();
      const controller = new AbortController();
      controller.abort();
      await expect(
        s.query({ vector: [1, 0, 0], topK: 1, signal: controller.signal }),
      ).rejects.toThrow(/aborted/);
    });
  });
}
