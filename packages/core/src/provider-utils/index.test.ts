import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError, InvalidRequestError, TimeoutError } from '../errors/errors.js';
import {
  createCallContext,
  invalidResponseError,
  isRecord,
  type ProviderHttpConfig,
  postOnce,
  readJsonResponse,
  readServerSentEvents,
  withRetries,
} from './index.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const apiKey = 'acme-secret-key-0123456789';
const url = 'https://api.acme.test/v1/complete';

const config: ProviderHttpConfig = {
  provider: 'acme',
  secrets: [apiKey],
  parseErrorBody(body) {
    try {
      const parsed: unknown = JSON.parse(body);
      return isRecord(parsed) && typeof parsed.error === 'string' ? { message: parsed.error } : {};
    } catch {
      return {};
    }
  },
  isContextLengthError: () => false,
};

/** A provider call written the way the entry's documentation shows. */
async function complete(prompt: string, options: { timeout?: number } = {}): Promise<string> {
  const context = createCallContext({ timeout: options.timeout });
  try {
    const json = await withRetries(
      async () => {
        const response = await postOnce(config, {
          url,
          headers: { authorization: `Bearer ${apiKey}` },
          body: JSON.stringify({ prompt }),
          context,
        });
        return readJsonResponse(config, response, context);
      },
      { context, maxRetries: 2 },
    );
    if (!isRecord(json) || typeof json.text !== 'string') {
      throw invalidResponseError(config, 'no `text`');
    }
    return json.text;
  } finally {
    context.dispose();
  }
}

describe('@weft/core/provider-utils', () => {
  it('retries a retryable failure and returns the parsed answer', async () => {
    let calls = 0;
    server.use(
      http.post(url, () => {
        calls++;
        return calls === 1
          ? HttpResponse.json(
              { error: 'overloaded' },
              { status: 503, headers: { 'retry-after': '0' } },
            )
          : HttpResponse.json({ text: 'hello' });
      }),
    );
    expect(await complete('hi')).toBe('hello');
    expect(calls).toBe(2);
  });

  it('types HTTP failures, keeps the secret out of every message, and does not retry them', async () => {
    let calls = 0;
    server.use(
      http.post(url, () => {
        calls++;
        return HttpResponse.json({ error: `bad key ${apiKey}` }, { status: 401 });
      }),
    );
    const error = await complete('hi').catch((caught: unknown) => caught);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(String((error as Error).message)).not.toContain(apiKey);
    expect(JSON.stringify(error)).not.toContain(apiKey);
    expect(calls).toBe(1);
    server.use(
      http.post(url, () => HttpResponse.json({ error: 'no such model' }, { status: 404 })),
    );
    const refused = await complete('hi').catch((caught: unknown) => caught);
    expect(InvalidRequestError.isInstance(refused)).toBe(true);
    expect((refused as Error).message).toContain('no such model');
  });

  it('ends a call at its timeout, and refuses a body of the wrong shape', async () => {
    server.use(
      http.post(url, async () => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        return HttpResponse.json({ text: 'late' });
      }),
    );
    const late = await complete('hi', { timeout: 30 }).catch((caught: unknown) => caught);
    expect(TimeoutError.isInstance(late)).toBe(true);
    server.use(http.post(url, () => HttpResponse.json({ answer: 'x' })));
    await expect(complete('hi')).rejects.toThrow(/acme returned an unexpected response: no `text`/);
  });

  it('reads Server-Sent Events in batches, across chunk boundaries', async () => {
    const encoder = new TextEncoder();
    const pieces = ['data: {"a":1}\n\ndata: {"a"', ':2}\n\n', 'event: done\ndata: [DONE]\n\n'];
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const piece of pieces) controller.enqueue(encoder.encode(piece));
        controller.close();
      },
    });
    const events: string[] = [];
    for await (const batch of readServerSentEvents(body)) {
      for (const event of batch) events.push(`${event.event ?? 'message'}:${event.data}`);
    }
    expect(events).toEqual(['message:{"a":1}', 'message:{"a":2}', 'done:[DONE]']);
  });
});
