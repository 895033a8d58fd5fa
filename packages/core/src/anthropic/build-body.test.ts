import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../types/chat-model.js';
import { buildAnthropicBody } from './build-body.js';

const messages: ChatRequest['messages'] = [{ role: 'user', content: 'Hi' }];
const tools = [{ name: 'get_time', inputSchema: { type: 'object', properties: {} } }];

function build(request: Partial<ChatRequest>, stream = false) {
  return buildAnthropicBody({ messages, ...request }, 'claude-sonnet-4-5', stream);
}

describe('buildAnthropicBody', () => {
  it.each([
    ['auto', { type: 'auto' }],
    ['required', { type: 'any' }],
    ['none', { type: 'none' }],
    [
      { type: 'tool', toolName: 'get_time' },
      { type: 'tool', name: 'get_time' },
    ],
  ] as const)('maps toolChoice %j to %j', (toolChoice, expected) => {
    expect(build({ tools, toolChoice }).body.tool_choice).toEqual(expected);
  });

  it('sends tools with input_schema and leaves out a missing description', () => {
    expect(build({ tools }).body.tools).toEqual([
      { name: 'get_time', input_schema: { type: 'object', properties: {} } },
    ]);
  });

  it('warns about a toolChoice without tools, except "none"', () => {
    expect(build({ toolChoice: 'required' }).warnings).toEqual([
      expect.objectContaining({ setting: 'toolChoice' }),
    ]);
    expect(build({ toolChoice: 'none' }).warnings).toEqual([]);
    expect(build({ toolChoice: 'none' }).body).not.toHaveProperty('tool_choice');
  });

  it('lowers a temperature above 1 to 1 with a warning, and keeps one within range', () => {
    const high = build({ temperature: 1.7 });
    expect(high.body.temperature).toBe(1);
    expect(high.warnings).toEqual([
      expect.objectContaining({ type: 'unsupported-setting', setting: 'temperature' }),
    ]);
    const ok = build({ temperature: 0.7 });
    expect(ok.body.temperature).toBe(0.7);
    expect(ok.warnings).toEqual([]);
  });

  it('warns about seed and JSON response format instead of sending them', () => {
    const { body, warnings } = build({ seed: 42, responseFormat: { type: 'json' } });
    expect(body).not.toHaveProperty('seed');
    expect(body).not.toHaveProperty('response_format');
    expect(warnings.map((warning) => warning.setting)).toEqual(['seed', 'responseFormat']);
  });

  it('marks streams, and lets providerOptions.anthropic override any field', () => {
    const { body } = build(
      {
        maxOutputTokens: 100,
        providerOptions: {
          anthropic: { max_tokens: 64_000, thinking: { type: 'enabled', budget_tokens: 2048 } },
          openai: { user: 'ignored' },
        },
      },
      true,
    );
    expect(body).toMatchObject({
      stream: true,
      max_tokens: 64_000,
      thinking: { type: 'enabled', budget_tokens: 2048 },
    });
    expect(body).not.toHaveProperty('user');
  });
});
