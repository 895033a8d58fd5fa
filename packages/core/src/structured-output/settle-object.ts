import type { ValidationIssue } from '../errors/errors.js';
import type {
  CallOptions,
  ChatModel,
  ChatRequest,
  ChatResponse,
  ResponseMetadata,
  Warning,
} from '../types/chat-model.js';
import type { FinishReason, Usage } from '../types/usage.js';
import { NoObjectGeneratedError } from './no-object-generated-error.js';
import { addUsage, checkRound, formatIssues, readRound, repairMessages } from './object-output.js';
import type { ObjectPlan } from './object-request.js';

/** One round's answer, from `generate` or gathered from a stream. */
export type RoundResponse = Pick<
  ChatResponse,
  'text' | 'toolCalls' | 'finishReason' | 'usage' | 'warnings' | 'response'
>;

export interface SettledObject {
  object: unknown;
  /** The raw output of the round that produced the object. */
  text: string;
  usage: Usage;
  finishReason: FinishReason;
  warnings: Warning[];
  response: ResponseMetadata;
  repaired: boolean;
}

/**
 * Answers cut by the output limit or stopped by a content filter are not repaired: the
 * repair round would hit the same limit or filter, at the cost of another call.
 */
function repairable(finishReason: FinishReason): boolean {
  return finishReason !== 'length' && finishReason !== 'content-filter';
}

function failure(
  issues: ValidationIssue[],
  round: RoundResponse,
  text: string,
  usage: Usage,
  plan: ObjectPlan,
  repaired: boolean,
): NoObjectGeneratedError {
  const why =
    round.finishReason === 'length'
      ? ' The answer was cut off by the output limit (finish reason "length"); raise maxOutputTokens.'
      : round.finishReason === 'content-filter'
        ? ' The answer was stopped by the content filter.'
        : '';
  const after = repaired ? ', even after a repair round' : '';
  return new NoObjectGeneratedError(
    `The model did not produce an object that matches the schema${after}:\n${formatIssues(issues, plan.wrapped)}${why}`,
    { text, issues, usage, finishReason: round.finishReason, response: round.response },
  );
}

/**
 * Validates the first round's answer; when it fails, runs the one repair round (a
 * non-streamed call that shows the model its answer and the issues) and validates that.
 * Throws `NoObjectGeneratedError` when no valid object came out.
 */
export async function settleObject(args: {
  model: ChatModel;
  plan: ObjectPlan;
  request: ChatRequest;
  callOptions: CallOptions;
  first: RoundResponse;
}): Promise<SettledObject> {
  const { model, plan, request, callOptions, first } = args;
  const firstOutput = readRound(first, plan);
  const firstCheck = await checkRound(firstOutput, plan);
  const warnings = [...plan.warnings, ...first.warnings];
  if (firstCheck.ok) {
    return {
      object: firstCheck.object,
      text: firstOutput.text,
      usage: first.usage,
      finishReason: first.finishReason,
      warnings,
      response: first.response,
      repaired: false,
    };
  }
  if (!plan.repair || !repairable(first.finishReason)) {
    throw failure(firstCheck.issues, first, firstOutput.text, first.usage, plan, false);
  }
  const second = await model.generate(
    {
      ...request,
      messages: [...request.messages, ...repairMessages(firstOutput, firstCheck.issues, plan)],
    },
    callOptions,
  );
  const usage = addUsage(first.usage, second.usage);
  const secondOutput = readRound(second, plan);
  const secondCheck = await checkRound(secondOutput, plan);
  if (!secondCheck.ok) {
    throw failure(secondCheck.issues, second, secondOutput.text, usage, plan, true);
  }
  return {
    object: secondCheck.object,
    text: secondOutput.text,
    usage,
    finishReason: second.finishReason,
    warnings: [...warnings, ...second.warnings],
    response: second.response,
    repaired: true,
  };
}
