import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Warning } from '../types/chat-model.js';
import type { Message } from '../types/messages.js';
import { toAnthropicPrompt } from './convert-messages.js';

function convert(messages: Message[]) {
  const warnings: Warning[] = [];
  return { ...toAnthropicPrompt(messages, warnings), warnings };
}

const weatherCall = {
  type: 'tool-call',
  toolCallId: 'toolu_1',
  toolName: 'get_weather',
  input: { city: 'Paris' },
} as const;
const weatherResult = {
  type: 'tool-result',
  toolCallId: 'toolu_1',
  toolName: 'get_weather',
  output: 'sunny',
} as const;

describe('toAnthropicPrompt', () => {
  it('hoists leading system messages silently and warns about one that comes later', () => {
    const { system, messages, warnings } = convert([
      { role: 'system', content: 'Be brief.' },
      { role: 'system', content: 'Be kind.' },
      { role: 'user', content: 'Hi' },
      { role: 'system', content: 'Use French.' },
    ]);
    expect(system).toBe('Be brief.\n\nBe kind.\n\nUse French.');
    expect(messages).toEqual([{ role: 'user', content: 'Hi' }]);
    expect(warnings).toEqual([
      { type: 'other', message: expect.stringContaining('index 3 was moved') },
    ]);
  });

  it('merges consecutive assistant messages into one turn', () => {
    const { messages } = convert([
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello.' },
      { role: 'assistant', content: [weatherCall] },
    ]);
    expect(messages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'text', text: 'Hello.' },
        { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
      ],
    });
  });

  it('puts tool results first in a merged user turn, as Anthropic requires', () => {
    const { messages } = convert([
      { role: 'user', content: 'Weather?' },
      { role: 'assistant', content: [weatherCall] },
      { role: 'user', content: 'Also, hurry.' },
      { role: 'tool', content: [{ ...weatherResult, output: { sky: 'clear' }, isError: false }] },
    ]);
    expect(messages[2]).toEqual({
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'toolu_1', content: '{"sky":"clear"}' },
        { type: 'text', text: 'Also, hurry.' },
      ],
    });
  });

  it('sends signed reasoning back as thinking and drops unsigned reasoning with one warning', () => {
    const { messages, warnings } = convert([
      { role: 'user', content: 'Hi' },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Greet back.', signature: 'sig-1' },
          { type: 'reasoning', text: 'From another provider.' },
          { type: 'reasoning', text: 'Also unsigned.' },
          { type: 'text', text: 'Hello!' },
        ],
      },
    ]);
    expect(messages[1]?.content).toEqual([
      { type: 'thinking', thinking: 'Greet back.', signature: 'sig-1' },
      { type: 'text', text: 'Hello!' },
    ]);
    expect(warnings).toEqual([
      { type: 'unsupported-content', message: expect.stringContaining('without a signature') },
    ]);
  });

  it('sends {} for a tool call without parsed input, and warns when the input is not an object', () => {
    const { messages, warnings } = convert([
      { role: 'user', content: 'Go' },
      {
        role: 'assistant',
        content: [
          { ...weatherCall, toolCallId: 'toolu_a', input: undefined },
          { ...weatherCall, toolCallId: 'toolu_b', input: ['not', 'an', 'object'] },
        ],
      },
    ]);
    expect(messages[1]?.content).toEqual([
      { type: 'tool_use', id: 'toolu_a', name: 'get_weather', input: {} },
      { type: 'tool_use', id: 'toolu_b', name: 'get_weather', input: {} },
    ]);
    expect(warnings).toEqual([
      { type: 'unsupported-content', message: expect.stringContaining('toolu_b') },
    ]);
  });

  it('leaves out empty text and messages left empty, with a warning for each such message', () => {
    const { messages, warnings } = convert([
      { role: 'user', content: '' },
      {
        role: 'user',
        content: [
          { type: 'text', text: '' },
          { type: 'text', text: 'Hi' },
        ],
      },
    ]);
    expect(messages).toEqual([{ role: 'user', content: 'Hi' }]);
    expect(warnings).toEqual([{ type: 'other', message: expect.stringContaining('index 0') }]);
  });

  it('warns that message names are not sent', () => {
    const { messages, warnings } = convert([{ role: 'user', content: 'Hi', name: 'ada' }]);
    expect(messages).toEqual([{ role: 'user', content: 'Hi' }]);
    expect(warnings).toEqual([expect.objectContaining({ setting: 'name' })]);
  });

  it('reads the media type of a data: URL, falling back to the part, and refuses non-base64 ones', () => {
    const { messages, warnings } = convert([
      {
        role: 'user',
        content: [
          { type: 'image', url: 'data:;base64,R0lGOD', mediaType: 'image/gif' },
          { type: 'image', url: 'DATA:image/webp;charset=x;BASE64,UklGR' },
          { type: 'image', url: 'data:image/svg+xml,%3Csvg%3E' },
        ],
      },
    ]);
    expect(messages[0]?.content).toEqual([
      { type: 'image', source: { type: 'base64', media_type: 'image/gif', data: 'R0lGOD' } },
      { type: 'image', source: { type: 'base64', media_type: 'image/webp', data: 'UklGR' } },
    ]);
    expect(warnings).toEqual([
      { type: 'unsupported-content', message: expect.stringContaining('not base64-encoded') },
    ]);
  });

  it('always produces alternating turns, whatever the order of roles', () => {
    const message = fc.constantFrom<Message>(
      { role: 'user', content: 'question' },
      { role: 'assistant', content: [weatherCall] },
      { role: 'assistant', content: 'answer' },
      { role: 'tool', content: [weatherResult] },
      { role: 'system', content: 'rule' },
    );
    fc.assert(
      fc.property(fc.array(message, { maxLength: 12 }), (conversation) => {
        const { messages } = convert(conversation);
        for (let index = 1; index < messages.length; index++) {
          expect(messages[index]?.role).not.toBe(messages[index - 1]?.role);
        }
        const turns = conversation.filter((item) => item.role !== 'system').length;
        expect(messages.length).toBeLessThanOrEqual(turns);
      }),
    );
  });
});
