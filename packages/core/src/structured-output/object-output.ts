import type { ValidationIssue } from '../errors/errors.js';
import { isRecord } from '../provider-utils/parse-json.js';
import type { ChatResponse } from '../types/chat-model.js';
import type { Message } from '../types/messages.js';
import type { ToolCall } from '../types/tools.js';
import type { Usage } from '../types/usage.js';
import { extractJson } from './extract-json.js';
import type { ObjectPlan } from './object-request.js';
import { validateObject } from './object-schema.js';
import { dropNullOptionals } from './strict-json-schema.js';

/** What one round of the model answered, before validation. */
export interface RoundOutput {
  /** The raw output: the text, or the tool call's arguments. */
  text: string;
  /** The parsed JSON, when it parsed. */
  value?: unknown;
  /** Why there is no parsed JSON. */
  error?: string;
  /** The forced tool's call, in tool mode. */
  toolCall?: ToolCall;
}

/** The part of a response that holds the object. */
export function readRound(
  response: Pick<ChatResponse, 'text' | 'toolCalls'>,
  plan: ObjectPlan,
): RoundOutput {
  if (plan.mode === 'tool') {
    const call =
      response.toolCalls.find((candidate) => candidate.toolName === plan.toolName) ??
      response.toolCalls[0];
    if (call) {
      return call.inputError === undefined
        ? { text: call.inputText, value: call.input, toolCall: call }
        : { text: call.inputText, error: call.inputError, toolCall: call };
    }
    // A model that answered in text instead of calling the tool may still have sent JSON.
    const parsed = extractJson(response.text);
    return parsed.ok
      ? { text: response.text, value: parsed.value }
      : { text: response.text, error: `the model did not call the ${plan.toolName} tool` };
  }
  const parsed = extractJson(response.text);
  return parsed.ok
    ? { text: response.text, value: parsed.value }
    : { text: response.text, error: parsed.error };
}

/**
 * The answer as the user's schema sees it: strict-mode nulls of optional properties removed
 * and a wrapped root unwrapped. Also used on partial objects while streaming.
 */
export function toSchemaShape(value: unknown, plan: ObjectPlan): unknown {
  const restored =
    plan.mode === 'native' ? dropNullOptionals(value, plan.answerSchema, plan.answerSchema) : value;
  if (!plan.wrapped) return restored;
  return isRecord(restored) ? restored.value : undefined;
}

/** Parses and validates a round's output against the schema. */
export async function checkRound(
  output: RoundOutput,
  plan: ObjectPlan,
): Promise<{ ok: true; object: unknown } | { ok: false; issues: ValidationIssue[] }> {
  if (output.error !== undefined)
    return { ok: false, issues: [{ path: [], message: output.error }] };
  if (plan.wrapped && !(isRecord(output.value) && 'value' in output.value)) {
    return {
      ok: false,
      issues: [{ path: [], message: 'expected an object with the answer in its "value" property' }],
    };
  }
  const result = await validateObject(plan.schema, toSchemaShape(output.value, plan));
  return result.ok ? { ok: true, object: result.value } : result;
}

/** Issues as lines for a message, with paths as the model sees them. */
export function formatIssues(issues: ValidationIssue[], wrapped: boolean): string {
  return issues
    .map((issue) => {
      const path = wrapped && issue.path.length > 0 ? ['value', ...issue.path] : issue.path;
      return `- ${path.length === 0 ? '(root)' : path.join('.')}: ${issue.message}`;
    })
    .join('\n');
}

/**
 * The messages that show the model its answer and what was wrong with it, to append to the
 * conversation for the repair round.
 */
export function repairMessages(
  output: RoundOutput,
  issues: ValidationIssue[],
  plan: ObjectPlan,
): Message[] {
  const problems = formatIssues(issues, plan.wrapped);
  const call = output.toolCall;
  if (plan.mode === 'tool' && call) {
    return [
      {
        role: 'assistant',
        content: [
          {
            type: 'tool-call',
            toolCallId: call.toolCallId,
            toolName: call.toolName,
            // The provider needs an object here even when the arguments did not parse.
            input: isRecord(call.input) ? call.input : {},
          },
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: call.toolCallId,
            toolName: call.toolName,
            isError: true,
            output: `The input does not match the schema:\n${problems}\nCall ${plan.toolName} again with the complete, corrected input.`,
          },
        ],
      },
    ];
  }
  const instead = plan.mode === 'tool' ? `Call the ${plan.toolName} tool` : 'Answer again';
  return [
    { role: 'assistant', content: output.text === '' ? '(empty answer)' : output.text },
    {
      role: 'user',
      content: `Your answer does not match the required JSON schema:\n${problems}\n${instead} with the complete, corrected JSON object only.`,
    },
  ];
}

/** Usage of two calls together; a count neither call reported stays absent. */
export function addUsage(a: Usage, b: Usage): Usage {
  const sum: Usage = {};
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof Usage>;
  for (const key of keys) {
    if (a[key] === undefined && b[key] === undefined) continue;
    sum[key] = (a[key] ?? 0) + (b[key] ?? 0);
  }
  return sum;
}
