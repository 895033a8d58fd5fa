import { describe, expect, it } from 'vitest';
import { describeRun, runExample } from '../test-support/run-example.js';
import { resolveProvider } from './pick-model.js';

describe('resolveProvider', () => {
  it('picks OpenAI, then Anthropic, then a compatible server, in that order', () => {
    const all = {
      OPENAI_API_KEY: 'sk-1',
      ANTHROPIC_API_KEY: 'sk-ant-1',
      WEFT_BASE_URL: 'http://localhost:11434/v1',
      WEFT_MODEL: 'llama3.2',
    };
    expect(resolveProvider(all)).toEqual({
      ok: true,
      choice: { provider: 'openai', modelId: 'llama3.2' },
    });
    expect(resolveProvider({ ...all, OPENAI_API_KEY: '' })).toMatchObject({
      choice: { provider: 'anthropic' },
    });
    expect(resolveProvider({ ...all, OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '' })).toEqual({
      ok: true,
      choice: { provider: 'compatible', modelId: 'llama3.2', baseURL: 'http://localhost:11434/v1' },
    });
  });

  it('uses each provider’s default model when WEFT_MODEL is unset', () => {
    expect(resolveProvider({ OPENAI_API_KEY: 'sk-1' })).toMatchObject({
      choice: { modelId: 'gpt-4o-mini' },
    });
    expect(resolveProvider({ ANTHROPIC_API_KEY: 'sk-ant-1' })).toMatchObject({
      choice: { modelId: 'claude-sonnet-4-5' },
    });
  });

  it('lets WEFT_PROVIDER pick a provider other than the first one configured', () => {
    const env = { OPENAI_API_KEY: 'sk-1', ANTHROPIC_API_KEY: 'sk-ant-1' };
    expect(resolveProvider({ ...env, WEFT_PROVIDER: 'anthropic' })).toMatchObject({
      choice: { provider: 'anthropic' },
    });
    const forced = resolveProvider({ ...env, WEFT_PROVIDER: 'compatible' });
    expect(forced.ok).toBe(false);
    expect(!forced.ok && forced.message).toContain(
      'WEFT_PROVIDER=compatible needs WEFT_BASE_URL and WEFT_MODEL',
    );
  });

  it('refuses an unknown WEFT_PROVIDER', () => {
    const result = resolveProvider({ OPENAI_API_KEY: 'sk-1', WEFT_PROVIDER: 'gemini' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(
      'WEFT_PROVIDER must be openai, anthropic or compatible',
    );
  });

  it('says WEFT_MODEL is missing when only WEFT_BASE_URL is set', () => {
    const result = resolveProvider({ WEFT_BASE_URL: 'http://localhost:11434/v1' });
    expect(!result.ok && result.message).toContain('WEFT_BASE_URL is set, but WEFT_MODEL is not');
  });

  it('passes WEFT_API_KEY to a compatible server', () => {
    expect(
      resolveProvider({ WEFT_BASE_URL: 'http://vllm:8000/v1', WEFT_MODEL: 'm', WEFT_API_KEY: 'k' }),
    ).toMatchObject({ choice: { provider: 'compatible', apiKey: 'k' } });
  });
});

describe('examples without a provider', () => {
  for (const script of ['chat/index.ts', 'chat-repl/index.ts', 'stream/index.ts']) {
    it(`${script} exits with code 1 and says what to set`, async () => {
      const result = await runExample(script, { input: 'hello\n' });

      expect(result.code, describeRun(result)).toBe(1);
      expect(result.stderr).toContain('No model provider is configured.');
      for (const name of ['OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'WEFT_BASE_URL', 'WEFT_MODEL']) {
        expect(result.stderr).toContain(name);
      }
      expect(result.stderr).toContain(
        'export WEFT_BASE_URL=http://localhost:11434/v1 WEFT_MODEL=llama3.2',
      );
      expect(result.stdout).toBe('');
    });
  }
});
