import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { useMswServer } from '../../test/support/msw.js';
import { createOpenAI } from '../openai/openai-provider.js';
import { mockChatModel } from '../testing/mock-chat-model.js';
import { collectEvents } from '../testing/stream-helpers.js';
import type { ChatRequest } from '../types/chat-model.js';
import { loggingMiddleware, type MiddlewareLogger } from './logging-middleware.js';
import { wrapModel } from './wrap-model.js';

const server = useMswServer();

function memoryLogger() {
  const lines: Array<{ level: string; message: string; data: Record<string, unknown> }> = [];
  const at = (level: string) => (message: string, data: Record<string, unknown>) =>
    void lines.push({ level, message, data });
  const logger: MiddlewareLogger = { debug: at('debug'), info: at('info'), error: at('error') };
  return { logger, lines, text: () => JSON.stringify(lines) };
}

const ask: ChatRequest = {
  messages: [{ role: 'user', content: 'My key is sk-proj-abcdef1234567890, what now?' }],
};

describe('loggingMiddleware', () => {
  it('logs model, duration, usage and finish reason, without message contents by default', async () => {
    const { logger, lines, text } = memoryLogger();
    let clock = 0;
    const inner = mockChatModel({
      modelId: 'm-1',
      replies: [
        () => {
          clock += 25;
          return { text: 'secret answer', usage: { inputTokens: 3, outputTokens: 2 } };
        },
      ],
    });
    const model = wrapModel(inner, [loggingMiddleware({ logger, now: () => clock })]);
    await model.generate(ask);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      data: {
        method: 'generate',
        provider: 'mock',
        model: 'm-1',
        durationMs: 25,
        finishReason: 'stop',
        usage: { inputTokens: 3, outputTokens: 2 },
      },
    });
    expect(text()).not.toContain('secret answer');
    expect(text()).not.toContain('My key');
  });

  it('logs contents only when asked, through the redactor', async () => {
    const { logger, text } = memoryLogger();
    const model = wrapModel(mockChatModel({ replies: ['fine'] }), [
      loggingMiddleware({ logger, level: 'debug', logContent: true }),
    ]);
    await collectEvents(model.stream(ask));
    expect(text()).toContain('My key is [REDACTED], what now?');
    expect(text()).toContain('"text":"fine"');
    expect(text()).toContain('model call started');
  });

  it('never logs the API key or authorization header of a failed HTTP call', async () => {
    server.use(
      http.post('https://openai.test/v1/chat/completions', () =>
        HttpResponse.json(
          {
            error: {
              message: 'Incorrect API key provided: sk-live-0123456789abcdef.',
              type: 'invalid_request_error',
              code: 'invalid_api_key',
            },
          },
          { status: 401 },
        ),
      ),
    );
    const { logger, lines, text } = memoryLogger();
    const openai = createOpenAI({
      apiKey: 'sk-live-0123456789abcdef',
      baseURL: 'https://openai.test/v1',
    });
    const model = wrapModel(openai.chat('gpt-4o-mini'), [loggingMiddleware({ logger })]);
    await expect(
      model.generate(ask, { headers: { authorization: 'Bearer sk-live-0123456789abcdef' } }),
    ).rejects.toThrow();
    expect(lines[0]).toMatchObject({
      level: 'error',
      data: { error: { code: 'authentication', status: 401 } },
    });
    expect(text()).not.toContain('0123456789abcdef');
  });
});
