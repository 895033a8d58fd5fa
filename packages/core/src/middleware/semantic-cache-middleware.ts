import { ValidationError } from '../errors/errors.js';
import type { ChatRequest, ChatResponse, ChatStreamEvent } from '../types/chat-model.js';
import type { EmbeddingModel } from '../types/embedding-model.js';
import type { ChatMiddleware } from './chat-middleware.js';
import { normalizedRequest, sha256Hex, stableStringify } from './request-key.js';
import {
  memorySemanticCacheStore,
  type SemanticCacheMatch,
  type SemanticCacheStore,
} from './semantic-cache-store.js';
import { eventsFromResponse, responseFromEvents } from './stream-events.js';

export interface SemanticCacheMiddlewareOptions {
  /** Embeds the prompts. */
  embeddingModel: EmbeddingModel;
  /** The least cosine similarity that counts as the same question. Default 0.95. */
  threshold?: number;
  /** Where answers are kept. Default: an in-memory store of 1,000 entries. */
  store?: SemanticCacheStore;
  /** Called on each hit, e.g. to log which earlier prompt answered. */
  onHit?: (hit: SemanticCacheMatch & { prompt: string }) => void;
  /** The clock for entries' `createdAt`. Default `Date.now`. */
  now?: () => number;
}

/**
 * The text of the last message when it is a user message of text only, and the request
 * has no tools: a tool call's result depends on live data, so it is never reused.
 */
function cacheablePrompt(request: ChatRequest): string | undefined {
  if (request.tools?.length) return undefined;
  const last = request.messages.at(-1);
  if (last?.role !== 'user') return undefined;
  if (typeof last.content === 'string') return last.content;
  const texts: string[] = [];
  for (const part of last.content) {
    if (part.type !== 'text') return undefined;
    texts.push(part.text);
  }
  return texts.join('\n');
}

/**
 * A semantic cache: a question close enough in meaning to one answered before (cosine
 * similarity of their embeddings at least `threshold`) gets that answer, marked
 * `response.cached: true`. Only the last user message is compared; everything else (model,
 * system prompt, earlier turns, settings) must be identical. Requests with tools, images
 * or a last message not from the user pass through, and only complete answers
 * (finish reason `stop`) are stored.
 *
 * @example
 * const model = wrapModel(chatModel, [semanticCacheMiddleware({ embeddingModel, threshold: 0.92 })]);
 */
export function semanticCacheMiddleware(options: SemanticCacheMiddlewareOptions): ChatMiddleware {
  const threshold = options.threshold ?? 0.95;
  if (!(threshold > -1 && threshold <= 1)) {
    throw new ValidationError(
      `semanticCacheMiddleware: threshold must be a cosine similarity in (-1, 1], got ${threshold}.`,
      { issues: [{ path: ['threshold'], message: 'must be in (-1, 1]' }] },
    );
  }
  const store = options.store ?? memorySemanticCacheStore();
  const now = options.now ?? Date.now;
  const embedder = options.embeddingModel;

  const lookup = async (
    request: ChatRequest,
    model: { provider: string; modelId: string },
    signal: AbortSignal | undefined,
  ) => {
    const prompt = cacheablePrompt(request);
    if (prompt === undefined) return undefined;
    const rest = normalizedRequest({ ...request, messages: request.messages.slice(0, -1) }, model);
    const scope = await sha256Hex(
      stableStringify({ ...rest, embedding: [embedder.provider, embedder.modelId] }),
    );
    const { embeddings } = await embedder.embed([prompt], signal ? { signal } : {});
    const vector = embeddings[0];
    if (!vector) throw new ValidationError('The embedding model returned no vector.');
    const match = await store.findNearest({ scope, vector, minSimilarity: threshold });
    if (match) options.onHit?.({ ...match, prompt });
    const save = async (response: ChatResponse) => {
      if (response.finishReason !== 'stop') return;
      await store.add({ scope, vector, prompt, response, createdAt: now() });
    };
    return { match, save };
  };

  const cachedCopy = (response: ChatResponse): ChatResponse => ({
    ...response,
    response: { ...response.response, cached: true },
  });

  return {
    name: 'semantic-cache',

    async wrapGenerate({ request, options: callOptions, model, next }) {
      const found = await lookup(request, model, callOptions.signal);
      if (!found) return next();
      if (found.match) return cachedCopy(found.match.entry.response);
      const response = await next();
      await found.save(response);
      return response;
    },

    async *wrapStream({ request, options: callOptions, model, next }) {
      const found = await lookup(request, model, callOptions.signal);
      if (!found) {
        yield* next();
        return;
      }
      if (found.match) {
        yield* eventsFromResponse(cachedCopy(found.match.entry.response));
        return;
      }
      const events: ChatStreamEvent[] = [];
      for await (const event of next()) {
        events.push(event);
        yield event;
      }
      const response = responseFromEvents(events);
      if (response) await found.save(response);
    },
  };
}
