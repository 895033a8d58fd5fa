import type { Usage } from '../types/usage.js';
import { WeftError, type WeftErrorOptions } from './weft-error.js';

export interface ProviderErrorOptions extends WeftErrorOptions {
  provider?: string;
  status?: number;
  requestId?: string;
  retryable?: boolean;
  /** The response body, already redacted and truncated. */
  responseBody?: string;
  /** Usage that had been reported before the failure (streams). */
  usage?: Usage;
  /** The wait the provider asked for before a retry (`retry-after-ms` / `retry-after`). */
  retryAfterMs?: number;
  /** The provider's own error code or type, e.g. `model_not_found`, `overloaded_error`. */
  providerCode?: string;
}

/** A provider answered with an error, or could not be reached or understood. */
export class ProviderError extends WeftError {
  static override readonly errorName: string = 'ProviderError';
  readonly provider?: string;
  /** HTTP status, when the provider answered. */
  readonly status?: number;
  /** The provider's request id, to quote to its support. */
  readonly requestId?: string;
  /** Whether the same request may succeed if sent again. */
  readonly retryable: boolean;
  readonly responseBody?: string;
  /** Usage known when the call failed, e.g. from the start of a broken stream. */
  usage?: Usage;
  /** The wait the provider asked for before a retry, in milliseconds. */
  readonly retryAfterMs?: number;
  /** The provider's own error code or type; `code` stays Weft's stable code. */
  readonly providerCode?: string;

  constructor(message: string, options: ProviderErrorOptions & { code?: string } = {}) {
    super(options.code ?? 'provider_error', message, options);
    this.provider = options.provider;
    this.retryAfterMs = options.retryAfterMs;
    this.providerCode = options.providerCode;
    this.status = options.status;
    this.requestId = options.requestId;
    this.retryable = options.retryable ?? false;
    this.responseBody = options.responseBody;
    this.usage = options.usage;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      provider: this.provider,
      status: this.status,
      requestId: this.requestId,
      retryable: this.retryable,
      responseBody: this.responseBody,
      retryAfterMs: this.retryAfterMs,
      providerCode: this.providerCode,
    };
  }
}

/** 429: too many requests or tokens. `retryAfterMs` is the wait the provider asked for. */
export class RateLimitError extends ProviderError {
  static override readonly errorName: string = 'RateLimitError';

  constructor(message: string, options: ProviderErrorOptions & { code?: string } = {}) {
    super(message, { retryable: true, ...options, code: options.code ?? 'rate_limit' });
  }
}

/** 401 or 403: the API key is missing, wrong, revoked, or lacks permission. Never retried. */
export class AuthenticationError extends ProviderError {
  static override readonly errorName: string = 'AuthenticationError';
  constructor(message: string, options: ProviderErrorOptions = {}) {
    super(message, { ...options, retryable: false, code: 'authentication' });
  }
}

/** The provider refused the request (400, 404, 413, 422). Never retried. */
export class InvalidRequestError extends ProviderError {
  static override readonly errorName: string = 'InvalidRequestError';
  constructor(message: string, options: ProviderErrorOptions & { code?: string } = {}) {
    super(message, { ...options, retryable: false, code: options.code ?? 'invalid_request' });
  }
}

/** The prompt (plus the requested output) does not fit the model's context window. */
export class ContextLengthError extends InvalidRequestError {
  static override readonly errorName: string = 'ContextLengthError';
  constructor(message: string, options: ProviderErrorOptions = {}) {
    super(message, { ...options, code: 'context_length' });
  }
}

/** The call's `timeout` passed before it finished. */
export class TimeoutError extends WeftError {
  static override readonly errorName: string = 'TimeoutError';
  readonly timeoutMs?: number;
  usage?: Usage;
  constructor(
    message: string,
    options: WeftErrorOptions & { timeoutMs?: number; usage?: Usage } = {},
  ) {
    super('timeout', message, options);
    this.timeoutMs = options.timeoutMs;
    this.usage = options.usage;
  }
}

/** The caller aborted the call (its `signal` fired, or it stopped reading a stream). */
export class AbortError extends WeftError {
  static override readonly errorName: string = 'AbortError';
  usage?: Usage;
  constructor(
    message = 'The call was aborted.',
    options: WeftErrorOptions & { usage?: Usage } = {},
  ) {
    super('aborted', message, options);
    this.usage = options.usage;
  }
}

/** One problem found in an input. */
export interface ValidationIssue {
  /** Where the problem is, e.g. `['messages', 2, 'role']`. */
  path: Array<string | number>;
  message: string;
}

/** An input was refused before any request was sent. */
export class ValidationError extends WeftError {
  static override readonly errorName: string = 'ValidationError';
  readonly issues: ValidationIssue[];
  constructor(message: string, options: WeftErrorOptions & { issues?: ValidationIssue[] } = {}) {
    super('validation', message, options);
    this.issues = options.issues ?? [];
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), issues: this.issues };
  }
}

/** A tool failed, or was called with input it could not accept. */
export class ToolError extends WeftError {
  static override readonly errorName: string = 'ToolError';
  readonly toolName?: string;
  readonly toolCallId?: string;
  constructor(
    message: string,
    options: WeftErrorOptions & { toolName?: string; toolCallId?: string } = {},
  ) {
    super('tool', message, options);
    this.toolName = options.toolName;
    this.toolCallId = options.toolCallId;
  }
}
