import { generateText, streamText } from '@weft/core';
import { createOpenAICompatible } from '@weft/core/openai-compatible';
import { describe, expect, it, onTestFinished } from 'vitest';
import { offlineReply, startOfflineServer } from './offline-server.js';

async function start() {
  const server = await startOfflineServer({ wordDelayMs: 0 });
  onTestFinished(() => server.close());
  const model = createOpenAICompatible({ name: 'offline', baseURL: server.baseURL }).chat('demo');
  return { server, model };
}

describe('offline demo server', () => {
  it('streams its scripted reply in the Chat Completions format, with usage and finish reason', async () => {
    const { model } = await start();
    const result = streamText({ model, prompt: 'Explain neural networks.' });
    const deltas: string[] = [];
    for await (const delta of result.textStream) deltas.push(delta);

    expect(deltas.length).toBeGreaterThan(10);
    expect(deltas.join('')).toBe(offlineReply);
    expect(offlineReply).toMatch(/^\[OFFLINE DEMO: a scripted reply, not a language model\.\]/);
    expect(await result.finishReason).toBe('stop');
    const usage = await result.usage;
    expect(usage.outputTokens).toBe(deltas.length);
    expect(usage.totalTokens).toBe((usage.inputTokens ?? 0) + deltas.length);
  });

  it('answers a request without streaming too', async () => {
    const { model } = await start();
    const result = await generateText({ model, prompt: 'Hi' });

    expect(result.text).toBe(offlineReply);
    expect(result.finishReason).toBe('stop');
    expect(result.usage.inputTokens).toBeGreaterThan(0);
  });

  it('refuses other paths with an OpenAI-style 404', async () => {
    const { server } = await start();
    const response = await fetch(`${server.baseURL}/embeddings`, { method: 'POST', body: '{}' });

    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  });

  it('refuses a body that is not a chat request with a 400', async () => {
    const { server } = await start();
    const response = await fetch(`${server.baseURL}/chat/completions`, {
      method: 'POST',
      body: 'not json',
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { message: 'The request body is not JSON.' },
    });
  });
});
