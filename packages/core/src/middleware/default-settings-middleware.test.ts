import { describe, expect, it } from 'vitest';
import { mockChatModel } from '../testing/mock-chat-model.js';
import { collectEvents } from '../testing/stream-helpers.js';
import { defaultSettingsMiddleware } from './default-settings-middleware.js';
import { wrapModel } from './wrap-model.js';

describe('defaultSettingsMiddleware', () => {
  it('fills unset settings, lets the request win, and merges provider options', async () => {
    const inner = mockChatModel({ replies: ['ok'] });
    const model = wrapModel(inner, [
      defaultSettingsMiddleware({
        temperature: 0,
        maxOutputTokens: 200,
        providerOptions: { openai: { user: 'u-1', store: false } },
      }),
    ]);
    await model.generate({
      messages: [{ role: 'user', content: 'Hi' }],
      temperature: 0.7,
      providerOptions: { openai: { store: true } },
    });
    await collectEvents(model.stream({ messages: [{ role: 'user', content: 'Hi' }] }));
    expect(inner.calls[0]?.request).toMatchObject({
      temperature: 0.7,
      maxOutputTokens: 200,
      providerOptions: { openai: { user: 'u-1', store: true } },
    });
    expect(inner.calls[1]?.request).toMatchObject({ temperature: 0, maxOutputTokens: 200 });
  });
});
