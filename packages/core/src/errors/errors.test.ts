import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  AbortError,
  AuthenticationError,
  ContextLengthError,
  InvalidRequestError,
  ProviderError,
  RateLimitError,
  TimeoutError,
  ValidationError,
  WeftError,
} from './index.js';

describe('error hierarchy', () => {
  it('gives each error a stable code and name', () => {
    expect(new RateLimitError('slow down').code).toBe('rate_limit');
    expect(new AuthenticationError('no').code).toBe('authentication');
    expect(new ContextLengthError('too long').code).toBe('context_length');
    expect(new TimeoutError('late').code).toBe('timeout');
    expect(new AbortError().code).toBe('aborted');
    expect(new ValidationError('bad').code).toBe('validation');
    expect(new RateLimitError('x').name).toBe('RateLimitError');
  });

  it('matches subclasses against their base classes, with instanceof and isInstance', () => {
    const error = new ContextLengthError('too long', { status: 400 });
    expect(error).toBeInstanceOf(ContextLengthError);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toBeInstanceOf(WeftError);
    expect(error).toBeInstanceOf(Error);
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(RateLimitError.isInstance(error)).toBe(false);
    expect(error).not.toBeInstanceOf(RateLimitError);
  });

  it('recognizes errors from another copy of the package by their Symbol.for marker', () => {
    // What a second copy of @weft/core would create: a different class, the same markers.
    const foreign = Object.create(Error.prototype) as Record<symbol, unknown>;
    for (const name of ['WeftError', 'ProviderError', 'RateLimitError']) {
      Object.defineProperty(foreign, Symbol.for(`weft.error.${name}`), { value: true });
    }
    expect(RateLimitError.isInstance(foreign)).toBe(true);
    expect(foreign instanceof ProviderError).toBe(true);
    expect(AuthenticationError.isInstance(foreign)).toBe(false);
    expect(WeftError.isInstance({ code: 'rate_limit' })).toBe(false);
    expect(WeftError.isInstance(null)).toBe(false);
  });

  it('keeps status, request id and retryability, and shows them in toJSON', () => {
    const error = new RateLimitError('slow down', {
      status: 429,
      requestId: 'req_1',
      retryAfterMs: 1500,
      provider: 'openai',
    });
    expect(error.retryable).toBe(true);
    expect(error.toJSON()).toMatchObject({
      name: 'RateLimitError',
      code: 'rate_limit',
      status: 429,
      requestId: 'req_1',
      retryAfterMs: 1500,
      provider: 'openai',
    });
    expect(new AuthenticationError('no', { retryable: true }).retryable).toBe(false);
  });

  it('does not show its internal markers when inspected', () => {
    expect(inspect(new ProviderError('boom'))).not.toContain('weft.error');
  });

  it('lists validation issues with paths', () => {
    const error = new ValidationError('bad', {
      issues: [{ path: ['messages', 0, 'role'], message: 'unknown role' }],
    });
    expect(error.issues[0]?.path).toEqual(['messages', 0, 'role']);
    expect(error.toJSON().issues).toHaveLength(1);
  });
});
