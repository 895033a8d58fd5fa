import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AbortError,
  AuthenticationError,
  ContextLengthError,
  InvalidRequestError,
  ProviderError,
  RateLimitError,
  TimeoutError,
  type WeftError,
} from '../src/errors/index.js';
import { generateText } from '../src/generate-text/generate-text.js';
import { streamText } from '../src/generate-text/stream-text.js';
import type { RetryInfo } from '../src/types/chat-model.js';
import {
  dropAfter,
  type FaultHandler,
  type FaultServer,
  json,
  resetBeforeHeaders,
  silentAfter,
  sse,
  startFaultServer,
} from './support/fault-server.js';
import {
  anthropicWire,
  compatibleWire,
  openAIWire,
  type WireFormat,
} from './support/wire-formats.js';

/**
 * Every fault, for every provider, for generate and for stream, against a real HTTP server:
 * each ends as documented (a retry that succeeds, or a typed error), leaves no connection
 * open and no rejection unhandled, and never shows the API key.
 */

const apiKey = 'sk-weft-fault-SECRET-0123456789abcdef';
const answer = ['Faults ', 'are ', 'handled.'];
const wires: WireFormat[] = [openAIWire, anthropicWire, compatibleWire];

let server: FaultServer;
const unhandled: unknown[] = [];
let timersBefore = 0;
const activeTimers = () =>
  process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  server = await startFaultServer();
  process.on('unhandledRejection', onUnhandled);
});
beforeEach(() => {
  timersBefore = activeTimers();
});
afterEach(async () => {
  // Let late rejections surface before checking.
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(unhandled).toEqual([]);
  expect(await server.settle()).toBe(0);
  // No deadline, backoff or fault-server timer outlives the call.
  expect(activeTimers()).toBeLessThanOrEqual(timersBefore);
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await server.close();
});

type Mode = 'generate' | 'stream';

interface Outcome {
  text?: string;
  error?: WeftError;
  retries: RetryInfo[];
  streamedText?: string;
}

/** Runs one call and returns its text or its error, never throwing. */
async function call(
  wire: WireFormat,
  mode: Mode,
  options: {
    maxRetries?: number;
    timeout?: number;
    signal?: AbortSignal;
    onFirstDelta?: () => void;
  } = {},
): Promise<Outcome> {
  const retries: RetryInfo[] = [];
  const common = {
    model: wire.model(server.origin, apiKey),
    prompt: 'Say something.',
    maxRetries: options.maxRetries ?? 2,
    timeout: options.timeout ?? 60_000,
    signal: options.signal,
    onRetry: (info: RetryInfo) => retries.push(info),
  };
  if (mode === 'generate') {
    try {
      const result = await generateText(common);
      return { text: result.text, retries };
    } catch (error) {
      return { error: error as WeftError, retries };
    }
  }
  const result = streamText(common);
  let streamedText = '';
  let error: WeftError | undefined;
  for await (const event of result) {
    if (event.type === 'text-delta') {
      if (streamedText === '') options.onFirstDelta?.();
      streamedText += event.delta;
    }
    if (event.type === 'error') error = event.error;
  }
  // The usage promise always resolves, even after a failure.
  await expect(result.usage).resolves.toBeTypeOf('object');
  if (error) {
    await expect(result.text).rejects.toBe(error);
    return { error, retries, streamedText };
  }
  return { text: await result.text, retries, streamedText };
}

function ok(wire: WireFormat, mode: Mode): FaultHandler {
  return mode === 'generate'
    ? json(200, wire.okJson(answer.join('')))
    : sse(wire.streamFrames(answer));
}

function expectKeyHidden(error: unknown) {
  const views = [
    String(error),
    (error as Error).stack ?? '',
    JSON.stringify(error),
    JSON.stringify((error as WeftError).toJSON?.()),
    inspect(error, { depth: 10, showHidden: true }),
    inspect((error as Error).cause, { depth: 10, showHidden: true }),
  ];
  for (const view of views) expect(view).not.toContain(apiKey);
}

describe.each(wires)('fault matrix: $provider', (wire) => {
  describe.each<Mode>(['generate', 'stream'])('%s', (mode) => {
    it('429 with retry-after in seconds: waits that long, then succeeds', async () => {
      server.reply(
        json(429, wire.errorBody(429, 'Rate limit reached'), { 'retry-after': '1' }),
        ok(wire, mode),
      );
      const outcome = await call(wire, mode);
      expect(outcome.error).toBeUndefined();
      expect(outcome.text).toBe('Faults are handled.');
      expect(outcome.retries.map((retry) => retry.delayMs)).toEqual([1000]);
      expect(outcome.retries[0]?.error).toBeInstanceOf(RateLimitError);
      expect(server.requests).toHaveLength(2);
    });

    it('429 with retry-after-ms: waits that long, then succeeds', async () => {
      server.reply(
        json(429, wire.errorBody(429, 'Rate limit reached'), { 'retry-after-ms': '25' }),
        ok(wire, mode),
      );
      const outcome = await call(wire, mode);
      expect(outcome.text).toBe('Faults are handled.');
      expect(outcome.retries.map((retry) => retry.delayMs)).toEqual([25]);
    });

    it('429 that persists: RateLimitError with retryAfterMs, after maxRetries', async () => {
      server.reply(
        json(429, wire.errorBody(429, `Rate limit reached for key ${apiKey}`), {
          'retry-after-ms': '5',
        }),
      );
      const outcome = await call(wire, mode, { maxRetries: 2 });
      expect(outcome.error).toBeInstanceOf(RateLimitError);
      expect((outcome.error as RateLimitError).retryAfterMs).toBe(5);
      expect((outcome.error as RateLimitError).status).toBe(429);
      expect(server.requests).toHaveLength(3);
      expectKeyHidden(outcome.error);
    });

    it.each([500, 502, 503])('%i: retried with backoff, then succeeds', async (status) => {
      server.reply(json(status, wire.errorBody(status, 'The server had an error')), ok(wire, mode));
      const outcome = await call(wire, mode);
      expect(outcome.text).toBe('Faults are handled.');
      expect(outcome.retries).toHaveLength(1);
      expect(outcome.retries[0]?.delayMs).toBeLessThanOrEqual(500);
      expect((outcome.retries[0]?.error as ProviderError | undefined)?.status).toBe(status);
    });

    it('400: InvalidRequestError, not retried', async () => {
      server.reply(json(400, wire.errorBody(400, "Invalid value for 'temperature'")));
      const outcome = await call(wire, mode);
      expect(outcome.error).toBeInstanceOf(InvalidRequestError);
      expect(outcome.error).not.toBeInstanceOf(ContextLengthError);
      expect(outcome.error?.message).toContain("Invalid value for 'temperature'");
      expect(server.requests).toHaveLength(1);
    });

    it('401: AuthenticationError, not retried, and the key (echoed by the server) is hidden', async () => {
      server.reply(
        json(401, wire.errorBody(401, `Incorrect API key provided: ${apiKey}.`), {
          'x-request-id': 'req_401',
        }),
      );
      const outcome = await call(wire, mode);
      expect(outcome.error).toBeInstanceOf(AuthenticationError);
      expect((outcome.error as AuthenticationError).status).toBe(401);
      expect((outcome.error as AuthenticationError).requestId).toBe('req_401');
      expect(outcome.error?.message).toContain('Incorrect API key provided: [REDACTED]');
      expect(server.requests).toHaveLength(1);
      expectKeyHidden(outcome.error);
      // The key was sent, so the check above is meaningful.
      expect(JSON.stringify(server.requests[0]?.headers)).toContain(apiKey);
    });

    it('context too long: ContextLengthError, not retried', async () => {
      server.reply(json(wire.contextLength.status, wire.contextLength.body));
      const outcome = await call(wire, mode);
      expect(outcome.error).toBeInstanceOf(ContextLengthError);
      expect(outcome.error?.code).toBe('context_length');
      expect(server.requests).toHaveLength(1);
    });

    it('connection reset before headers: retried, then a typed connection error', async () => {
      server.reply(resetBeforeHeaders);
      const outcome = await call(wire, mode, { maxRetries: 1 });
      expect(outcome.error).toBeInstanceOf(ProviderError);
      expect(outcome.error?.code).toBe('connection_error');
      expect(server.requests).toHaveLength(2);
      expectKeyHidden(outcome.error);
    });

    it('connection reset before headers once: the retry succeeds', async () => {
      server.reply(resetBeforeHeaders, ok(wire, mode));
      const outcome = await call(wire, mode);
      expect(outcome.text).toBe('Faults are handled.');
    });

    it('server goes silent: TimeoutError at the deadline, connection closed', async () => {
      const frames = wire.streamFrames(answer);
      server.reply(
        silentAfter(mode === 'stream' ? frames.slice(0, wire.preludeFrames + 1) : undefined),
      );
      const outcome = await call(wire, mode, { timeout: 300, maxRetries: 0 });
      expect(outcome.error).toBeInstanceOf(TimeoutError);
      expect((outcome.error as TimeoutError).timeoutMs).toBe(300);
      expect(server.requests).toHaveLength(1);
    });

    if (mode === 'generate') {
      it('connection dropped mid-body: retried, then succeeds', async () => {
        const body = JSON.stringify(wire.okJson('partial'));
        server.reply(dropAfter([body.slice(0, 40)], 'application/json'), ok(wire, mode));
        const outcome = await call(wire, mode);
        expect(outcome.text).toBe('Faults are handled.');
        expect(outcome.retries).toHaveLength(1);
      });

      it('malformed JSON body: a typed invalid_response error', async () => {
        server.reply((_request, response) => {
          response.writeHead(200, { 'content-type': 'application/json', connection: 'close' });
          response.end('{"id": "chatcmpl-1", "choices": [');
        });
        const outcome = await call(wire, mode);
        expect(outcome.error).toBeInstanceOf(ProviderError);
        expect(outcome.error?.code).toBe('invalid_response');
      });

      it('caller abort while waiting: AbortError, connection closed', async () => {
        server.reply(silentAfter(undefined));
        const controller = new AbortController();
        setTimeout(() => controller.abort(), 50);
        const outcome = await call(wire, mode, { signal: controller.signal });
        expect(outcome.error).toBeInstanceOf(AbortError);
        expect(server.requests).toHaveLength(1);
      });
    } else {
      it('connection dropped mid-stream: the text so far, then a typed error; no retry', async () => {
        const frames = wire.streamFrames(answer);
        server.reply(dropAfter(frames.slice(0, wire.preludeFrames + 2)), ok(wire, mode));
        const outcome = await call(wire, mode);
        expect(outcome.streamedText).toBe('Faults are ');
        expect(outcome.error).toBeInstanceOf(ProviderError);
        expect(outcome.error?.code).toBe('connection_error');
        expect(server.requests).toHaveLength(1);
      });

      it('malformed SSE data: a typed invalid_response error after the good part', async () => {
        const frames = wire.streamFrames(answer);
        const cut = wire.preludeFrames + 1;
        server.reply(
          sse([
            ...frames.slice(0, cut),
            'data: {"choices": [{"delta": {"content": "x"\n\n',
            ...frames.slice(cut),
          ]),
        );
        const outcome = await call(wire, mode);
        expect(outcome.streamedText).toBe('Faults ');
        expect(outcome.error).toBeInstanceOf(ProviderError);
        expect(outcome.error?.code).toBe('invalid_response');
      });

      it('caller abort mid-stream: AbortError event, usage resolved, connection closed', async () => {
        const frames = wire.streamFrames(answer);
        server.reply(silentAfter(frames.slice(0, wire.preludeFrames + 1)));
        const controller = new AbortController();
        const outcome = await call(wire, mode, {
          signal: controller.signal,
          onFirstDelta: () => controller.abort(),
        });
        expect(outcome.streamedText).toBe('Faults ');
        expect(outcome.error).toBeInstanceOf(AbortError);
        expect(server.requests).toHaveLength(1);
      });

      it('reader stops early: the request is cancelled and the connection closed', async () => {
        const frames = wire.streamFrames(answer);
        server.reply(silentAfter(frames.slice(0, wire.preludeFrames + 1)));
        const result = streamText({ model: wire.model(server.origin, apiKey), prompt: 'Hi' });
        for await (const delta of result.textStream) {
          expect(delta).toBe('Faults ');
          break;
        }
        await expect(result.text).rejects.toBeInstanceOf(AbortError);
        await expect(result.usage).resolves.toBeTypeOf('object');
      });
    }
  });
});
