import { AbortError, ValidationError } from '../errors/errors.js';
import { defaultModelCatalog, type ModelCatalog } from '../models/model-catalog.js';
import type { ModelInfo } from '../models/model-info.js';
import { countMessageTokens } from '../tokens/index.js';
import type { ChatModel, ChatRequest } from '../types/chat-model.js';
import type { Message } from '../types/messages.js';
import type { ChatTool } from '../types/tools.js';

/** A prompt's token count, and whether it is exact. */
export interface PromptTokenCount {
  tokens: number;
  /** Who counted: the local tokenizer, or the provider's own counting endpoint. */
  source: 'local' | 'provider';
  /** Why the provider was asked but the count is local (the provider's error message). */
  providerError?: string;
  /**
   * True when the model has no public local tokenizer (Claude, Llama...): the count is then
   * OpenAI's o200k count of the same messages, usually within ~10-20% of the real one. Use
   * the provider's own counter (`model.countTokens`) where an exact number matters.
   */
  estimated: boolean;
}

// The model whose tokenizer and message overheads stand in for models without one.
const estimateModel = 'gpt-4o';

/**
 * Counts the prompt tokens of messages (and tool definitions) for a model, offline: exact
 * for OpenAI models, an o200k estimate otherwise (`estimated: true`).
 *
 * @example
 * const { tokens, estimated } = await countPromptTokens(messages, { model: 'claude-sonnet-4-5' });
 */
export async function countPromptTokens(
  messages: Message[],
  options: {
    model: string | ModelInfo | ChatModel;
    tools?: ChatTool[];
    catalog?: ModelCatalog;
    /**
     * With a `ChatModel` whose provider counts tokens (Anthropic), ask it for the exact
     * count; if that call fails, the local estimate is returned with `providerError`.
     */
    useProvider?: boolean;
    signal?: AbortSignal;
  },
): Promise<PromptTokenCount> {
  const { tools } = options;
  if (isChatModel(options.model)) {
    const chatModel = options.model;
    if (options.useProvider && chatModel.countTokens) {
      try {
        const request = tools ? { messages, tools } : { messages };
        const tokens = await chatModel.countTokens(request, { signal: options.signal });
        return { tokens, estimated: false, source: 'provider' };
      } catch (error) {
        if (AbortError.isInstance(error)) throw error;
        const local = await countPromptTokens(messages, { ...options, model: chatModel.modelId });
        return { ...local, providerError: error instanceof Error ? error.message : String(error) };
      }
    }
    return countPromptTokens(messages, { ...options, model: chatModel.modelId });
  }
  const { model } = options;
  const info =
    typeof model === 'string' ? (options.catalog ?? defaultModelCatalog).get(model) : model;
  const exactId = info ? (info.encoding ? info.id : undefined) : (model as string);
  if (exactId !== undefined) {
    try {
      return {
        tokens: await countMessageTokens(messages, { model: exactId, tools }),
        estimated: false,
        source: 'local',
      };
    } catch (error) {
      // An id the tokenizer does not know gets the estimate; anything else is a real error.
      if (!ValidationError.isInstance(error) || !/tokenizer|model/i.test(error.message))
        throw error;
    }
  }
  return {
    tokens: await countMessageTokens(messages, { model: estimateModel, tools }),
    estimated: true,
    source: 'local',
  };
}

/**
 * A budget's token counter: a request's messages and tools, counted by `countPromptTokens`.
 */
export async function countRequestTokens(
  request: ChatRequest,
  model: string | ModelInfo,
): Promise<number> {
  return (await countPromptTokens(request.messages, { model, tools: request.tools })).tokens;
}

function isChatModel(value: unknown): value is ChatModel {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ChatModel).generate === 'function'
  );
}
