import type { Document, DocumentMetadata } from '../types/index.js';
import type { LoaderInput } from './types.js';

const encoder = new TextEncoder();

/** SHA-256 of the UTF-8 bytes of `text`, as lowercase hex (Web Crypto, so edge-safe). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(text));
  let hex = '';
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** Builds a document and its content hash. */
export async function buildDocument(
  id: string,
  text: string,
  metadata: DocumentMetadata,
): Promise<Document> {
  return { id, text, metadata, contentHash: await sha256Hex(text) };
}

/**
 * Decodes bytes as text: UTF-16 when a UTF-16 byte-order mark says so, UTF-8 otherwise (its
 * BOM dropped). Invalid sequences become U+FFFD rather than failing the whole document.
 */
export function decodeText(input: LoaderInput, charset?: string): string {
  if (typeof input === 'string') return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  let encoding = 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
  else if (charset) encoding = charset;
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding);
  } catch {
    // An unknown charset label from a server: UTF-8 is the best guess.
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(bytes);
}

const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Copies `key` into `target` unless it could reach the prototype chain; keys come from
 * untrusted files (front matter, JSON fields, CSV headers).
 */
export function setSafe(target: Record<string, unknown>, key: string, value: unknown): void {
  if (forbiddenKeys.has(key)) return;
  target[key] = value;
}

/** The last path segment without its extension, as a fallback title. */
export function titleFromSource(source: string | undefined): string | undefined {
  if (!source) return undefined;
  const withoutQuery = source.replace(/[?#].*$/, '');
  const name = withoutQuery.split(/[\\/]/).filter(Boolean).pop();
  if (!name) return undefined;
  const dot = name.lastIndexOf('.');
  return decodeURIComponentSafe(dot > 0 ? name.slice(0, dot) : name);
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The metadata every parser starts from: caller extras, then source, title and MIME type. */
export function baseMetadata(
  options: { source?: string; title?: string; metadata?: DocumentMetadata },
  mimeType: string,
  title?: string,
): DocumentMetadata {
  const metadata: DocumentMetadata = { ...options.metadata };
  if (options.source !== undefined) metadata.source = options.source;
  const chosen = title ?? options.title ?? titleFromSource(options.source);
  if (chosen !== undefined) metadata.title = chosen;
  metadata.mimeType = mimeType;
  return metadata;
}
