import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/errors.js';
import { findEncodingForModel, resolveEncoding } from './model-encoding.js';

describe('the encoding of a model', () => {
  it.each([
    ['gpt-4o', 'o200k_base'],
    ['gpt-4o-mini-2024-07-18', 'o200k_base'],
    ['chatgpt-4o-latest', 'o200k_base'],
    ['gpt-4.1-nano', 'o200k_base'],
    ['gpt-5', 'o200k_base'],
    ['gpt-5-mini-2025-08-07', 'o200k_base'],
    ['gpt-5.1', 'o200k_base'],
    ['o1', 'o200k_base'],
    ['o3-mini', 'o200k_base'],
    ['o4-mini-2025-04-16', 'o200k_base'],
    ['openai/gpt-4o', 'o200k_base'],
    ['gpt-4', 'cl100k_base'],
    ['gpt-4-0613', 'cl100k_base'],
    ['gpt-4-turbo-2024-04-09', 'cl100k_base'],
    ['gpt-3.5-turbo', 'cl100k_base'],
    ['gpt-35-turbo', 'cl100k_base'],
    ['text-embedding-3-small', 'cl100k_base'],
    ['text-embedding-3-large', 'cl100k_base'],
    ['text-embedding-ada-002', 'cl100k_base'],
  ])('%s uses %s', (model, encoding) => {
    expect(findEncodingForModel(model)).toBe(encoding);
    expect(resolveEncoding({ model })).toBe(encoding);
  });

  it.each(['claude-sonnet-4-5', 'llama3.1', 'gpt-4x', 'davinci-002', 'omni'])(
    'is unknown for %s, and resolving it names the known families',
    (model) => {
      expect(findEncodingForModel(model)).toBeUndefined();
      expect(() => resolveEncoding({ model })).toThrow(ValidationError);
      expect(() => resolveEncoding({ model })).toThrow(/gpt-4o.*encoding: 'o200k_base'/s);
    },
  );

  it('accepts an encoding directly and refuses one it does not ship', () => {
    expect(resolveEncoding({ encoding: 'cl100k_base' })).toBe('cl100k_base');
    expect(() => resolveEncoding({ encoding: 'p50k_base' as 'o200k_base' })).toThrow(
      /o200k_base, cl100k_base/,
    );
  });

  it('refuses an empty model id', () => {
    expect(() => resolveEncoding({ model: ' ' })).toThrow(ValidationError);
  });
});
