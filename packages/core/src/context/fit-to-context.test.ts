import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ContextLengthError, ValidationError } from '../errors/errors.js';
import { validateChatRequest } from '../prompt/validate-request.js';
import { countMessageTokens } from '../tokens/index.js';
import type { Message } from '../types/messages.js';
import { fitToContext } from './fit-to-context.js';
import { truncationMarker } from './truncate-message.js';

// One token per character of text, so the arithmetic in each test is visible.
function lengthOf(message: Message): number {
  if (typeof message.content === 'string') return message.content.length;
  return message.content.reduce(
    (sum, part) => sum + ('text' in part ? part.text.length : JSON.stringify(part).length),
    0,
  );
}
const countChars = (messages: Message[]) => messages.reduce((sum, m) => sum + lengthOf(m), 0);

const user = (content: string): Message => ({ role: 'user', content });
const assistant = (content: string): Message => ({ role: 'assistant', content });
const system: Message = { role: 'system', content: 'sys' }; // 3

const toolTurn: Message[] = [
  user('weather?'), // 8
  {
    role: 'assistant',
    content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'weather', input: {} }],
  },
  {
    role: 'tool',
    content: [{ type: 'tool-result', toolCallId: 'c1', toolName: 'weather', output: 'sun' }],
  },
  assistant('sunny'),
];

describe('fitToContext', () => {
  it('returns the messages unchanged when they fit', async () => {
    const messages = [system, user('hello'), assistant('hi'), user('bye')];
    const result = await fitToContext(messages, {
      model: 'gpt-4o',
      maxTokens: 100,
      countMessageTokens: countChars,
    });
    expect(result).toEqual({
      messages,
      droppedCount: 0,
      truncated: false,
      tokens: 13,
      estimated: false,
    });
  });

  it('drops the oldest turns first, keeping system prompts and the last user turn', async () => {
    const messages = [
      system,
      user('aaaa'),
      assistant('bbbb'),
      user('cccc'),
      assistant('dddd'),
      user('last'),
    ];
    // All: 3 + 8 + 8 + 4 = 23 > 20. Without the first turn: 15, which fits.
    const result = await fitToContext(messages, {
      model: 'gpt-4o',
      maxTokens: 25,
      reserveOutputTokens: 5,
      countMessageTokens: countChars,
    });
    expect(result.messages).toEqual([system, user('cccc'), assistant('dddd'), user('last')]);
    expect(result).toMatchObject({ droppedCount: 2, truncated: false, tokens: 15 });
  });

  it('drops a tool call together with its result, so the request stays valid', async () => {
    const messages = [system, ...toolTurn, user('and tomorrow?')];
    const result = await fitToContext(messages, {
      model: 'gpt-4o',
      maxTokens: 20,
      countMessageTokens: countChars,
    });
    expect(result.messages).toEqual([system, user('and tomorrow?')]);
    expect(result.droppedCount).toBe(4);
    expect(() => validateChatRequest({ messages: result.messages })).not.toThrow();
  });

  it('keeps what follows the last user message (tool calls of the current turn)', async () => {
    const messages = [user('x'.repeat(50)), ...toolTurn];
    const result = await fitToContext(messages, {
      model: 'gpt-4o',
      maxTokens: 200,
      countMessageTokens: countChars,
    });
    expect(result.messages).toEqual(toolTurn);
  });

  it('throws ContextLengthError naming the numbers when system + last turn alone are too long', async () => {
    const messages = [system, user('old'), user('y'.repeat(40))];
    const fit = fitToContext(messages, {
      model: 'gpt-4o',
      maxTokens: 30,
      reserveOutputTokens: 10,
      countMessageTokens: countChars,
    });
    await expect(fit).rejects.toBeInstanceOf(ContextLengthError);
    await expect(fit).rejects.toThrow(
      /need 43 tokens, but the budget is 20 \(maxTokens 30 - reserveOutputTokens 10\).*truncate: true/,
    );
  });

  it('cuts the last user message to fit when asked to truncate', async () => {
    const messages = [system, user('old'), user('y'.repeat(100))];
    const result = await fitToContext(messages, {
      model: 'gpt-4o',
      maxTokens: 50,
      countMessageTokens: countChars,
      truncate: true,
    });
    const kept = 50 - 3 - truncationMarker.length;
    expect(result.messages).toEqual([system, user('y'.repeat(kept) + truncationMarker)]);
    expect(result).toMatchObject({ truncated: true, droppedCount: 1, tokens: 50 });
  });

  it('uses the model catalog and the local tokenizer by default; Claude counts are estimates', async () => {
    const messages = [system, user('hello there')];
    const exact = await fitToContext(messages, { model: 'gpt-4o' });
    expect(exact.tokens).toBe(await countMessageTokens(messages, { model: 'gpt-4o' }));
    expect(exact.estimated).toBe(false);
    const claude = await fitToContext(messages, { model: 'claude-sonnet-4-5-20250929' });
    expect(claude).toMatchObject({ tokens: exact.tokens, estimated: true });
  });

  it('refuses bad input clearly', async () => {
    await expect(fitToContext([], { model: 'gpt-4o' })).rejects.toThrow(/at least one message/);
    await expect(fitToContext([user('hi')], { model: 'my-model' })).rejects.toThrow(
      /context window of "my-model" is unknown: pass maxTokens/,
    );
    await expect(
      fitToContext([user('hi')], { model: 'gpt-4o', reserveOutputTokens: -1 }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('always returns a valid request within budget, keeping the last user turn (property)', async () => {
    const turn = fc.tuple(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), fc.boolean());
    await fc.assert(
      fc.asyncProperty(fc.array(turn, { maxLength: 12 }), fc.nat(200), async (turns, extra) => {
        const messages: Message[] = [system];
        turns.forEach(([question, answer, withTool], index) => {
          messages.push(user(question));
          if (withTool) {
            const call = { toolCallId: `c${index}`, toolName: 't' };
            messages.push({
              role: 'assistant',
              content: [{ type: 'tool-call', ...call, input: {} }],
            });
            messages.push({ role: 'tool', content: [{ type: 'tool-result', ...call, output: 1 }] });
          }
          messages.push(assistant(answer));
        });
        messages.push(user('final question'));
        const maxTokens = 17 + extra;
        const result = await fitToContext(messages, {
          model: 'gpt-4o',
          maxTokens,
          countMessageTokens: countChars,
        });
        expect(result.tokens).toBeLessThanOrEqual(maxTokens);
        expect(result.tokens).toBe(countChars(result.messages));
        expect(result.messages[0]).toBe(system);
        expect(result.messages.at(-1)).toEqual(user('final question'));
        expect(result.droppedCount).toBe(messages.length - result.messages.length);
        validateChatRequest({ messages: result.messages });
        // Fewest drops: putting back the newest dropped turn would not fit.
        if (result.droppedCount > 0) {
          const firstKept = messages.indexOf(result.messages[1] as Message);
          let start = firstKept - 1;
          while (start > 0 && messages[start]?.role !== 'user') start--;
          const withOneMore = [
            system,
            ...messages.slice(start, firstKept),
            ...result.messages.slice(1),
          ];
          expect(countChars(withOneMore)).toBeGreaterThan(maxTokens);
        }
      }),
    );
  });
});
