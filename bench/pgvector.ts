/**
 * The pgvector store on PGlite (in-process) and, when PGVECTOR_URL is set, on a real
 * PostgreSQL: upsert throughput (500 rows per statement in one transaction, against one row
 * per statement), top-10 query latency with the HNSW index and with an exact scan, the HNSW
 * recall@10 against the exact answer, and a selective filtered query. Every contender gets
 * the same seeded unit vectors and queries; medians over `--queries` queries after a warm-up.
 *
 *   pnpm --filter @weft/bench exec tsx pgvector.ts [--rows 10000] [--dimensions 384] [--queries 50]
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type {
  PGliteLike,
  PgPoolLike,
  PgVectorClient,
} from '../packages/rag/src/stores/pgvector/index.js';
import { createPgVectorStore } from '../packages/rag/src/stores/pgvector/index.js';
import { repoDir, writeResults } from './lib/results.js';
import { median, round } from './lib/stats.js';
import { formatTable } from './lib/table.js';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000' },
    dimensions: { type: 'string', default: '384' },
    queries: { type: 'string', default: '50' },
  },
});
const rows = Number(args.rows);
const dimensions = Number(args.dimensions);
const queryCount = Number(args.queries);

// pg and PGlite are devDependencies of packages/rag (optional peers of the store).
const requireFromRag = createRequire(join(repoDir, 'packages/rag/package.json'));

function seededUnitVectors(count: number, seed: number): Float32Array[] {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
  return Array.from({ length: count }, () => {
    const vector = Float32Array.from({ length: dimensions }, next);
    const norm = Math.hypot(...vector);
    return vector.map((value) => value / norm);
  });
}

const vectors = seededUnitVectors(rows, 1);
const queries = seededUnitVectors(queryCount, 2);
const records = vectors.map((vector, i) => ({ id: `r${i}`, vector, metadata: { group: i % 100 } }));

async function time<T>(run: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await run();
  return [result, performance.now() - start];
}

async function measure(
  label: string,
  client: PgVectorClient,
  drop: (table: string) => Promise<void>,
) {
  const table = `weft_bench_${process.pid}`;
  const exactTable = `${table}_exact`;
  await drop(table);
  await drop(exactTable);
  const hnsw = createPgVectorStore({ client, table, dimensions });
  const exact = createPgVectorStore({ client, table: exactTable, dimensions, hnsw: false });
  await hnsw.ready();
  await exact.ready();
  const [, upsertMs] = await time(() => hnsw.upsert(records));
  const [, exactUpsertMs] = await time(() => exact.upsert(records));
  const singleRowCount = Math.min(500, rows);
  const single = createPgVectorStore({
    client,
    table: `${table}_single`,
    dimensions,
    hnsw: false,
    batchSize: 1,
  });
  await single.ready();
  const [, singleMs] = await time(() => single.upsert(records.slice(0, singleRowCount)));
  const batched = createPgVectorStore({
    client,
    table: `${table}_batched`,
    dimensions,
    hnsw: false,
  });
  await batched.ready();
  const [, batchedMs] = await time(() => batched.upsert(records.slice(0, singleRowCount)));

  const latencies = { hnsw: [] as number[], exact: [] as number[], filtered: [] as number[] };
  let recallHits = 0;
  for (const [index, vector] of queries.entries()) {
    const [approximate, hnswMs] = await time(() => hnsw.query({ vector, topK: 10 }));
    const [truth, exactMs] = await time(() => exact.query({ vector, topK: 10 }));
    const [filtered, filteredMs] = await time(() =>
      hnsw.query({ vector, topK: 10, filter: { group: index % 100 } }),
    );
    if (filtered.length !== 10 || filtered.some((hit) => hit.metadata?.group !== index % 100)) {
      throw new Error('filtered query returned wrong rows');
    }
    const truthIds = new Set(truth.map((hit) => hit.id));
    recallHits += approximate.filter((hit) => truthIds.has(hit.id)).length;
    // The first queries warm caches and plans; they are not counted.
    if (index < 3) continue;
    latencies.hnsw.push(hnswMs);
    latencies.exact.push(exactMs);
    latencies.filtered.push(filteredMs);
  }
  for (const name of [table, exactTable, `${table}_single`, `${table}_batched`]) await drop(name);
  return {
    database: label,
    upsertRowsPerSecondWithHnsw: round(rows / (upsertMs / 1000), 0),
    upsertRowsPerSecondNoIndex: round(rows / (exactUpsertMs / 1000), 0),
    oneRowPerStatementRowsPerSecond: round(singleRowCount / (singleMs / 1000), 0),
    batchedRowsPerSecond: round(singleRowCount / (batchedMs / 1000), 0),
    hnswQueryMs: round(median(latencies.hnsw)),
    exactQueryMs: round(median(latencies.exact)),
    filteredHnswQueryMs: round(median(latencies.filtered)),
    hnswRecallAt10: round(recallHits / (queries.length * 10), 3),
  };
}

const results = [];
{
  // Typed by shape: bench/ does not depend on PGlite or pg itself.
  const { PGlite } = requireFromRag('@electric-sql/pglite') as {
    PGlite: new (options: unknown) => PGliteLike & { close(): Promise<void> };
  };
  const { vector } = requireFromRag('@electric-sql/pglite/vector') as { vector: unknown };
  const db = new PGlite({ extensions: { vector } });
  results.push(
    await measure(
      'PGlite 0.4.6 (in-process)',
      db,
      async (t) => void (await db.query(`DROP TABLE IF EXISTS "${t}"`)),
    ),
  );
  await db.close();
}
if (process.env.PGVECTOR_URL) {
  const pg = requireFromRag('pg') as {
    Pool: new (options: unknown) => PgPoolLike & { end(): Promise<void> };
  };
  const pool = new pg.Pool({ connectionString: process.env.PGVECTOR_URL, max: 4 });
  results.push(
    await measure(
      'PostgreSQL 15 + pgvector (pg Pool)',
      pool,
      async (t) => void (await pool.query(`DROP TABLE IF EXISTS "${t}"`)),
    ),
  );
  await pool.end();
}

console.log(
  `pgvector store: ${rows} x ${dimensions} seeded unit vectors, ${queryCount} top-10 queries\n`,
);
console.log(
  formatTable(
    [
      'database',
      'upsert rows/s (HNSW)',
      'upsert rows/s (no index)',
      '1 row/stmt',
      '500 rows/stmt',
      'HNSW ms',
      'exact ms',
      'filtered ms',
      'recall@10',
    ],
    results.map((r) => [
      r.database,
      String(r.upsertRowsPerSecondWithHnsw),
      String(r.upsertRowsPerSecondNoIndex),
      String(r.oneRowPerStatementRowsPerSecond),
      String(r.batchedRowsPerSecond),
      String(r.hnswQueryMs),
      String(r.exactQueryMs),
      String(r.filteredHnswQueryMs),
      String(r.hnswRecallAt10),
    ]),
  ),
);
console.log(
  `\nwrote ${writeResults('pgvector', { rows, dimensions, queries: queryCount, results })}`,
);
