import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/errors.js';
import { countTokens, getTokenizer } from './get-tokenizer.js';

describe('countTokens and getTokenizer', () => {
  it('counts by model or by encoding', async () => {
    // "Hello, world" is three tokens in both encodings: "Hello", ",", " world".
    expect(await countTokens('Hello, world', { model: 'gpt-4o' })).toBe(3);
    expect(await countTokens('Hello, world', { encoding: 'cl100k_base' })).toBe(3);
    expect(await countTokens('', { model: 'gpt-4o' })).toBe(0);
  });

  it('tells the encodings apart where they differ', async () => {
    const text = 'こんにちは、世界。今日はいい天気ですね。';
    const o200k = await countTokens(text, { model: 'gpt-4o' });
    const cl100k = await countTokens(text, { model: 'gpt-4' });
    expect(o200k).toBeLessThan(cl100k);
  });

  it('shares one tokenizer between concurrent first calls and later calls', async () => {
    const [first, second] = await Promise.all([
      getTokenizer({ encoding: 'cl100k_base' }),
      getTokenizer({ model: 'gpt-3.5-turbo' }),
    ]);
    expect(first).toBe(second);
    expect(await getTokenizer({ model: 'text-embedding-3-small' })).toBe(first);
    expect(first.encoding).toBe('cl100k_base');
  });

  it('refuses an unknown model and a missing selector before loading anything', async () => {
    await expect(countTokens('hi', { model: 'claude-opus-4-1' })).rejects.toThrow(ValidationError);
    await expect(countTokens('hi', undefined as never)).rejects.toThrow(/model.*encoding/);
    await expect(countTokens(42 as never, { model: 'gpt-4o' })).rejects.toThrow(/string/);
  });
});
