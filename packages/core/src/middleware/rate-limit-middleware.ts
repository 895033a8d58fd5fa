import { ValidationError } from '../errors/errors.js';
import type { ChatRequest } from '../types/chat-model.js';
import type { Usage } from '../types/usage.js';
import type { ChatMiddleware } from './chat-middleware.js';
import { checkNumberOption } from './check-option.js';
import { estimateRequestTokens } from './estimate-tokens.js';
import { type LimiterClock, SlidingWindowLimiter } from './sliding-window-limiter.js';
import { usageOfEvent } from './stream-events.js';

export interface RateLimitMiddlewareOptions {
  requestsPerMinute?: number;
  /** Input plus output tokens per minute, as the provider counts them. */
  tokensPerMinute?: number;
  /** Input tokens of a request. Default: `estimateRequestTokens` (about 4 characters a token). */
  estimateTokens?: (request: ChatRequest) => number;
  /** The longest a call waits for room before failing with a `RateLimitError`. Default: no limit. */
  maxWaitMs?: number;
  /** The window the limits apply to. Default 60,000 (a minute). */
  windowMs?: number;
  /** Time source and timer, for tests. */
  clock?: LimiterClock;
}

function usedTokens(usage: Usage | undefined): number | undefined {
  if (!usage) return undefined;
  if (usage.totalTokens !== undefined) return usage.totalTokens;
  if (usage.inputTokens === undefined && usage.outputTokens === undefined) return undefined;
  return (usage.inputTokens ?? 0) + (usage.outputTokens ?? 0);
}

/**
 * Keeps calls through this middleware within requests and tokens per minute, across all
 * concurrent calls that share it. A call waits (abortably) for room; before the call its
 * tokens are estimated as input estimate + `maxOutputTokens`, and corrected with the
 * reported usage afterwards.
 *
 * @example
 * const model = wrapModel(openai.chat('gpt-4o-mini'), [rateLimitMiddleware({ requestsPerMinute: 500, tokensPerMinute: 200_000 })]);
 */
export function rateLimitMiddleware(options: RateLimitMiddlewareOptions): ChatMiddleware {
  const name = 'rateLimitMiddleware';
  checkNumberOption(name, 'requestsPerMinute', options.requestsPerMinute, { integer: true });
  checkNumberOption(name, 'tokensPerMinute', options.tokensPerMinute);
  checkNumberOption(name, 'maxWaitMs', options.maxWaitMs, { allowZero: true });
  checkNumberOption(name, 'windowMs', options.windowMs);
  const tokenLimit = options.tokensPerMinute;
  if (options.requestsPerMinute === undefined && tokenLimit === undefined) {
    throw new ValidationError(`${name}: give requestsPerMinute, tokensPerMinute or both.`, {
      issues: [{ path: [], message: 'no limit given' }],
    });
  }
  const limiter = new SlidingWindowLimiter(
    {
      requests: options.requestsPerMinute,
      tokens: tokenLimit,
      windowMs: options.windowMs ?? 60_000,
      maxWaitMs: options.maxWaitMs,
    },
    options.clock,
  );
  const estimate = options.estimateTokens ?? estimateRequestTokens;

  const reserve = (request: ChatRequest, signal: AbortSignal | undefined) => {
    const tokens = estimate(request) + (request.maxOutputTokens ?? 0);
    if (tokenLimit !== undefined && tokens > tokenLimit) {
      throw new ValidationError(
        `${name}: this request is estimated at ${tokens} tokens, more than tokensPerMinute (${tokenLimit}); it could never be sent.`,
        { issues: [{ path: ['messages'], message: `estimated ${tokens} tokens > ${tokenLimit}` }] },
      );
    }
    return limiter.acquire(tokens, signal);
  };

  return {
    name: 'rate-limit',

    async wrapGenerate({ request, options: callOptions, next }) {
      const reservation = await reserve(request, callOptions.signal);
      const response = await next();
      reservation.settle(usedTokens(response.usage));
      return response;
    },

    async *wrapStream({ request, options: callOptions, next }) {
      const reservation = await reserve(request, callOptions.signal);
      let usage: Usage | undefined;
      try {
        for await (const event of next()) {
          usage = usageOfEvent(event) ?? usage;
          yield event;
        }
      } finally {
        reservation.settle(usedTokens(usage));
      }
    },
  };
}
