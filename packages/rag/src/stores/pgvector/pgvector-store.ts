import { AbortError, ValidationError } from '@weft/core';
import { VectorStoreError } from '../../errors/index.js';
import { allFilterOperators } from '../../filters/filter-node.js';
import type {
  MetadataFilter,
  ScoredRecord,
  VectorQuery,
  VectorRecord,
  VectorStore,
  VectorStoreCapabilities,
} from '../../types/index.js';
import { filterToSql, SqlParameters } from './filter-to-sql.js';
import { quoteIdentifier } from './identifiers.js';
import { checkId, decodeVector, encodeRecords, encodeVector } from './records.js';
import { type DatabaseInfo, prepareTable, type TableSetup } from './schema.js';
import {
  type PgVectorClient,
  type SqlClient,
  type SqlExecutor,
  toSqlClient,
} from './sql-client.js';

/** Options of `createPgVectorStore`. */
export interface PgVectorStoreOptions {
  /** A `pg` Pool or Client, or a PGlite instance with the vector extension. Not closed by `close()`. */
  client: PgVectorClient;
  /** Table name: letters, digits and underscores. */
  table: string;
  dimensions: number;
  /** Schema of the table; created when missing. Default: the connection's search path. */
  schema?: string;
  /** Create the extension, table and index when missing (default true). */
  createTable?: boolean;
  /** HNSW index (cosine) settings, or `false` for no index (exact scans). */
  hnsw?: { m?: number; efConstruction?: number; efSearch?: number } | false;
  /** Rows per INSERT statement (default 500); a whole upsert is still one transaction. */
  batchSize?: number;
}

// pgvector's limits: 16,000 dimensions for the column, 2,000 for an HNSW index on `vector`.
const maxDimensions = 16_000;
const maxIndexedDimensions = 2_000;
const defaultEfSearch = 40;

function invalid(message: string, path: Array<string | number>): ValidationError {
  return new ValidationError(`createPgVectorStore: ${message}`, { issues: [{ path, message }] });
}

function integerOption(
  value: unknown,
  name: string,
  min: number,
  max: number,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(`\`${name}\` must be an integer from ${min} to ${max}; got ${String(value)}.`, [
      name,
    ]);
  }
  return value;
}

function checkSignal(signal: AbortSignal | undefined): void {
  if (signal?.aborted)
    throw new AbortError('The vector-store query was aborted.', { cause: signal.reason });
}

/** A vector store in a PostgreSQL table with pgvector (a `pg` Pool or Client, or PGlite). */
export class PgVectorStore implements VectorStore {
  readonly dimensions: number;
  readonly capabilities: VectorStoreCapabilities;
  readonly #client: SqlClient;
  readonly #setup: TableSetup;
  readonly #table: string;
  readonly #batchSize: number;
  readonly #efSearch: number;
  #ready: Promise<DatabaseInfo> | undefined;
  #closed = false;

  constructor(options: PgVectorStoreOptions) {
    if (typeof options !== 'object' || options === null) throw invalid('options are required.', []);
    this.#client = toSqlClient(options.client);
    const table = quoteIdentifier(options.table, 'table');
    const schema =
      options.schema === undefined ? undefined : quoteIdentifier(options.schema, 'schema');
    this.#table = schema === undefined ? table : `${schema}.${table}`;
    const hnswOption = options.hnsw ?? {};
    const dimensions = integerOption(
      options.dimensions ?? Number.NaN,
      'dimensions',
      1,
      hnswOption === false ? maxDimensions : maxIndexedDimensions,
      0,
    );
    this.dimensions = dimensions;
    this.#batchSize = integerOption(options.batchSize, 'batchSize', 1, 10_000, 500);
    this.#efSearch =
      hnswOption === false
        ? 0
        : integerOption(hnswOption.efSearch, 'hnsw.efSearch', 1, 1_000, defaultEfSearch);
    this.#setup = {
      qualifiedTable: this.#table,
      table: options.table,
      schema: options.schema,
      dimensions,
      createTable: options.createTable ?? true,
      hnsw:
        hnswOption === false
          ? false
          : {
              m: integerOption(hnswOption.m, 'hnsw.m', 2, 100, 16),
              efConstruction: integerOption(
                hnswOption.efConstruction,
                'hnsw.efConstruction',
                4,
                1_000,
                64,
              ),
            },
    };
    this.capabilities = {
      filterOperators: allFilterOperators,
      score: 'cosine',
      keywordSearch: false,
      maxDimensions: hnswOption === false ? maxDimensions : maxIndexedDimensions,
    };
  }

  /** Creates and checks the table now rather than on first use (every method also waits for it). */
  ready(): Promise<void> {
    return this.#prepare().then(() => undefined);
  }

  async upsert(records: VectorRecord[]): Promise<void> {
    const encoded = encodeRecords(records, this.dimensions);
    await this.#prepare();
    if (encoded.length === 0) return;
    await this.#run('upsert', (client) =>
      client.transaction(async (tx) => {
        for (let offset = 0; offset < encoded.length; offset += this.#batchSize) {
          const batch = encoded.slice(offset, offset + this.#batchSize);
          const parameters = new SqlParameters();
          const rows = batch.map(
            (record) =>
              `(${parameters.add(record.id)}, ${parameters.add(record.vector)}::vector, ${parameters.add(record.text)}, ${parameters.add(record.metadata)}::jsonb)`,
          );
          await tx.query(
            `INSERT INTO ${this.#table} (id, embedding, text, metadata) VALUES ${rows.join(', ')}
             ON CONFLICT (id) DO UPDATE SET embedding = EXCLUDED.embedding, text = EXCLUDED.text, metadata = EXCLUDED.metadata`,
            parameters.values,
          );
        }
      }),
    );
  }

  async query(query: VectorQuery): Promise<ScoredRecord[]> {
    if (typeof query !== 'object' || query === null)
      throw invalid('query takes an object.', ['query']);
    const { topK, minScore, includeVectors = false, signal } = query;
    if (typeof topK !== 'number' || !Number.isInteger(topK) || topK < 1) {
      throw new ValidationError(`pgvector: topK must be a positive integer; got ${String(topK)}.`, {
        issues: [{ path: ['topK'], message: 'expected a positive integer' }],
      });
    }
    if (minScore !== undefined && (typeof minScore !== 'number' || Number.isNaN(minScore))) {
      throw new ValidationError(`pgvector: minScore must be a number; got ${String(minScore)}.`, {
        issues: [{ path: ['minScore'], message: 'expected a number' }],
      });
    }
    const parameters = new SqlParameters([encodeVector(query.vector, this.dimensions, ['vector'])]);
    const where = filterToSql(query.filter, parameters);
    checkSignal(signal);
    const info = await this.#prepare();
    const distance = 'embedding <=> $1::vector';
    const scoreCondition =
      minScore === undefined ? '' : ` AND 1 - (${distance}) >= ${parameters.add(minScore)}`;
    // The index serves `ORDER BY distance LIMIT k` only when the distance is the sole sort key
    // (PostgreSQL plans a full scan for `ORDER BY distance, id`), so ties are ordered outside.
    const sql = `SELECT * FROM (
        SELECT id, 1 - (${distance}) AS score, text, metadata${includeVectors ? ', embedding::text AS vector' : ''}
          FROM ${this.#table} WHERE ${where}${scoreCondition}
         ORDER BY ${distance} LIMIT ${parameters.add(topK)}
      ) AS hits ORDER BY score DESC, id`;
    const filtered = where !== 'TRUE' || minScore !== undefined;
    const { rows } = await this.#run('query', (client) => {
      // The index returns at most ef_search candidates before filtering: raise it to topK and,
      // with pgvector 0.8+, let a filtered scan continue until it has topK rows.
      if (this.#setup.hnsw === false || (topK <= this.#efSearch && !filtered)) {
        return client.query(sql, parameters.values);
      }
      return client.transaction(async (tx) => {
        await this.#configureSearch(tx, topK, filtered, info);
        return tx.query(sql, parameters.values);
      });
    });
    checkSignal(signal);
    return rows.map((row) => {
      const record: ScoredRecord = { id: String(row.id), score: Number(row.score) };
      if (typeof row.text === 'string') record.text = row.text;
      if (row.metadata !== null && row.metadata !== undefined) {
        record.metadata = row.metadata as Record<string, unknown>;
      }
      if (includeVectors) record.vector = decodeVector(row.vector);
      return record;
    });
  }

  async delete(selector: { ids: string[] } | { filter: MetadataFilter }): Promise<number> {
    const parameters = new SqlParameters();
    const where = this.#selectorToSql(selector, parameters);
    await this.#prepare();
    if (where === 'FALSE') return 0;
    const { rows } = await this.#run('delete', (client) =>
      client.query(
        `WITH deleted AS (DELETE FROM ${this.#table} WHERE ${where} RETURNING 1) SELECT count(*) AS n FROM deleted`,
        parameters.values,
      ),
    );
    return Number(rows[0]?.n ?? 0);
  }

  async get(ids: string[]): Promise<VectorRecord[]> {
    const checked = this.#checkIds(ids);
    await this.#prepare();
    if (checked.length === 0) return [];
    const { rows } = await this.#run('get', (client) =>
      client.query(
        `SELECT id, embedding::text AS vector, text, metadata FROM ${this.#table} WHERE id = ANY($1::text[])`,
        [[...new Set(checked)]],
      ),
    );
    const byId = new Map<string, VectorRecord>();
    for (const row of rows) {
      const record: VectorRecord = { id: String(row.id), vector: decodeVector(row.vector) };
      if (typeof row.text === 'string') record.text = row.text;
      if (row.metadata !== null && row.metadata !== undefined) {
        record.metadata = row.metadata as Record<string, unknown>;
      }
      byId.set(record.id, record);
    }
    return checked.flatMap((id) => {
      const record = byId.get(id);
      return record === undefined ? [] : [record];
    });
  }

  async count(filter?: MetadataFilter): Promise<number> {
    const parameters = new SqlParameters();
    const where = filterToSql(filter, parameters);
    await this.#prepare();
    const { rows } = await this.#run('count', (client) =>
      client.query(`SELECT count(*) AS n FROM ${this.#table} WHERE ${where}`, parameters.values),
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Marks the store closed. The client belongs to the caller and stays open. */
  async close(): Promise<void> {
    this.#closed = true;
  }

  #selectorToSql(selector: unknown, parameters: SqlParameters): string {
    if (typeof selector === 'object' && selector !== null) {
      if ('ids' in selector && !('filter' in selector)) {
        const ids = this.#checkIds((selector as { ids: unknown }).ids);
        return ids.length === 0 ? 'FALSE' : `id = ANY(${parameters.add(ids)}::text[])`;
      }
      if ('filter' in selector && !('ids' in selector)) {
        return filterToSql((selector as { filter: MetadataFilter }).filter, parameters);
      }
    }
    throw new ValidationError('pgvector: delete takes { ids: string[] } or { filter }.', {
      issues: [{ path: ['selector'], message: 'expected { ids } or { filter }' }],
    });
  }

  #checkIds(ids: unknown): string[] {
    if (!Array.isArray(ids)) {
      throw new ValidationError('pgvector: ids must be an array of strings.', {
        issues: [{ path: ['ids'], message: 'expected an array' }],
      });
    }
    return ids.map((id, index) => checkId(id, ['ids', index]));
  }

  async #configureSearch(
    tx: SqlExecutor,
    topK: number,
    filtered: boolean,
    info: DatabaseInfo,
  ): Promise<void> {
    await tx.query("SELECT set_config('hnsw.ef_search', $1, true)", [
      String(Math.min(1_000, Math.max(topK, this.#efSearch))),
    ]);
    if (filtered && info.iterativeScan) {
      await tx.query("SELECT set_config('hnsw.iterative_scan', 'strict_order', true)");
    }
  }

  #prepare(): Promise<DatabaseInfo> {
    if (this.#closed) {
      return Promise.reject(
        new VectorStoreError(`pgvector store ${this.#table} is closed.`, {
          store: 'pgvector',
          code: 'vector_store_closed',
        }),
      );
    }
    if (this.#ready === undefined) {
      this.#ready = prepareTable(this.#client, this.#setup);
      // A failed setup (e.g. the database was down) is tried again on the next call.
      this.#ready.catch(() => {
        this.#ready = undefined;
      });
    }
    return this.#ready;
  }

  async #run<T>(operation: string, run: (client: SqlClient) => Promise<T>): Promise<T> {
    try {
      return await run(this.#client);
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new VectorStoreError(`pgvector store ${this.#table}: ${operation} failed: ${reason}`, {
        store: 'pgvector',
        cause,
      });
    }
  }
}

/**
 * A vector store over PostgreSQL + pgvector. Creates the table and an HNSW (cosine) index on
 * first use unless `createTable: false`.
 *
 * @example
 * const store = createPgVectorStore({ client: new pg.Pool(), table: 'chunks', dimensions: 1536 });
 */
export function createPgVectorStore(options: PgVectorStoreOptions): PgVectorStore {
  return new PgVectorStore(options);
}
