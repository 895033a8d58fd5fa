import { ValidationError } from '../errors/errors.js';
import { isRecord, tryParseJson } from '../provider-utils/parse-json.js';
import type { ChatResponse, ChatStreamEvent, ResponseMetadata } from '../types/chat-model.js';
import { deserializeError, type SerializedError, serializeError } from './serialize-error.js';

/** What a recorded call produced. Dates are ISO strings and errors serialized. */
export type RecordedResult =
  | { type: 'response'; response: unknown }
  | { type: 'stream'; events: unknown[] }
  | { type: 'error'; error: SerializedError };

export interface CassetteEntry {
  /** The normalized request, for people reading the file. */
  request: unknown;
  result: RecordedResult;
}

/** A cassette file: recorded calls by request key. */
export interface Cassette {
  version: 1;
  entries: Record<string, CassetteEntry>;
}

function metadataToJson(metadata: ResponseMetadata): unknown {
  return {
    ...metadata,
    timestamp: metadata.timestamp?.toISOString(),
    fallbacks: metadata.fallbacks?.map((f) => ({ ...f, error: serializeError(f.error) })),
  };
}

function metadataFromJson(value: unknown): ResponseMetadata {
  if (!isRecord(value)) return {};
  const { timestamp, fallbacks, ...rest } = value;
  const metadata = rest as ResponseMetadata;
  if (typeof timestamp === 'string') metadata.timestamp = new Date(timestamp);
  if (Array.isArray(fallbacks)) {
    metadata.fallbacks = fallbacks.filter(isRecord).map((f) => ({
      provider: String(f.provider),
      modelId: String(f.modelId),
      error: deserializeError(f.error),
    }));
  }
  return metadata;
}

export function responseToJson(response: ChatResponse): unknown {
  return { ...response, response: metadataToJson(response.response) };
}

export function eventToJson(event: ChatStreamEvent): unknown {
  if (event.type === 'finish') return { ...event, response: metadataToJson(event.response) };
  if (event.type === 'error') return { type: 'error', error: serializeError(event.error) };
  return event;
}

export function responseFromJson(value: unknown): ChatResponse {
  const record = isRecord(value) ? value : {};
  return { ...(record as unknown as ChatResponse), response: metadataFromJson(record.response) };
}

export function eventFromJson(value: unknown): ChatStreamEvent {
  const record = isRecord(value) ? value : {};
  if (record.type === 'finish') {
    return {
      ...(record as ChatStreamEvent & { type: 'finish' }),
      response: metadataFromJson(record.response),
    };
  }
  if (record.type === 'error') return { type: 'error', error: deserializeError(record.error) };
  return record as ChatStreamEvent;
}

const responseShape = (value: unknown) =>
  isRecord(value) &&
  typeof value.text === 'string' &&
  Array.isArray(value.toolCalls) &&
  Array.isArray(value.content) &&
  typeof value.finishReason === 'string' &&
  isRecord(value.usage) &&
  Array.isArray(value.warnings) &&
  isRecord(value.response);

function checkResult(result: unknown): string | undefined {
  if (!isRecord(result)) return 'result must be an object';
  switch (result.type) {
    case 'response':
      return responseShape(result.response) ? undefined : 'response is not a chat response';
    case 'stream':
      return Array.isArray(result.events) &&
        result.events.every((event) => isRecord(event) && typeof event.type === 'string')
        ? undefined
        : 'events must be stream events';
    case 'error':
      return isRecord(result.error) &&
        typeof result.error.name === 'string' &&
        typeof result.error.message === 'string'
        ? undefined
        : 'error must have a name and a message';
    default:
      return 'result.type must be response, stream or error';
  }
}

/** Reads a cassette's text, checking its shape; a damaged file is a `ValidationError`. */
export function parseCassette(text: string, where: string): Cassette {
  const parsed = tryParseJson(text);
  const fail = (path: Array<string | number>, message: string) =>
    new ValidationError(`The cassette ${where} cannot be read: ${message}.`, {
      issues: [{ path, message }],
    });
  if (!parsed.ok) throw fail([], `invalid JSON (${parsed.error})`);
  const value = parsed.value;
  if (!isRecord(value) || value.version !== 1) throw fail(['version'], 'version must be 1');
  if (!isRecord(value.entries)) throw fail(['entries'], 'entries must be an object');
  for (const [key, entry] of Object.entries(value.entries)) {
    const problem = isRecord(entry) ? checkResult(entry.result) : 'an entry must be an object';
    if (problem) throw fail(['entries', key], problem);
  }
  return value as unknown as Cassette;
}
