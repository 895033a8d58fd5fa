import type { Document, DocumentMetadata } from '../types/index.js';
import { baseMetadata, buildDocument, setSafe } from './document-builder.js';
import { LoaderError } from './loader-error.js';
import type { ParseOptions } from './types.js';

/** How JSON values become documents. Field names are dot paths: `author.name`, `tags.0`. */
export interface JsonFieldOptions extends ParseOptions {
  /**
   * Fields whose values make the text, joined by a blank line. Default: the whole value
   * (a string as is, anything else as indented JSON).
   */
  textFields?: string[];
  /** Fields copied into metadata under their path. */
  metadataFields?: string[];
  /** A field whose value names the record: the id becomes `${id}#${value}`. */
  idField?: string;
}

/** Reads a dot path from a parsed JSON value; own properties only. */
export function getPath(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value, null, 2);
}

/**
 * One document from one JSON record. `position` names the record (array index or line) for
 * the default id and for metadata; records with no text in the chosen fields give `undefined`.
 */
export async function recordToDocument(
  value: unknown,
  options: JsonFieldOptions,
  mimeType: string,
  position: { key: string; metadata: DocumentMetadata } | undefined,
): Promise<Document | undefined> {
  const text = options.textFields
    ? options.textFields
        .map((field) => asText(getPath(value, field)))
        .filter((part) => part !== '')
        .join('\n\n')
    : asText(value);
  if (text === '') return undefined;
  const metadata = baseMetadata(options, mimeType);
  if (position) Object.assign(metadata, position.metadata);
  for (const field of options.metadataFields ?? []) {
    const fieldValue = getPath(value, field);
    if (fieldValue !== undefined) setSafe(metadata, field, fieldValue);
  }
  const baseId = options.id ?? options.source ?? 'json';
  let id = baseId;
  if (options.idField) {
    const idValue = getPath(value, options.idField);
    if (typeof idValue !== 'string' && typeof idValue !== 'number') {
      throw new LoaderError(
        `JSON${options.source ? ` ${options.source}` : ''}: the id field ${JSON.stringify(options.idField)} is missing or not a string or number${position ? ` in record ${position.key}` : ''}.`,
        { code: 'json_fields', source: options.source },
      );
    }
    id = `${baseId}#${idValue}`;
  } else if (position) id = `${baseId}#${position.key}`;
  return buildDocument(id, text, metadata);
}
