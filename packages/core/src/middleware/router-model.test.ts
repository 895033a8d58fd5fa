import { describe, expect, it } from 'vitest';
import { mockChatModel } from '../testing/mock-chat-model.js';
import { collectEvents } from '../testing/stream-helpers.js';
import type { ChatRequest } from '../types/chat-model.js';
import { estimateRequestTokens } from './estimate-tokens.js';
import { routerModel } from './router-model.js';

const ask = (content: string): ChatRequest => ({ messages: [{ role: 'user', content }] });

function setup() {
  const cheap = mockChatModel({ provider: 'openai', modelId: 'gpt-4o-mini', replies: ['cheap'] });
  const strong = mockChatModel({ provider: 'openai', modelId: 'gpt-4o', replies: ['strong'] });
  const routes: string[] = [];
  const model = routerModel({
    models: { cheap, strong },
    choose: (request) =>
      !request.tools && estimateRequestTokens(request) < 50 ? 'cheap' : 'strong',
    onRoute: (route) => routes.push(route),
  });
  return { cheap, strong, routes, model };
}

describe('routerModel', () => {
  it('sends short prompts without tools to the cheap model and reports the route', async () => {
    const { model, routes } = setup();
    const short = await model.generate(ask('What is 2 + 2?'));
    expect(short.text).toBe('cheap');
    expect(short.response).toMatchObject({
      route: 'cheap',
      provider: 'openai',
      modelId: 'gpt-4o-mini',
    });
    const long = await model.generate(ask('Summarise this contract clause by clause: '.repeat(20)));
    expect(long.response.route).toBe('strong');
    const withTools = await model.generate({
      ...ask('Hi'),
      tools: [{ name: 't', inputSchema: {} }],
    });
    expect(withTools.text).toBe('strong');
    expect(routes).toEqual(['cheap', 'strong', 'strong']);
  });

  it('routes streams and accepts an async classifier', async () => {
    const cheap = mockChatModel({ replies: ['cheap'] });
    const strong = mockChatModel({ replies: ['strong'] });
    const model = routerModel({
      models: { cheap, strong },
      choose: async (request) =>
        (await Promise.resolve(request.messages.length)) > 1 ? 'strong' : 'cheap',
    });
    const events = await collectEvents(model.stream(ask('Hi')));
    const finish = events.at(-1);
    expect(finish?.type === 'finish' && finish.response.route).toBe('cheap');
    expect(strong.calls).toHaveLength(0);
  });

  it('routes concurrent requests independently', async () => {
    const { model, cheap, strong } = setup();
    const prompts = Array.from({ length: 8 }, (_, i) => (i % 2 ? 'x'.repeat(400) : 'short'));
    const answers = await Promise.all(prompts.map((prompt) => model.generate(ask(prompt))));
    expect(answers.map((a) => a.text)).toEqual(
      prompts.map((p) => (p === 'short' ? 'cheap' : 'strong')),
    );
    expect([cheap.calls.length, strong.calls.length]).toEqual([4, 4]);
  });

  it('throws a clear error for a route it does not have', async () => {
    const model = routerModel({
      models: { cheap: mockChatModel() },
      choose: () => 'premium' as 'cheap',
    });
    await expect(model.generate(ask('Hi'))).rejects.toThrow(
      /"premium", which is not one of its routes \(cheap\)/,
    );
  });
});
