import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite/vector';
import pg from 'pg';
import { afterAll, describe } from 'vitest';
import { describeVectorStore } from '../../conformance/index.js';
import { createPgVectorStore } from './pgvector-store.js';
import type { PgVectorClient } from './sql-client.js';

let tableCounter = 0;
const freshTable = () =>
  `weft_conformance_${process.pid}_${Date.now().toString(36)}_${++tableCounter}`;

// One database per file; every store the suite asks for gets a new table.
const pglite = new PGlite({ extensions: { vector } });
afterAll(() => pglite.close());

const storeOn = (client: PgVectorClient, hnsw: boolean) => () =>
  createPgVectorStore({
    client,
    table: freshTable(),
    dimensions: 8,
    ...(hnsw ? {} : { hnsw: false }),
  });

describeVectorStore('pgvector on PGlite, HNSW index', storeOn(pglite, true));
describeVectorStore('pgvector on PGlite, exact scan', storeOn(pglite, false), { seed: 2 });

const url = process.env.PGVECTOR_URL;
describe.skipIf(!url)(
  'pgvector conformance on a real PostgreSQL (skipped: set PGVECTOR_URL)',
  () => {
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    const created: string[] = [];
    afterAll(async () => {
      for (const table of created) await pool.query(`DROP TABLE IF EXISTS "${table}"`);
      await pool.end();
    });
    describeVectorStore('pgvector on PostgreSQL through a pg Pool', () => {
      const table = freshTable();
      created.push(table);
      return createPgVectorStore({ client: pool, table, dimensions: 8 });
    });
  },
);
