import type {
  ChatModel,
  ChatRequest,
  ChatResponse,
  ChatStreamEvent,
  ResponseMetadata,
} from '../types/chat-model.js';
import { abortable, isStopError } from './abortable.js';
import { type CachedCall, type CacheStore, memoryCacheStore } from './cache-store.js';
import type { ChatMiddleware } from './chat-middleware.js';
import { checkNumberOption } from './check-option.js';
import { requestKey } from './request-key.js';
import { SharedStream } from './shared-stream.js';
import { responseFromEvents } from './stream-events.js';

export interface CacheMiddlewareOptions {
  /** Where answers are kept. Default: an in-memory LRU of 1,000 entries. */
  store?: CacheStore;
  /** How long an answer stays valid. Default: until the store evicts it. */
  ttlMs?: number;
  /** The cache key of a request. Default: SHA-256 of the normalized request and model. */
  key?: (request: ChatRequest, model: ChatModel) => string | Promise<string>;
}

const markCached = (response: ResponseMetadata): ResponseMetadata => ({
  ...response,
  cached: true,
});

async function* replay(events: readonly ChatStreamEvent[]): AsyncGenerator<ChatStreamEvent> {
  for (const event of events) {
    yield event.type === 'finish' ? { ...event, response: markCached(event.response) } : event;
  }
}

/**
 * An exact cache: a request identical to an earlier one (same model, messages, tools and
 * settings) gets the earlier answer, marked `response.cached: true`. Concurrent identical
 * requests share one model call. Errors and broken streams are never cached.
 *
 * @example
 * const model = wrapModel(openai.chat('gpt-4o-mini'), [cacheMiddleware({ ttlMs: 3_600_000 })]);
 */
export function cacheMiddleware(options: CacheMiddlewareOptions = {}): ChatMiddleware {
  checkNumberOption('cacheMiddleware', 'ttlMs', options.ttlMs);
  const store = options.store ?? memoryCacheStore();
  const keyOf = options.key ?? requestKey;
  const setOptions = options.ttlMs === undefined ? {} : { ttlMs: options.ttlMs };
  const pendingGenerates = new Map<string, Promise<ChatResponse>>();
  const pendingStreams = new Map<string, SharedStream>();

  return {
    name: 'cache',

    async wrapGenerate({ request, options: callOptions, model, next }) {
      const key = `generate:${await keyOf(request, model)}`;
      const hit = await store.get(key);
      if (hit?.kind === 'generate')
        return { ...hit.response, response: markCached(hit.response.response) };
      const pending = pendingGenerates.get(key);
      if (pending) {
        try {
          const shared = await abortable(pending, callOptions.signal);
          return { ...shared, response: markCached(shared.response) };
        } catch (error) {
          // The first caller stopped its own call; this caller did not ask to stop.
          if (!isStopError(error) || callOptions.signal?.aborted) throw error;
          return next();
        }
      }
      const call = (async () => {
        const response = await next();
        const entry: CachedCall = { kind: 'generate', response };
        await store.set(key, entry, setOptions);
        return response;
      })();
      pendingGenerates.set(key, call);
      try {
        return await call;
      } finally {
        pendingGenerates.delete(key);
      }
    },

    async *wrapStream({ request, options: callOptions, model, next }) {
      const key = `stream:${await keyOf(request, model)}`;
      const hit = await store.get(key);
      if (hit?.kind === 'stream') {
        yield* replay(hit.events);
        return;
      }
      let shared = pendingStreams.get(key);
      const joined = shared?.joinable === true;
      if (!shared || !joined) {
        const created = new SharedStream(
          // The upstream call outlives any one reader: it stops only when all have left.
          (signal) => next(request, { ...callOptions, signal }),
          () => pendingStreams.delete(key),
        );
        shared = created;
        pendingStreams.set(key, created);
        void created.done
          .then(async ({ events, failed }) => {
            if (pendingStreams.get(key) === created) pendingStreams.delete(key);
            if (!failed && responseFromEvents(events)) {
              await store.set(key, { kind: 'stream', events }, setOptions);
            }
          })
          // The stream has already been delivered; a store that fails to keep it only
          // costs a later cache miss, and there is no caller left to tell.
          .catch(() => undefined);
      }
      if (joined) {
        yield* replayMarked(shared.read(callOptions.signal));
        return;
      }
      yield* shared.read(callOptions.signal);
    },
  };
}

async function* replayMarked(
  stream: AsyncIterable<ChatStreamEvent>,
): AsyncGenerator<ChatStreamEvent> {
  for await (const event of stream) {
    yield event.type === 'finish' ? { ...event, response: markCached(event.response) } : event;
  }
}
