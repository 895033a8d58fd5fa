import type { FinishReason } from '../types/usage.js';

/** Anthropic `stop_reason` -> Weft's finish reason. */
export function mapAnthropicStopReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
      return 'length';
    case 'tool_use':
      return 'tool-calls';
    case 'refusal':
      return 'content-filter';
    default:
      // `pause_turn`, `model_context_window_exceeded` and reasons added later.
      return 'other';
  }
}
