import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite/vector';
import { describePgVectorStoreCases } from './pgvector-test-cases.js';

describePgVectorStoreCases('pgvector store on PGlite (in-process)', async () => {
  const db = new PGlite({ extensions: { vector } });
  return {
    client: db,
    sql: async (text, params) => (await db.query<Record<string, unknown>>(text, params)).rows,
    close: () => db.close(),
  };
});
