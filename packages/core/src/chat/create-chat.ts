import { ValidationError } from '../errors/errors.js';
import type { TextCallOptions } from '../generate-text/build-request.js';
import { type GenerateTextResult, generateText } from '../generate-text/generate-text.js';
import { type StreamTextResult, streamText } from '../generate-text/stream-text.js';
import type { ChatModel, ResponsePart } from '../types/chat-model.js';
import type { AssistantMessage, Message, ToolMessage, UserMessage } from '../types/messages.js';
import { type ChatMemory, checkMemory, type MemoryState, prepareMessages } from './chat-memory.js';
import { type ChatSnapshot, parseChatSnapshot } from './chat-snapshot.js';

/** Settings and call options for one turn; they override the chat's own. */
export type ChatTurnOptions = Omit<TextCallOptions, 'model' | 'system' | 'prompt' | 'messages'>;

export interface CreateChatOptions extends ChatTurnOptions {
  model: ChatModel;
  /** The system prompt, sent first on every turn. */
  system?: string;
  /** Keeps each turn's prompt within a token budget; without it, everything is sent. */
  memory?: ChatMemory;
  /** A conversation to continue (system prompt excluded). */
  history?: Message[];
}

/** What a turn sends: text, a user message (images...), or tool results. */
export type ChatInput = string | UserMessage | ToolMessage;

/** A multi-turn conversation with a model. */
export interface Chat {
  /** The whole conversation so far, oldest first (system prompt excluded). */
  readonly history: readonly Message[];
  /** The running summary of older turns (summary memory), if any. */
  readonly summary: string | undefined;
  /** Sends a turn; the history gains it and the reply once the reply has arrived. */
  send(input: ChatInput, options?: ChatTurnOptions): Promise<GenerateTextResult>;
  /** Streams a turn; the history gains it when the stream completes, never on failure. */
  stream(input: ChatInput, options?: ChatTurnOptions): StreamTextResult;
  /** Forgets the conversation (and its summary); the system prompt stays. */
  clear(): void;
  /** The chat's state as plain JSON, for `restoreChat`. */
  toJSON(): ChatSnapshot;
}

function toMessage(input: ChatInput): UserMessage | ToolMessage {
  if (typeof input === 'string') return { role: 'user', content: input };
  if (input && (input.role === 'user' || input.role === 'tool')) return input;
  throw new ValidationError('A chat turn is a string, a user message or a tool message.', {
    issues: [{ path: ['input'], message: 'expected a string or a user/tool message' }],
  });
}

function assistantMessage(content: ResponsePart[]): AssistantMessage {
  const [only] = content;
  if (content.length === 1 && only?.type === 'text')
    return { role: 'assistant', content: only.text };
  if (content.length === 0) return { role: 'assistant', content: '' };
  return { role: 'assistant', content: content.map((part) => ({ ...part })) };
}

/**
 * A chat session: `send` or `stream` turns, the history kept for you, an optional memory
 * policy (a token window, or a running summary), and `toJSON`/`restoreChat` to save and
 * resume. Turns run one at a time, in the order they were sent.
 *
 * @example
 * const chat = createChat({ model, system: 'Be brief.', memory: { type: 'window', maxTokens: 4000 } });
 * await chat.send('My name is Ada.');
 * (await chat.send('What is my name?')).text;
 */
export function createChat(options: CreateChatOptions): Chat {
  return buildChat(options, { summarizedCount: 0 });
}

function buildChat(options: CreateChatOptions, state: MemoryState): Chat {
  const { model, system, memory: rawMemory, history: initial, ...settings } = options ?? {};
  if (!model || typeof model.generate !== 'function' || typeof model.stream !== 'function') {
    throw new ValidationError('createChat needs a `model` (a ChatModel).', {
      issues: [{ path: ['model'], message: 'required ChatModel' }],
    });
  }
  if (system !== undefined && typeof system !== 'string') {
    throw new ValidationError('`system` must be a string.', {
      issues: [{ path: ['system'], message: 'must be a string' }],
    });
  }
  const memory = checkMemory(rawMemory);
  const start = parseChatSnapshot({
    version: 1,
    history: initial ?? [],
    summarizedCount: state.summarizedCount,
  });
  let history: Message[] = [...start.history];
  // Each turn waits for the one before, so that history stays in order.
  let queue: Promise<unknown> = Promise.resolve();

  const prepare = (input: Message, callOptions: ChatTurnOptions) =>
    prepareMessages({ model, memory, system, history, state, input, callOptions });
  const commit = (input: Message, content: ResponsePart[]) => {
    history = [...history, input, assistantMessage(content)];
  };

  return {
    get history() {
      return history;
    },
    get summary() {
      return state.summary;
    },
    send(input, turn = {}) {
      const message = toMessage(input);
      const run = queue.then(async () => {
        const messages = await prepare(message, turn);
        const result = await generateText({ ...settings, ...turn, model, messages });
        commit(message, result.content);
        return result;
      });
      queue = run.catch(() => {});
      return run;
    },
    stream(input, turn = {}) {
      const message = toMessage(input);
      const previous = queue;
      // Prepares the prompt (memory, summary) when the stream starts, after earlier turns.
      const preparedModel: ChatModel = {
        provider: model.provider,
        modelId: model.modelId,
        capabilities: model.capabilities,
        generate: (request, callOptions) => model.generate(request, callOptions),
        async *stream(request, callOptions) {
          await previous;
          const messages = await prepare(message, { ...turn, ...callOptions });
          yield* model.stream({ ...request, messages }, callOptions);
        },
      };
      // The placeholder messages are only checked here; the prepared ones are sent.
      const result = streamText({
        ...settings,
        ...turn,
        model: preparedModel,
        messages: [...history.slice(state.summarizedCount), message],
      });
      // `text` settles on success and on failure (`content` does not reject on failure).
      queue = result.text.then(
        async () => commit(message, await result.content),
        () => {},
      );
      return result;
    },
    clear() {
      history = [];
      state.summarizedCount = 0;
      state.summary = undefined;
    },
    toJSON() {
      return {
        version: 1,
        ...(system === undefined ? {} : { system }),
        history: structuredClone(history),
        ...(state.summary === undefined ? {} : { summary: state.summary }),
        summarizedCount: state.summarizedCount,
        ...(memory ? { memory: { type: memory.type, maxTokens: memory.maxTokens } } : {}),
      };
    },
  };
}

/**
 * Resumes a chat saved with `chat.toJSON()` (an object, or its JSON text). The input is
 * checked field by field; a bad one throws a `ValidationError`. The system prompt and the
 * memory policy come from the save unless `options` gives them.
 *
 * @example
 * const chat = restoreChat(JSON.parse(saved), { model });
 */
export function restoreChat(saved: unknown, options: Omit<CreateChatOptions, 'history'>): Chat {
  const snapshot = parseChatSnapshot(saved);
  const memory =
    options.memory ??
    (snapshot.memory?.type === 'window'
      ? { type: 'window' as const, maxTokens: snapshot.memory.maxTokens }
      : snapshot.memory?.type === 'summary'
        ? { type: 'summary' as const, maxTokens: snapshot.memory.maxTokens }
        : undefined);
  return buildChat(
    {
      ...options,
      ...(options.system === undefined && snapshot.system !== undefined
        ? { system: snapshot.system }
        : {}),
      ...(memory ? { memory } : {}),
      history: snapshot.history,
    },
    {
      summarizedCount: snapshot.summarizedCount,
      ...(snapshot.summary === undefined ? {} : { summary: snapshot.summary }),
    },
  );
}
