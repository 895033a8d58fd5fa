import { describe, expect, it } from 'vitest';
import { generateText } from '../generate-text/generate-text.js';
import { streamText } from '../generate-text/stream-text.js';
import { mockChatModel } from '../testing/mock-chat-model.js';
import type { ChatMiddleware } from './chat-middleware.js';
import { wrapModel } from './wrap-model.js';

function tracer(name: string, log: string[]): ChatMiddleware {
  return {
    name,
    async wrapGenerate({ next }) {
      log.push(`${name}:before`);
      const response = await next();
      log.push(`${name}:after`);
      return { ...response, text: `${name}(${response.text})` };
    },
    async *wrapStream({ next }) {
      log.push(`${name}:stream`);
      yield* next();
    },
  };
}

describe('wrapModel', () => {
  it('runs the first middleware outermost, for generate and stream', async () => {
    const log: string[] = [];
    const model = wrapModel(mockChatModel({ replies: ['hi'] }), [
      tracer('a', log),
      tracer('b', log),
    ]);
    const result = await generateText({ model, prompt: 'Hello' });
    expect(result.text).toBe('a(b(hi))');
    expect(log).toEqual(['a:before', 'b:before', 'b:after', 'a:after']);
    log.length = 0;
    expect(await streamText({ model, prompt: 'Hello' }).text).toBe('hi');
    expect(log).toEqual(['a:stream', 'b:stream']);
  });

  it('keeps the model identity, capabilities and countTokens', async () => {
    const inner = {
      ...mockChatModel({ provider: 'acme', modelId: 'acme-1', capabilities: { tools: false } }),
      countTokens: async () => 42,
    };
    const model = wrapModel(inner, []);
    expect(model.provider).toBe('acme');
    expect(model.modelId).toBe('acme-1');
    expect(model.capabilities.tools).toBe(false);
    expect(await model.countTokens?.({ messages: [{ role: 'user', content: 'x' }] })).toBe(42);
  });

  it('lets a middleware change the request it passes on, and skips layers without a hook', async () => {
    const inner = mockChatModel({ replies: ['ok'] });
    const rewrite: ChatMiddleware = {
      name: 'rewrite',
      wrapGenerate: ({ request, next }) => next({ ...request, temperature: 0 }),
    };
    const model = wrapModel(inner, [{ name: 'noop' }, rewrite]);
    await model.generate({ messages: [{ role: 'user', content: 'x' }], temperature: 1 });
    expect(inner.calls[0]?.request.temperature).toBe(0);
  });
});
