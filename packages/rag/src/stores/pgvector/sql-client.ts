import { ValidationError } from '@weft/core';

/** Rows of a query, as both `pg` and PGlite return them. */
export interface SqlResult {
  rows: Array<Record<string, unknown>>;
}

/** Runs one parameterized statement. */
export interface SqlExecutor {
  query(text: string, params?: unknown[]): Promise<SqlResult>;
}

/** A connection the store can use: statements, and transactions that commit or roll back as a whole. */
export interface SqlClient extends SqlExecutor {
  transaction<T>(run: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}

/** Anything with a `pg`-style `query(text, params)`; `pg` and PGlite both qualify. */
export interface QueryableLike {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** A `pg` Pool (or anything shaped like one): connections are checked out for transactions. */
export interface PgPoolLike extends QueryableLike {
  connect(): Promise<QueryableLike & { release(error?: Error | boolean): void }>;
  readonly totalCount: number;
}

/** A PGlite instance (`new PGlite({ extensions: { vector } })`). */
export interface PGliteLike extends QueryableLike {
  transaction<T>(run: (tx: QueryableLike) => Promise<T>): Promise<T>;
  exec(text: string): Promise<unknown>;
}

/** What `createPgVectorStore` accepts as `client`: a `pg` Pool or Client, or a PGlite instance. */
export type PgVectorClient = PgPoolLike | PGliteLike | QueryableLike;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function executor(target: QueryableLike): SqlExecutor {
  return {
    async query(text, params) {
      const result = await target.query(text, params);
      return { rows: (result.rows ?? []) as Array<Record<string, unknown>> };
    },
  };
}

function isPGlite(client: QueryableLike): client is PGliteLike {
  const candidate = client as unknown as Record<string, unknown>;
  return typeof candidate.transaction === 'function' && typeof candidate.exec === 'function';
}

function isPool(client: QueryableLike): client is PgPoolLike {
  const candidate = client as unknown as Record<string, unknown>;
  return typeof candidate.connect === 'function' && typeof candidate.totalCount === 'number';
}

function fromPool(pool: PgPoolLike): SqlClient {
  return {
    ...executor(pool),
    async transaction(run) {
      const connection = await pool.connect();
      let broken: Error | undefined;
      try {
        await connection.query('BEGIN');
        const result = await run(executor(connection));
        await connection.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await connection.query('ROLLBACK');
        } catch (rollbackError) {
          // A connection that cannot roll back must not go back to the pool.
          broken =
            rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        }
        throw error;
      } finally {
        connection.release(broken ?? false);
      }
    },
  };
}

function fromPGlite(db: PGliteLike): SqlClient {
  return {
    ...executor(db),
    transaction: (run) => db.transaction((tx) => run(executor(tx))),
  };
}

// One `pg` Client is one connection: a statement sent while another caller's transaction is
// open would join (and share the fate of) that transaction, so every use is serialized.
function fromSingleConnection(connection: QueryableLike): SqlClient {
  const plain = executor(connection);
  let tail: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(run: () => Promise<T>): Promise<T> => {
    const next = tail.then(run, run);
    tail = next.catch(() => undefined);
    return next;
  };
  return {
    query: (text, params) => exclusive(() => plain.query(text, params)),
    transaction: (run) =>
      exclusive(async () => {
        await plain.query('BEGIN');
        try {
          const result = await run(plain);
          await plain.query('COMMIT');
          return result;
        } catch (error) {
          await plain.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }),
  };
}

/** Wraps a `pg` Pool, a `pg` Client or a PGlite instance, recognized by shape, as a `SqlClient`. */
export function toSqlClient(client: unknown): SqlClient {
  if (!isObject(client) || typeof client.query !== 'function') {
    throw new ValidationError(
      'createPgVectorStore: `client` must be a pg Pool, a pg Client or a PGlite instance (an object with query(text, params)).',
      { issues: [{ path: ['client'], message: 'expected an object with a query method' }] },
    );
  }
  const queryable = client as unknown as QueryableLike;
  if (isPGlite(queryable)) return fromPGlite(queryable);
  if (isPool(queryable)) return fromPool(queryable);
  return fromSingleConnection(queryable);
}
