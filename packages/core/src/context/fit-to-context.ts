import { ContextLengthError, ValidationError } from '../errors/errors.js';
import { defaultModelCatalog, type ModelCatalog } from '../models/model-catalog.js';
import type { ModelInfo } from '../models/model-info.js';
import type { ChatModel } from '../types/chat-model.js';
import type { Message } from '../types/messages.js';
import { countPromptTokens } from './count-prompt-tokens.js';
import { truncatableLength, truncateText } from './truncate-message.js';
import { groupTurns, keepAfterDropping } from './turn-groups.js';

/** Counts the prompt tokens of a list of messages. */
export type MessageTokenCounter = (messages: Message[]) => number | Promise<number>;

export interface FitToContextOptions {
  /** The model whose window and tokenizer apply: an id, a catalog entry or a ChatModel. */
  model: string | ModelInfo | ChatModel;
  /** The window to fit into; the model's context window by default. */
  maxTokens?: number;
  /** Tokens left free for the reply. Default 0. */
  reserveOutputTokens?: number;
  /**
   * Counts the messages' prompt tokens. Default: `countPromptTokens` (exact for OpenAI
   * models, an o200k estimate for others).
   */
  countMessageTokens?: MessageTokenCounter;
  /**
   * When the system prompt and the last user turn alone do not fit: cut the text of the last
   * user message (keeping its start) instead of throwing `ContextLengthError`.
   */
  truncate?: boolean;
  catalog?: ModelCatalog;
}

export interface FitToContextResult {
  messages: Message[];
  /** How many messages were dropped (whole turns, oldest first). */
  droppedCount: number;
  /** True when a message's text was cut. */
  truncated: boolean;
  /** The prompt tokens of `messages`, as the counter counts them. */
  tokens: number;
  /** True when the count is an estimate (no exact local tokenizer for the model). */
  estimated: boolean;
}

function checkCount(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new ValidationError(`${name} must be an integer >= 0, got ${String(value)}.`, {
      issues: [{ path: [name], message: 'must be an integer >= 0' }],
    });
  }
  return value;
}

function modelIdOf(model: FitToContextOptions['model']): string {
  if (typeof model === 'string') return model;
  return 'modelId' in model ? model.modelId : model.id;
}

function infoOf(options: FitToContextOptions): ModelInfo | undefined {
  const { model } = options;
  if (typeof model === 'object' && 'pricing' in model) return model;
  return (options.catalog ?? defaultModelCatalog).get(modelIdOf(model));
}

/**
 * Fits a conversation into a token budget: drops the oldest turns (a user message with its
 * replies and tool results, so no tool result loses its call) and always keeps the system
 * messages and the last user turn. If those alone do not fit, throws `ContextLengthError`
 * naming the numbers, or with `truncate: true` cuts the last user message's text.
 *
 * @example
 * const { messages } = await fitToContext(history, { model: 'gpt-4o', maxTokens: 8000, reserveOutputTokens: 1000 });
 */
export async function fitToContext(
  messages: Message[],
  options: FitToContextOptions,
): Promise<FitToContextResult> {
  if (!Array.isArray(messages) || messages.length === 0) {
    throw new ValidationError('fitToContext needs at least one message.', {
      issues: [{ path: ['messages'], message: 'at least one message is required' }],
    });
  }
  if (!options?.model) {
    throw new ValidationError('fitToContext needs a `model` (an id such as "gpt-4o").', {
      issues: [{ path: ['model'], message: 'required' }],
    });
  }
  const info = infoOf(options);
  const modelId = modelIdOf(options.model);
  const maxTokens = checkCount(options.maxTokens, 'maxTokens') ?? info?.contextWindow;
  if (maxTokens === undefined) {
    throw new ValidationError(
      `The context window of "${modelId}" is unknown: pass maxTokens, or add the model with createModelCatalog.`,
      { issues: [{ path: ['maxTokens'], message: 'required for a model outside the catalog' }] },
    );
  }
  const reserve = checkCount(options.reserveOutputTokens, 'reserveOutputTokens') ?? 0;
  const budget = maxTokens - reserve;

  let estimated = false;
  const count: (list: Message[]) => Promise<number> = options.countMessageTokens
    ? async (list) => options.countMessageTokens!(list)
    : async (list) => {
        const result = await countPromptTokens(list, { model: info ?? modelId });
        estimated ||= result.estimated;
        return result.tokens;
      };

  const groups = groupTurns(messages);
  const all = await count(messages);
  if (all <= budget) {
    return { messages: [...messages], droppedCount: 0, truncated: false, tokens: all, estimated };
  }
  const total = groups.turns.length;
  const minimal = keepAfterDropping(messages, groups, total);
  const minimalTokens = await count(minimal);
  if (minimalTokens > budget) {
    return truncateOrThrow(minimal, messages.length - minimal.length, minimalTokens, {
      budget,
      maxTokens,
      reserve,
      count,
      truncate: options.truncate === true,
      estimated: () => estimated,
    });
  }
  // Fewest turns to drop: the count falls as turns go, so a binary search finds it.
  let low = 1;
  let high = total;
  let best = { messages: minimal, tokens: minimalTokens };
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    const kept = keepAfterDropping(messages, groups, middle);
    const tokens = await count(kept);
    if (tokens <= budget) {
      high = middle;
      best = { messages: kept, tokens };
    } else {
      low = middle + 1;
    }
  }
  // `best` always holds the kept messages for `high`, which is now the fewest drops.
  return {
    messages: best.messages,
    droppedCount: messages.length - best.messages.length,
    truncated: false,
    tokens: best.tokens,
    estimated,
  };
}

interface TruncateContext {
  budget: number;
  maxTokens: number;
  reserve: number;
  count: (list: Message[]) => Promise<number>;
  truncate: boolean;
  estimated: () => boolean;
}

async function truncateOrThrow(
  kept: Message[],
  droppedCount: number,
  tokens: number,
  context: TruncateContext,
): Promise<FitToContextResult> {
  const { budget, maxTokens, reserve, count } = context;
  const tooLong = () =>
    new ContextLengthError(
      `The system prompt and the last user turn need ${tokens} tokens, but the budget is ${budget} (maxTokens ${maxTokens} - reserveOutputTokens ${reserve}). Shorten them${context.truncate ? '' : ', or pass truncate: true to cut the last user message'}.`,
    );
  const target = kept.findIndex((message) => message.role === 'user');
  if (!context.truncate || target === -1) throw tooLong();
  const message = kept[target]!;
  const length = truncatableLength(message);
  const withCut = (keep: number) => kept.map((m, i) => (i === target ? truncateText(m, keep) : m));
  const emptiest = withCut(0);
  if ((await count(emptiest)) > budget) throw tooLong();
  // The longest prefix that fits.
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if ((await count(withCut(middle))) <= budget) low = middle;
    else high = middle - 1;
  }
  const messages = withCut(low);
  return {
    messages,
    droppedCount,
    truncated: true,
    tokens: await count(messages),
    estimated: context.estimated(),
  };
}
