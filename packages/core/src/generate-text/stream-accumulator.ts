import { ProviderError } from '../errors/errors.js';
import type { WeftError } from '../errors/weft-error.js';
import type { ChatStreamEvent, ResponsePart, Warning } from '../types/chat-model.js';
import type { ToolCall } from '../types/tools.js';
import type { Usage } from '../types/usage.js';
import { ContentCollector } from './content-collector.js';
import { toStreamError } from './deferred.js';

type FinishEvent = Extract<ChatStreamEvent, { type: 'finish' }>;

/**
 * Adds up a model stream's events into the response they describe: text, reasoning,
 * ordered content, tool calls, usage, warnings, the finish event, or the failure.
 */
export class StreamAccumulator {
  text = '';
  reasoning = '';
  readonly toolCalls: ToolCall[] = [];
  usage: Usage = {};
  warnings: Warning[] = [];
  finish: FinishEvent | undefined;
  failure: WeftError | undefined;
  private readonly parts = new ContentCollector();

  add(event: ChatStreamEvent): void {
    switch (event.type) {
      case 'start':
        this.warnings = event.warnings;
        break;
      case 'text-delta':
        this.text += event.delta;
        this.parts.text(event.delta);
        break;
      case 'reasoning-delta':
        this.reasoning += event.delta;
        this.parts.reasoning(event.delta, event.signature);
        break;
      case 'tool-call': {
        const { type: _type, ...call } = event;
        this.toolCalls.push(call);
        this.parts.toolCall(call);
        break;
      }
      case 'usage':
        this.usage = event.usage;
        break;
      case 'finish':
        this.finish = event;
        this.usage = event.usage;
        break;
      case 'error':
        this.failure = event.error;
        break;
    }
  }

  /** Every part in the order the model produced it. */
  get content(): ResponsePart[] {
    return this.parts.parts;
  }

  /**
   * Closes the stream, given what the reading threw (if it threw): that error, or a stream
   * that ended without its finish event, becomes the failure. Returns the failure, if any.
   */
  end(
    outcome: { threw: false } | { threw: true; error: unknown } = { threw: false },
  ): WeftError | undefined {
    if (outcome.threw) this.failure = toStreamError(outcome.error);
    if (!this.failure && !this.finish) {
      this.failure = new ProviderError('The model stream ended without a finish event.', {
        code: 'stream_incomplete',
      });
    }
    return this.failure;
  }
}
