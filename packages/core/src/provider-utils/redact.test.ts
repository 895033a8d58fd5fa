import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactSecrets, redactUrl } from './redact.js';

describe('redaction', () => {
  it('removes every occurrence of a secret from any text', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.string({ minLength: 8 }),
        (before, after, secret) => {
          const text = `${before}${secret}${after}${secret}`;
          return !redactSecrets(text, [secret]).includes(secret);
        },
      ),
    );
  });

  it('leaves text alone for missing or tiny secrets', () => {
    expect(redactSecrets('a key: abc', [undefined, 'abc'])).toBe('a key: abc');
  });

  it('strips credentials and key-like query parameters from URLs', () => {
    const safe = redactUrl('https://user:pw@example.com/v1?api-key=sk-1&api-version=2024-10-21');
    expect(safe).not.toContain('pw');
    expect(safe).not.toContain('sk-1');
    expect(safe).toContain('api-version=2024-10-21');
  });
});
