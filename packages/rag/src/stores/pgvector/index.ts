/**
 * `@weft/rag/pgvector`: the vector store over PostgreSQL + pgvector, for a `pg` Pool or Client
 * or an in-process PGlite. `pg` and `@electric-sql/pglite` are optional peers, used by shape only.
 */
export { createPgVectorStore, PgVectorStore, type PgVectorStoreOptions } from './pgvector-store.js';
export type { PGliteLike, PgPoolLike, PgVectorClient, QueryableLike } from './sql-client.js';
