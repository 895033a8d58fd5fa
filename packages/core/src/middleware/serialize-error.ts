import {
  AbortError,
  AuthenticationError,
  ContextLengthError,
  InvalidRequestError,
  ProviderError,
  RateLimitError,
  TimeoutError,
  ToolError,
  ValidationError,
} from '../errors/errors.js';
import { WeftError } from '../errors/weft-error.js';
import { isRecord } from '../provider-utils/parse-json.js';
import { UnrecordedRequestError } from './unrecorded-request-error.js';

/** A Weft error as JSON: its class name, message and own fields. */
export interface SerializedError {
  name: string;
  message: string;
  [field: string]: unknown;
}

/** The JSON form of a Weft error, enough to rebuild the same class with the same fields. */
export function serializeError(error: WeftError): SerializedError {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    // Causes can hold anything (sockets, secrets in request objects); they stay out.
    if (value !== undefined && key !== 'cause') fields[key] = value;
  }
  return { ...fields, name: error.name, message: error.message };
}

type Fields = Record<string, unknown>;
type Build = (message: string, fields: Fields) => WeftError;

const str = (fields: Fields, key: string) =>
  typeof fields[key] === 'string' ? (fields[key] as string) : undefined;
const num = (fields: Fields, key: string) =>
  typeof fields[key] === 'number' ? (fields[key] as number) : undefined;

function providerOptions(fields: Fields) {
  return {
    provider: str(fields, 'provider'),
    status: num(fields, 'status'),
    requestId: str(fields, 'requestId'),
    retryable: typeof fields.retryable === 'boolean' ? fields.retryable : undefined,
    responseBody: str(fields, 'responseBody'),
    retryAfterMs: num(fields, 'retryAfterMs'),
    providerCode: str(fields, 'providerCode'),
    usage: isRecord(fields.usage) ? fields.usage : undefined,
    code: str(fields, 'code'),
  };
}

const builders: Record<string, Build> = {
  ProviderError: (message, f) => new ProviderError(message, providerOptions(f)),
  RateLimitError: (message, f) => new RateLimitError(message, providerOptions(f)),
  AuthenticationError: (message, f) => new AuthenticationError(message, providerOptions(f)),
  InvalidRequestError: (message, f) => new InvalidRequestError(message, providerOptions(f)),
  ContextLengthError: (message, f) => new ContextLengthError(message, providerOptions(f)),
  TimeoutError: (message, f) => new TimeoutError(message, { timeoutMs: num(f, 'timeoutMs') }),
  AbortError: (message) => new AbortError(message),
  ValidationError: (message, f) =>
    new ValidationError(message, {
      issues: Array.isArray(f.issues)
        ? f.issues.filter(isRecord).map((issue) => ({
            path: Array.isArray(issue.path)
              ? issue.path.filter(
                  (p): p is string | number => typeof p === 'string' || typeof p === 'number',
                )
              : [],
            message: String(issue.message),
          }))
        : [],
    }),
  ToolError: (message, f) =>
    new ToolError(message, { toolName: str(f, 'toolName'), toolCallId: str(f, 'toolCallId') }),
  UnrecordedRequestError: (message, f) =>
    new UnrecordedRequestError(message, {
      key: str(f, 'key') ?? '',
      cassette: str(f, 'cassette') ?? '',
    }),
};

/** Rebuilds a serialized error as its own class; unknown classes become a plain `WeftError`. */
export function deserializeError(value: unknown): WeftError {
  if (!isRecord(value) || typeof value.message !== 'string') {
    return new WeftError('unknown', 'A recorded error could not be read.');
  }
  const name = typeof value.name === 'string' ? value.name : 'WeftError';
  const build = builders[name];
  if (build) return build(value.message, value);
  return new WeftError(str(value, 'code') ?? 'unknown', value.message);
}
