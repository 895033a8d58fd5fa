import { VectorStoreError } from '../../errors/index.js';
import { indexName } from './identifiers.js';
import type { SqlClient } from './sql-client.js';

/** How the table and its index are set up. */
export interface TableSetup {
  /** The quoted, qualified table name, e.g. `"rag"."chunks"`. */
  qualifiedTable: string;
  /** The table name as given (unquoted), for the index name. */
  table: string;
  schema?: string;
  dimensions: number;
  createTable: boolean;
  hnsw: { m: number; efConstruction: number } | false;
}

/** What the store learns about the database while setting up. */
export interface DatabaseInfo {
  /** pgvector 0.8+ can keep scanning an HNSW index until a filtered query has enough rows. */
  iterativeScan: boolean;
}

const initLockKey = 'weft.rag.pgvector.init';

function error(setup: TableSetup, message: string, cause?: unknown): VectorStoreError {
  return new VectorStoreError(`pgvector store ${setup.qualifiedTable}: ${message}`, {
    store: 'pgvector',
    code: 'vector_store_setup',
    cause,
  });
}

async function createObjects(client: SqlClient, setup: TableSetup): Promise<void> {
  const { qualifiedTable, dimensions, hnsw } = setup;
  await client.transaction(async (tx) => {
    // Concurrent `CREATE ... IF NOT EXISTS` can still collide in the catalog; a lock orders them.
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [initLockKey]);
    await tx.query('CREATE EXTENSION IF NOT EXISTS vector');
    if (setup.schema !== undefined) await tx.query(`CREATE SCHEMA IF NOT EXISTS "${setup.schema}"`);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS ${qualifiedTable} (
        id text PRIMARY KEY,
        embedding vector(${dimensions}) NOT NULL,
        text text,
        metadata jsonb
      )`,
    );
    if (hnsw !== false) {
      // DDL takes no parameters; m and efConstruction are checked integers.
      await tx.query(
        `CREATE INDEX IF NOT EXISTS ${indexName(setup.table, '_embedding_hnsw')} ON ${qualifiedTable}
         USING hnsw (embedding vector_cosine_ops) WITH (m = ${hnsw.m}, ef_construction = ${hnsw.efConstruction})`,
      );
    }
  });
}

const expectedColumns: Record<string, (setup: TableSetup) => string> = {
  id: () => 'text',
  embedding: (setup) => `vector(${setup.dimensions})`,
  text: () => 'text',
  metadata: () => 'jsonb',
};

async function checkTable(client: SqlClient, setup: TableSetup): Promise<void> {
  const { rows } = await client.query(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
       FROM pg_attribute a
      WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped`,
    [setup.qualifiedTable],
  );
  if (rows.length === 0) {
    throw error(setup, 'the table does not exist; create it or pass `createTable: true`.');
  }
  const types = new Map(rows.map((row) => [String(row.name), String(row.type)]));
  for (const [column, expected] of Object.entries(expectedColumns)) {
    const actual = types.get(column);
    if (actual === expected(setup)) continue;
    if (column === 'embedding' && actual?.startsWith('vector')) {
      throw error(
        setup,
        `dimension mismatch: the table's embedding column is ${actual}, the store was created with dimensions: ${setup.dimensions}.`,
      );
    }
    throw error(
      setup,
      `column "${column}" should be ${expected(setup)}, found ${actual ?? 'nothing'} (expected columns: id text, embedding vector(n), text text, metadata jsonb).`,
    );
  }
}

/** Creates (if asked) and checks the table and its index; reports what the database supports. */
export async function prepareTable(client: SqlClient, setup: TableSetup): Promise<DatabaseInfo> {
  try {
    if (setup.createTable) await createObjects(client, setup);
    await checkTable(client, setup);
    const { rows } = await client.query(
      "SELECT extversion AS version FROM pg_extension WHERE extname = 'vector'",
    );
    const version = String(rows[0]?.version ?? '0');
    const [major = 0, minor = 0] = version.split('.').map(Number);
    return { iterativeScan: major > 0 || minor >= 8 };
  } catch (cause) {
    if (VectorStoreError.isInstance(cause)) throw cause;
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw error(setup, `setup failed: ${reason}`, cause);
  }
}
