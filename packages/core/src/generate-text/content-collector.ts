import type { ResponsePart } from '../types/chat-model.js';
import type { ToolCall } from '../types/tools.js';

/**
 * Builds a response's ordered parts from stream deltas: consecutive text deltas make one
 * text part, consecutive reasoning deltas one reasoning part (with its signature).
 */
export class ContentCollector {
  readonly parts: ResponsePart[] = [];

  text(delta: string): void {
    const last = this.parts.at(-1);
    if (last?.type === 'text') last.text += delta;
    else if (delta !== '') this.parts.push({ type: 'text', text: delta });
  }

  reasoning(delta: string, signature?: string): void {
    let last = this.parts.at(-1);
    if (last?.type !== 'reasoning' || last.signature !== undefined) {
      last = { type: 'reasoning', text: '' };
      this.parts.push(last);
    }
    last.text += delta;
    if (signature !== undefined) last.signature = signature;
  }

  toolCall(call: ToolCall): void {
    this.parts.push({
      type: 'tool-call',
      toolCallId: call.toolCallId,
      toolName: call.toolName,
      input: call.input,
    });
  }
}
