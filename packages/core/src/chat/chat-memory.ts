import { fitToContext, type MessageTokenCounter } from '../context/fit-to-context.js';
import { ValidationError } from '../errors/errors.js';
import type { CallOptions, ChatModel } from '../types/chat-model.js';
import type { Message } from '../types/messages.js';

/**
 * How a chat keeps its prompt within a token budget.
 * - `window`: send the newest turns that fit in `maxTokens` (older ones stay in `history`,
 *   but are not sent).
 * - `summary`: when over `maxTokens`, ask a model (`summarizer`, else the chat's model) to
 *   fold the oldest turns into a running summary, sent as a system note.
 */
export type ChatMemory =
  | { type: 'window'; maxTokens: number; countMessageTokens?: MessageTokenCounter }
  | {
      type: 'summary';
      maxTokens: number;
      summarizer?: ChatModel;
      countMessageTokens?: MessageTokenCounter;
    };

/** The mutable state a chat's memory works on. */
export interface MemoryState {
  /** Of `history`, how many (oldest) messages the summary covers; they are not sent. */
  summarizedCount: number;
  summary?: string;
}

/** Validates a memory policy; throws `ValidationError` naming the bad field. */
export function checkMemory(memory: unknown): ChatMemory | undefined {
  if (memory === undefined) return undefined;
  const record = memory as Partial<ChatMemory> | null;
  if (record?.type !== 'window' && record?.type !== 'summary') {
    throw new ValidationError('memory.type must be "window" or "summary".', {
      issues: [{ path: ['memory', 'type'], message: 'expected "window" or "summary"' }],
    });
  }
  const max = record.maxTokens;
  if (typeof max !== 'number' || !Number.isInteger(max) || max <= 0) {
    throw new ValidationError(`memory.maxTokens must be a positive integer, got ${String(max)}.`, {
      issues: [{ path: ['memory', 'maxTokens'], message: 'must be a positive integer' }],
    });
  }
  return record as ChatMemory;
}

export const summaryNotePrefix = 'Summary of the earlier conversation:\n';

const summarizerInstructions =
  'You condense conversations. Write a concise summary of the conversation below, keeping ' +
  'facts, names, numbers, decisions and open questions the assistant needs to continue it. ' +
  'If a previous summary is given, merge it in. Reply with the summary only.';

function partText(part: {
  type: string;
  text?: string;
  toolName?: string;
  input?: unknown;
  output?: unknown;
}): string {
  if (part.type === 'text') return part.text ?? '';
  if (part.type === 'tool-call')
    return `[called ${part.toolName} with ${JSON.stringify(part.input)}]`;
  if (part.type === 'tool-result')
    return `[${part.toolName} returned ${JSON.stringify(part.output)}]`;
  if (part.type === 'image') return '[image]';
  return '';
}

/** A plain-text transcript, for the summarizer. */
export function transcript(messages: readonly Message[]): string {
  return messages
    .map((message) => {
      const text =
        typeof message.content === 'string'
          ? message.content
          : message.content.map((part) => partText(part)).join(' ');
      return `${message.role}: ${text}`;
    })
    .join('\n');
}

export interface PrepareOptions {
  model: ChatModel;
  memory?: ChatMemory;
  system?: string;
  history: readonly Message[];
  state: MemoryState;
  input: Message;
  callOptions?: CallOptions;
}

function contextOf(options: PrepareOptions): Message[] {
  const { system, history, state, input } = options;
  const messages: Message[] = [];
  if (system !== undefined) messages.push({ role: 'system', content: system });
  if (state.summary) messages.push({ role: 'system', content: summaryNotePrefix + state.summary });
  messages.push(...history.slice(state.summarizedCount), input);
  return messages;
}

/**
 * The messages to send for the next turn, under the chat's memory policy. A summary policy
 * updates `state` (the summary and what it covers) when it summarises.
 */
export async function prepareMessages(options: PrepareOptions): Promise<Message[]> {
  const { memory, model } = options;
  const context = contextOf(options);
  if (!memory) return context;
  const fit = (messages: Message[]) =>
    fitToContext(messages, {
      model: model.modelId,
      maxTokens: memory.maxTokens,
      countMessageTokens: memory.countMessageTokens,
    });
  const fitted = await fit(context);
  if (memory.type === 'window' || fitted.droppedCount === 0) return fitted.messages;

  // The dropped turns are the oldest unsummarised messages: fold them into the summary.
  const { state, history } = options;
  const folded = history.slice(state.summarizedCount, state.summarizedCount + fitted.droppedCount);
  const previous = state.summary ? `Previous summary:\n${state.summary}\n\n` : '';
  const response = await (memory.summarizer ?? model).generate(
    {
      messages: [
        { role: 'system', content: summarizerInstructions },
        { role: 'user', content: `${previous}Conversation:\n${transcript(folded)}` },
      ],
    },
    options.callOptions,
  );
  state.summary = response.text.trim();
  state.summarizedCount += folded.length;
  // A long summary could itself overflow: the window policy is the backstop.
  return (await fit(contextOf(options))).messages;
}
