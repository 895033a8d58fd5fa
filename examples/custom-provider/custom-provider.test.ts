import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ChatStreamEvent, TimeoutError } from '@weft/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, runExample } from '../test-support/run-example.js';
import { createAcme } from './acme-provider.js';

describe('custom-provider example', () => {
  it('answers, streams, retries a 503 and types a wrong key without showing it', async () => {
    const result = await runExample('custom-provider/index.ts');
    expect(result.code, describeRun(result)).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toEqual([
      'generateText: Acme heard 3 words: "Hello from Weft".',
      'usage: 15 in, 38 out',
      'streamText: 8 deltas: Acme heard 4 words: "Stream these few words".',
      'finish: stop',
      'retry 1 after: acme API error (HTTP 503): overloaded, try again',
      'after the retry: Acme heard 2 words: "fail-once please".',
      'refused: AuthenticationError: acme API error (HTTP 401): invalid key: Bearer [REDACTED]',
    ]);
    expect(result.stdout).not.toContain('acme-wrong-key-987654');
  });
});

describe('createAcme (the stream contract)', () => {
  // A server whose stream breaks off after one delta, and one that never answers.
  let url = '';
  const server = createServer((request, response) => {
    if (request.url?.endsWith('/slow/chat')) return; // never answers
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(`data: ${JSON.stringify({ delta: 'Hel' })}\n\n`);
    response.end();
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('reports a stream cut short as usage, then an error event, after what arrived', async () => {
    const model = createAcme({ apiKey: 'acme-key-0000', baseURL: url })('acme-1');
    const events: ChatStreamEvent[] = [];
    for await (const event of model.stream({ messages: [{ role: 'user', content: 'hi' }] })) {
      events.push(event);
    }
    expect(events.map((event) => event.type)).toEqual(['start', 'text-delta', 'usage', 'error']);
    const last = events.at(-1);
    expect(last?.type === 'error' && last.error.message).toMatch(/ended before \[DONE\]/);
  });

  it('rejects with TimeoutError when no answer comes within the timeout', async () => {
    const model = createAcme({ apiKey: 'acme-key-0000', baseURL: `${url}/slow` })('acme-1');
    const request = { messages: [{ role: 'user' as const, content: 'hi' }] };
    const error = await model.generate(request, { timeout: 50 }).catch((caught: unknown) => caught);
    expect(TimeoutError.isInstance(error)).toBe(true);
  });
});
