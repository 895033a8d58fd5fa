import pg from 'pg';
import { describe } from 'vitest';
import { describePgVectorStoreCases } from './pgvector-test-cases.js';

// CI (.ci/run) starts PostgreSQL + pgvector and sets PGVECTOR_URL; without it these are skipped.
const url = process.env.PGVECTOR_URL;

describe.skipIf(!url)(
  'pgvector on a real PostgreSQL (skipped: set PGVECTOR_URL to a PostgreSQL with pgvector)',
  () => {
    describePgVectorStoreCases('through a pg Pool', async () => {
      const pool = new pg.Pool({ connectionString: url, max: 4 });
      return {
        client: pool,
        sql: async (text, params) => (await pool.query(text, params)).rows,
        close: () => pool.end(),
      };
    });

    describePgVectorStoreCases('through a single pg Client', async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return {
        client,
        sql: async (text, params) => (await client.query(text, params)).rows,
        close: () => client.end(),
      };
    });
  },
);
