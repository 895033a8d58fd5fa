import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { useMswServer } from '../../test/support/msw.js';
import {
  AbortError,
  AuthenticationError,
  ProviderError,
  RateLimitError,
} from '../errors/errors.js';
import { generateText } from '../generate-text/generate-text.js';
import { streamText } from '../generate-text/stream-text.js';
import { createOpenAI } from '../openai/openai-provider.js';
import { createOpenAICompatible } from '../openai-compatible/openai-compatible-provider.js';
import { mockChatModel } from '../testing/mock-chat-model.js';
import { collectEvents, textStreamEvents } from '../testing/stream-helpers.js';
import type { ChatRequest, ChatStreamEvent } from '../types/chat-model.js';
import { fallbackModel } from './fallback-model.js';

const server = useMswServer();
const request: ChatRequest = { messages: [{ role: 'user', content: 'Hi' }] };
const unavailable = () => new ProviderError('unavailable', { status: 503, retryable: true });

describe('fallbackModel', () => {
  it('skips a model that returns 503 over HTTP and says which model answered', async () => {
    server.use(
      http.post('https://openai.test/v1/chat/completions', () =>
        HttpResponse.json(
          {
            error: {
              message: 'The server is overloaded.',
              type: 'server_error',
              param: null,
              code: null,
            },
          },
          { status: 503 },
        ),
      ),
      http.post('https://local.test/v1/chat/completions', () =>
        HttpResponse.json({
          id: 'chatcmpl-local-1',
          object: 'chat.completion',
          created: 1764400000,
          model: 'llama3.2',
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: 'Hello from llama.' },
              finish_reason: 'stop',
            },
          ],
          usage: { prompt_tokens: 9, completion_tokens: 4, total_tokens: 13 },
        }),
      ),
    );
    const primary = createOpenAI({ apiKey: 'sk-test', baseURL: 'https://openai.test/v1' }).chat(
      'gpt-4o-mini',
    );
    const backup = createOpenAICompatible({ name: 'local', baseURL: 'https://local.test/v1' }).chat(
      'llama3.2',
    );
    const skipped: string[] = [];
    const model = fallbackModel([primary, backup], { onFallback: (a) => skipped.push(a.modelId) });
    const result = await generateText({ model, prompt: 'Hi', maxRetries: 0 });
    expect(result.text).toBe('Hello from llama.');
    expect(result.response.provider).toBe('local');
    expect(
      result.response.fallbacks?.map((f) => [f.modelId, (f.error as ProviderError).status]),
    ).toEqual([['gpt-4o-mini', 503]]);
    expect(skipped).toEqual(['gpt-4o-mini']);
    expect(model.modelId).toBe('gpt-4o-mini');
  });

  it('tries the models in order until one answers', async () => {
    const a = mockChatModel({ modelId: 'a', replies: [{ error: unavailable() }] });
    const b = mockChatModel({ modelId: 'b', replies: [{ error: new RateLimitError('slow') }] });
    const c = mockChatModel({ modelId: 'c', replies: ['from c'] });
    const response = await fallbackModel([a, b, c]).generate(request);
    expect(response.text).toBe('from c');
    expect(response.response.fallbacks?.map((f) => f.modelId)).toEqual(['a', 'b']);
  });

  it('does not fall back after an authentication error, unless shouldFallback says so', async () => {
    const a = () =>
      mockChatModel({ modelId: 'a', replies: [{ error: new AuthenticationError('bad key') }] });
    const b = mockChatModel({ modelId: 'b', replies: ['from b'] });
    await expect(fallbackModel([a(), b]).generate(request)).rejects.toBeInstanceOf(
      AuthenticationError,
    );
    expect(b.calls).toHaveLength(0);
    const lenient = fallbackModel([a(), b], { shouldFallback: () => true });
    expect((await lenient.generate(request)).text).toBe('from b');
  });

  it('throws the last error when every model fails', async () => {
    const a = mockChatModel({ replies: [{ error: unavailable() }] });
    const b = mockChatModel({ replies: [{ error: new RateLimitError('still slow') }] });
    await expect(fallbackModel([a, b]).generate(request)).rejects.toThrow('still slow');
  });

  it('does not fall back after the caller aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    const a = mockChatModel({ replies: ['never'] });
    const b = mockChatModel({ replies: ['never'] });
    await expect(
      fallbackModel([a, b]).generate(request, { signal: controller.signal }),
    ).rejects.toBeInstanceOf(AbortError);
    expect(b.calls).toHaveLength(0);
  });

  it('falls back for a stream that fails before content, and the caller sees one start', async () => {
    const early: ChatStreamEvent[] = [
      { type: 'start', warnings: [] },
      { type: 'error', error: unavailable() },
    ];
    const a = mockChatModel({ modelId: 'a', replies: [{ events: early }] });
    const b = mockChatModel({
      modelId: 'b',
      replies: [{ events: textStreamEvents({ deltas: ['from ', 'b'] }) }],
    });
    const result = streamText({ model: fallbackModel([a, b]), prompt: 'Hi' });
    const events = await collectEvents(result);
    expect(events.filter((e) => e.type === 'start')).toHaveLength(1);
    expect(await result.text).toBe('from b');
    const finish = events.at(-1);
    expect(finish?.type === 'finish' && finish.response.fallbacks?.[0]?.modelId).toBe('a');
  });

  it('does not fall back for a stream that fails after content', async () => {
    const late: ChatStreamEvent[] = [
      { type: 'start', warnings: [] },
      { type: 'text-delta', delta: 'par' },
      { type: 'error', error: unavailable() },
    ];
    const a = mockChatModel({ replies: [{ events: late }] });
    const b = mockChatModel({ replies: ['from b'] });
    const events = await collectEvents(fallbackModel([a, b]).stream(request));
    expect(events.map((e) => e.type)).toEqual(['start', 'text-delta', 'error']);
    expect(b.calls).toHaveLength(0);
  });

  it('keeps concurrent calls independent: each falls back on its own', async () => {
    const a = mockChatModel({
      modelId: 'a',
      replies: [(_request, i) => (i % 2 === 0 ? { error: unavailable() } : `a${i}`)],
    });
    const b = mockChatModel({ modelId: 'b', replies: ['b'] });
    const model = fallbackModel([a, b]);
    const responses = await Promise.all(Array.from({ length: 6 }, () => model.generate(request)));
    expect(responses.map((r) => r.text)).toEqual(['b', 'a1', 'b', 'a3', 'b', 'a5']);
    expect(b.calls).toHaveLength(3);
  });

  it('refuses an empty list', () => {
    expect(() => fallbackModel([])).toThrow(/at least one model/);
  });

  it('can do only what every model can', () => {
    const native = mockChatModel({
      capabilities: { structuredOutput: 'native', maxContextTokens: 128_000 },
    });
    const tool = mockChatModel({
      capabilities: { structuredOutput: 'tool', maxContextTokens: 200_000 },
    });
    expect(fallbackModel([native, tool]).capabilities).toMatchObject({
      structuredOutput: 'tool',
      maxContextTokens: 128_000,
    });
  });
});
