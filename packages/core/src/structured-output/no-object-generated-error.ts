import type { ValidationIssue } from '../errors/errors.js';
import { WeftError, type WeftErrorOptions } from '../errors/weft-error.js';
import type { ResponseMetadata } from '../types/chat-model.js';
import type { FinishReason, Usage } from '../types/usage.js';

export interface NoObjectGeneratedErrorOptions extends WeftErrorOptions {
  /** The model's raw output (text, or the tool call's arguments) of the last round. */
  text: string;
  /** Why the output was refused: not JSON, or the schema's validation issues. */
  issues: ValidationIssue[];
  /** Usage of every round together. */
  usage: Usage;
  finishReason?: FinishReason;
  response?: ResponseMetadata;
}

/**
 * The model did not produce an object that matches the schema, even after the repair
 * round. `text` holds its raw output and `issues` what was wrong with it.
 */
export class NoObjectGeneratedError extends WeftError {
  static override readonly errorName: string = 'NoObjectGeneratedError';
  readonly text: string;
  readonly issues: ValidationIssue[];
  readonly usage: Usage;
  readonly finishReason?: FinishReason;
  readonly response?: ResponseMetadata;

  constructor(message: string, options: NoObjectGeneratedErrorOptions) {
    super('no_object_generated', message, options);
    this.text = options.text;
    this.issues = options.issues;
    this.usage = options.usage;
    this.finishReason = options.finishReason;
    this.response = options.response;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      text: this.text,
      issues: this.issues,
      usage: this.usage,
      finishReason: this.finishReason,
    };
  }
}
