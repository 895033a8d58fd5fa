import { ValidationError } from '@weft/core';

// Letters, digits and underscores, at most PostgreSQL's 63 bytes: such names need no escaping,
// and quoting them keeps their case exactly as written.
const identifierPattern = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Checks a table or schema name against a strict pattern and returns it double-quoted. */
export function quoteIdentifier(name: unknown, option: string): string {
  if (typeof name !== 'string' || !identifierPattern.test(name)) {
    throw new ValidationError(
      `createPgVectorStore: \`${option}\` must be 1-63 letters, digits or underscores, starting with a letter or underscore; got ${JSON.stringify(name)}.`,
      { issues: [{ path: [option], message: 'not a plain SQL identifier' }] },
    );
  }
  return `"${name}"`;
}

/** An index name derived from the table's, cut to fit PostgreSQL's 63-byte limit. */
export function indexName(table: string, suffix: string): string {
  return `"${table.slice(0, 63 - suffix.length)}${suffix}"`;
}
