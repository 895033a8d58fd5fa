import { ValidationError, type ValidationIssue } from '../errors/errors.js';
import { isRecord } from '../provider-utils/parse-json.js';
import type { CallOptions, ChatRequest } from '../types/chat-model.js';
import type { Message } from '../types/messages.js';

/** The strictest tool-name rule among providers (OpenAI's). */
export const toolNamePattern = /^[a-zA-Z0-9_-]{1,64}$/;

const roles = new Set(['system', 'user', 'assistant', 'tool']);
const partsByRole: Record<string, Set<string>> = {
  user: new Set(['text', 'image']),
  assistant: new Set(['text', 'reasoning', 'tool-call']),
  tool: new Set(['tool-result']),
};

function checkPart(
  part: unknown,
  role: string,
  path: Array<string | number>,
  issues: ValidationIssue[],
) {
  if (!isRecord(part) || typeof part.type !== 'string') {
    issues.push({ path, message: 'a content part must be an object with a string `type`' });
    return;
  }
  if (!partsByRole[role]?.has(part.type)) {
    issues.push({
      path: [...path, 'type'],
      message: `a ${role} message cannot hold a "${part.type}" part`,
    });
    return;
  }
  switch (part.type) {
    case 'text':
    case 'reasoning':
      if (typeof part.text !== 'string')
        issues.push({ path: [...path, 'text'], message: 'must be a string' });
      break;
    case 'image':
      if (typeof part.url === 'string') break;
      if (typeof part.base64 === 'string' && typeof part.mediaType === 'string') break;
      issues.push({ path, message: 'an image needs `url`, or `base64` with `mediaType`' });
      break;
    case 'tool-call':
    case 'tool-result':
      if (typeof part.toolCallId !== 'string' || part.toolCallId === '') {
        issues.push({ path: [...path, 'toolCallId'], message: 'must be a non-empty string' });
      }
      if (typeof part.toolName !== 'string') {
        issues.push({ path: [...path, 'toolName'], message: 'must be a string' });
      }
      break;
  }
}

function checkMessages(messages: unknown, issues: ValidationIssue[]) {
  if (!Array.isArray(messages) || messages.length === 0) {
    issues.push({ path: ['messages'], message: 'at least one message is required' });
    return;
  }
  const knownCalls = new Set<string>();
  messages.forEach((message: unknown, index) => {
    const path = ['messages', index];
    if (!isRecord(message)) {
      issues.push({ path, message: 'a message must be an object' });
      return;
    }
    const { role, content } = message;
    if (typeof role !== 'string' || !roles.has(role)) {
      issues.push({
        path: [...path, 'role'],
        message: `unknown role ${JSON.stringify(role)}; expected system, user, assistant or tool`,
      });
      return;
    }
    if (role === 'system' || (typeof content === 'string' && role !== 'tool')) {
      if (typeof content !== 'string')
        issues.push({ path: [...path, 'content'], message: 'must be a string' });
      return;
    }
    if (!Array.isArray(content)) {
      issues.push({ path: [...path, 'content'], message: 'must be a string or an array of parts' });
      return;
    }
    content.forEach((part: unknown, partIndex) => {
      const partPath = [...path, 'content', partIndex];
      checkPart(part, role, partPath, issues);
      if (!isRecord(part) || typeof part.toolCallId !== 'string') return;
      if (part.type === 'tool-call') knownCalls.add(part.toolCallId);
      if (part.type === 'tool-result' && !knownCalls.has(part.toolCallId)) {
        issues.push({
          path: [...partPath, 'toolCallId'],
          message: `tool result for "${part.toolCallId}" has no matching tool call in an earlier assistant message`,
        });
      }
    });
  });
}

function checkNumber(
  value: unknown,
  name: string,
  issues: ValidationIssue[],
  rule: { min?: number; max?: number; integer?: boolean },
) {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    issues.push({ path: [name], message: `must be a finite number, got ${String(value)}` });
  } else if (rule.integer && !Number.isInteger(value)) {
    issues.push({ path: [name], message: `must be an integer, got ${value}` });
  } else if (rule.min !== undefined && value < rule.min) {
    issues.push({ path: [name], message: `must be at least ${rule.min}, got ${value}` });
  } else if (rule.max !== undefined && value > rule.max) {
    issues.push({ path: [name], message: `must be at most ${rule.max}, got ${value}` });
  }
}

function checkTools(request: ChatRequest, issues: ValidationIssue[]) {
  const names = new Set<string>();
  (request.tools ?? []).forEach((tool, index) => {
    if (!isRecord(tool) || typeof tool.name !== 'string' || !toolNamePattern.test(tool.name)) {
      issues.push({
        path: ['tools', index, 'name'],
        message: `tool name ${JSON.stringify(isRecord(tool) ? tool.name : tool)} must match ${toolNamePattern}`,
      });
      return;
    }
    if (names.has(tool.name)) {
      issues.push({
        path: ['tools', index, 'name'],
        message: `duplicate tool name "${tool.name}"`,
      });
    }
    names.add(tool.name);
    if (!isRecord(tool.inputSchema)) {
      issues.push({
        path: ['tools', index, 'inputSchema'],
        message: 'must be a JSON Schema object',
      });
    }
  });
  const choice = request.toolChoice;
  if (typeof choice === 'object' && choice !== null && !names.has(choice.toolName)) {
    issues.push({
      path: ['toolChoice'],
      message: `toolChoice names "${choice.toolName}", which is not among the tools`,
    });
  }
}

/** Throws a `ValidationError` listing every problem in a request; sends nothing. */
export function validateChatRequest(request: ChatRequest): void {
  const issues: ValidationIssue[] = [];
  checkMessages(request.messages as unknown, issues);
  checkTools(request, issues);
  checkNumber(request.temperature, 'temperature', issues, { min: 0 });
  checkNumber(request.topP, 'topP', issues, { min: 0, max: 1 });
  checkNumber(request.maxOutputTokens, 'maxOutputTokens', issues, { min: 1, integer: true });
  checkNumber(request.seed, 'seed', issues, { integer: true });
  if (
    request.stopSequences !== undefined &&
    (!Array.isArray(request.stopSequences) ||
      request.stopSequences.some((s) => typeof s !== 'string'))
  ) {
    issues.push({ path: ['stopSequences'], message: 'must be an array of strings' });
  }
  throwIfIssues(issues, 'Invalid chat request');
}

/** Throws a `ValidationError` for bad call options (`maxRetries`, `timeout`). */
export function validateCallOptions(options: CallOptions): void {
  const issues: ValidationIssue[] = [];
  checkNumber(options.maxRetries, 'maxRetries', issues, { min: 0, integer: true });
  checkNumber(options.timeout, 'timeout', issues, { min: 1 });
  throwIfIssues(issues, 'Invalid call options');
}

function throwIfIssues(issues: ValidationIssue[], title: string): void {
  if (issues.length === 0) return;
  const lines = issues.map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new ValidationError(`${title}:\n${lines.join('\n')}`, { issues });
}

/** Narrowing helper for code that has validated messages. */
export function isMessage(value: unknown): value is Message {
  return isRecord(value) && typeof value.role === 'string' && roles.has(value.role);
}
