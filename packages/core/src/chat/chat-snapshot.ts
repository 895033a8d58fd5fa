import { ValidationError, type ValidationIssue } from '../errors/errors.js';
import { validateChatRequest } from '../prompt/validate-request.js';
import { isRecord, tryParseJson } from '../provider-utils/parse-json.js';
import type { Message } from '../types/messages.js';

/** A chat's state as plain JSON, from `chat.toJSON()`; give it to `restoreChat`. */
export interface ChatSnapshot {
  version: 1;
  system?: string;
  /** The whole conversation, system prompt excluded. */
  history: Message[];
  summary?: string;
  /** How many of the oldest `history` messages the summary covers. */
  summarizedCount: number;
  memory?: { type: 'window' | 'summary'; maxTokens: number };
}

function invalid(issues: ValidationIssue[]): never {
  const detail = issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new ValidationError(`Not a saved chat: ${detail.join('; ')}`, { issues });
}

/** Checks a saved chat (an object or its JSON text) field by field. */
export function parseChatSnapshot(input: unknown): ChatSnapshot {
  let value = input;
  if (typeof input === 'string') {
    const parsed = tryParseJson(input);
    if (!parsed.ok) invalid([{ path: [], message: `invalid JSON (${parsed.error})` }]);
    value = parsed.value;
  }
  if (!isRecord(value)) invalid([{ path: [], message: 'expected an object from chat.toJSON()' }]);
  const issues: ValidationIssue[] = [];
  if (value.version !== 1) {
    issues.push({ path: ['version'], message: `unsupported version ${String(value.version)}` });
  }
  if (value.system !== undefined && typeof value.system !== 'string') {
    issues.push({ path: ['system'], message: 'must be a string' });
  }
  if (value.summary !== undefined && typeof value.summary !== 'string') {
    issues.push({ path: ['summary'], message: 'must be a string' });
  }
  const history = value.history;
  if (!Array.isArray(history)) {
    issues.push({ path: ['history'], message: 'must be an array of messages' });
  } else if (history.length > 0) {
    try {
      validateChatRequest({ messages: history as Message[] });
    } catch (error) {
      if (!ValidationError.isInstance(error)) throw error;
      for (const issue of error.issues) {
        issues.push({ path: ['history', ...issue.path.slice(1)], message: issue.message });
      }
    }
    history.forEach((message: unknown, index) => {
      if (isRecord(message) && message.role === 'system') {
        issues.push({
          path: ['history', index, 'role'],
          message: 'the system prompt is kept apart',
        });
      }
    });
  }
  const count = value.summarizedCount;
  const length = Array.isArray(history) ? history.length : 0;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > length) {
    issues.push({ path: ['summarizedCount'], message: `must be an integer from 0 to ${length}` });
  }
  const memory = value.memory;
  if (
    memory !== undefined &&
    !(
      isRecord(memory) &&
      (memory.type === 'window' || memory.type === 'summary') &&
      typeof memory.maxTokens === 'number' &&
      Number.isInteger(memory.maxTokens) &&
      memory.maxTokens > 0
    )
  ) {
    issues.push({ path: ['memory'], message: 'must be { type: "window" | "summary", maxTokens }' });
  }
  if (issues.length > 0) invalid(issues);
  return value as unknown as ChatSnapshot;
}
