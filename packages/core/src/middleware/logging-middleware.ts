import { WeftError } from '../errors/weft-error.js';
import type { ChatRequest, ChatResponse, ChatStreamEvent } from '../types/chat-model.js';
import type { Message } from '../types/messages.js';
import type { Usage } from '../types/usage.js';
import type { ChatMiddleware } from './chat-middleware.js';
import { responseFromEvents } from './stream-events.js';

/** What `loggingMiddleware` writes to; `console` fits, as do pino and winston loggers. */
export interface MiddlewareLogger {
  debug(message: string, data: Record<string, unknown>): void;
  info(message: string, data: Record<string, unknown>): void;
  error(message: string, data: Record<string, unknown>): void;
}

export type LogLevel = 'debug' | 'info' | 'error';

export interface LoggingMiddlewareOptions {
  logger: MiddlewareLogger;
  /** The least severe entries written: `debug` adds the start of each call. Default `info`. */
  level?: LogLevel;
  /** Also log the messages and the answer text. Default false: contents may be private. */
  logContent?: boolean;
  /** Applied to every logged text when `logContent` is on. Default: masks API-key-like tokens. */
  redact?: (text: string) => string;
  /** The clock for durations. Default `performance.now`. */
  now?: () => number;
}

const rank: Record<LogLevel, number> = { debug: 0, info: 1, error: 2 };

/** Masks strings shaped like API keys and bearer tokens. */
export function redactKeyLikeTokens(text: string): string {
  return text
    .replace(/\b(sk|pk|rk)-[A-Za-z0-9_-]{8,}/g, '[REDACTED]')
    .replace(/\bBearer\s+[A-Za-z0-9._~+/=-]+/gi, 'Bearer [REDACTED]');
}

function redactMessage(message: Message, redact: (text: string) => string): unknown {
  if (typeof message.content === 'string') {
    return { role: message.role, content: redact(message.content) };
  }
  const parts = message.content.map((part) => {
    switch (part.type) {
      case 'text':
      case 'reasoning':
        return { type: part.type, text: redact(part.text) };
      case 'tool-call':
        return {
          type: part.type,
          toolName: part.toolName,
          input: redact(JSON.stringify(part.input)),
        };
      case 'tool-result':
        return {
          type: part.type,
          toolName: part.toolName,
          output: redact(JSON.stringify(part.output)),
        };
      default:
        return { type: part.type };
    }
  });
  return { role: message.role, content: parts };
}

/**
 * Logs each call's start (at `debug`), end (model, duration, usage, finish reason, at
 * `info`) and failure (at `error`). Headers and call options are never logged, so API keys
 * cannot leak; message contents only with `logContent`, through `redact`.
 *
 * @example
 * const model = wrapModel(openai.chat('gpt-4o-mini'), [loggingMiddleware({ logger: console })]);
 */
export function loggingMiddleware(options: LoggingMiddlewareOptions): ChatMiddleware {
  const { logger } = options;
  const threshold = rank[options.level ?? 'info'];
  const redact = options.redact ?? redactKeyLikeTokens;
  const now = options.now ?? (() => performance.now());

  const describe = (
    method: string,
    request: ChatRequest,
    model: { provider: string; modelId: string },
  ) => ({
    method,
    provider: model.provider,
    model: model.modelId,
    messages: request.messages.length,
    tools: request.tools?.length ?? 0,
    ...(options.logContent
      ? { content: request.messages.map((message) => redactMessage(message, redact)) }
      : {}),
  });

  const started = (base: Record<string, unknown>) => {
    if (threshold <= rank.debug) logger.debug('weft: model call started', base);
    return now();
  };

  const ended = (base: Record<string, unknown>, startedAt: number, response: ChatResponse) => {
    if (threshold > rank.info) return;
    logger.info('weft: model call finished', {
      ...base,
      durationMs: Math.round(now() - startedAt),
      finishReason: response.finishReason,
      usage: response.usage,
      ...(response.response.cached ? { cached: true } : {}),
      ...(response.response.requestId ? { requestId: response.response.requestId } : {}),
      ...(options.logContent ? { text: redact(response.text) } : {}),
    });
  };

  const failed = (
    base: Record<string, unknown>,
    startedAt: number,
    error: unknown,
    usage?: Usage,
  ) => {
    logger.error('weft: model call failed', {
      ...base,
      durationMs: Math.round(now() - startedAt),
      // toJSON is the secret-free view of a Weft error; other errors show only their name.
      error: WeftError.isInstance(error)
        ? error.toJSON()
        : { name: error instanceof Error ? error.name : typeof error },
      ...(usage ? { usage } : {}),
    });
  };

  return {
    name: 'logging',

    async wrapGenerate({ request, model, next }) {
      const base = describe('generate', request, model);
      const startedAt = started(base);
      try {
        const response = await next();
        ended(base, startedAt, response);
        return response;
      } catch (error) {
        failed(base, startedAt, error);
        throw error;
      }
    },

    async *wrapStream({ request, model, next }) {
      const base = describe('stream', request, model);
      const startedAt = started(base);
      const events: ChatStreamEvent[] = [];
      try {
        for await (const event of next()) {
          // Deltas are kept only to rebuild the answer for the log line.
          events.push(event);
          if (event.type === 'error') {
            const usage = [...events].reverse().find((e) => e.type === 'usage');
            failed(base, startedAt, event.error, usage?.type === 'usage' ? usage.usage : undefined);
          }
          yield event;
        }
      } catch (error) {
        failed(base, startedAt, error);
        throw error;
      }
      const response = responseFromEvents(events);
      if (response) ended(base, startedAt, response);
    },
  };
}
