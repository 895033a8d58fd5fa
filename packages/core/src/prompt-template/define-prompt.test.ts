import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { ValidationError } from '../errors/errors.js';
import { generateText } from '../generate-text/generate-text.js';
import { mockChatModel } from '../testing/mock-chat-model.js';
import type { Message } from '../types/messages.js';
import { definePrompt } from './define-prompt.js';
import type { TemplateVariables } from './template-variables.js';

const explain = definePrompt({
  name: 'explain',
  system: 'You are a {{role}}. Answer in {{format}}.',
  template: 'Explain {{topic}} to {{ audience }}.',
  examples: [
    {
      input: { topic: 'DNS', audience: 'a child' },
      output: 'DNS is the phone book of the internet.',
    },
  ],
});

describe('definePrompt', () => {
  it('renders system, few-shot pairs and the user message, ready for generateText', async () => {
    const messages = explain.render({
      role: 'teacher',
      format: 'one sentence',
      topic: 'RAG',
      audience: 'a product manager',
    });
    expect(messages).toEqual([
      { role: 'system', content: 'You are a teacher. Answer in one sentence.' },
      { role: 'user', content: 'Explain DNS to a child.' },
      { role: 'assistant', content: 'DNS is the phone book of the internet.' },
      { role: 'user', content: 'Explain RAG to a product manager.' },
    ]);
    const model = mockChatModel({ replies: ['ok'] });
    await generateText({ model, messages });
    expect(model.calls[0]?.request.messages).toEqual(messages);
    expect(explain.variables).toEqual(['role', 'format', 'topic', 'audience']);
    expect(explain.name).toBe('explain');
  });

  it('infers the variables from the template at compile time', () => {
    expectTypeOf<TemplateVariables<'Hi {{name}}, meet {{ other }}'>>().toEqualTypeOf<
      'name' | 'other'
    >();
    expectTypeOf<TemplateVariables<'no variables'>>().toEqualTypeOf<never>();
    expectTypeOf<TemplateVariables<'literal \\{{braces}} and {{real}}'>>().toEqualTypeOf<'real'>();
    expectTypeOf<TemplateVariables<string>>().toEqualTypeOf<string>();
    const greet = definePrompt({ template: 'Hello {{name}}' });
    expectTypeOf(greet.render).parameter(0).toEqualTypeOf<{ name: string }>();
    expectTypeOf(greet.render({ name: 'Ada' })).toEqualTypeOf<Message[]>();
  });

  it('refuses missing, unknown and non-string variables at compile time and at run time', () => {
    const greet = definePrompt({ template: 'Hello {{name}} from {{place}}' });
    // @ts-expect-error `place` is missing
    expect(() => greet.render({ name: 'Ada' })).toThrow(/variables\.place: missing variable/);
    // @ts-expect-error `nmae` is not a variable of the template
    expect(() => greet.render({ name: 'Ada', place: 'x', nmae: 'typo' })).toThrow(
      /variables\.nmae: unknown variable; the prompt uses name, place/,
    );
    // @ts-expect-error a number is not a string
    expect(() => greet.render({ name: 'Ada', place: 42 })).toThrow(
      /place: must be a string, got number/,
    );
    // @ts-expect-error the variables are required
    expect(() => greet.render()).toThrow(ValidationError);
  });

  it('takes no argument for a template without variables', () => {
    const fixed = definePrompt({ template: 'Say hi.' });
    expect(fixed.render()).toEqual([{ role: 'user', content: 'Say hi.' }]);
    // @ts-expect-error this prompt has no variables
    expect(() => fixed.render({ extra: 'x' })).toThrow(/unknown variable/);
  });

  it('checks few-shot examples against the template when the prompt is defined', () => {
    expect(() =>
      definePrompt({
        template: 'Translate {{text}}',
        // @ts-expect-error the example misses `text`
        examples: [{ input: { txt: 'hi' }, output: 'salut' }],
      }),
    ).toThrow(/invalid examples: examples\.0\.input\.text: missing variable/);
  });

  it('treats \\{{ as a literal and never expands a value as a template', () => {
    const json = definePrompt({ template: 'Reply as \\{{"answer": ...}} about {{topic}}' });
    expect(json.format({ topic: '{{secret}}' })).toBe(
      'Reply as {{"answer": ...}} about {{secret}}',
    );
  });

  it('refuses an unclosed {{ or a bad variable name when defined', () => {
    expect(() => definePrompt({ template: 'Hello {{name' })).toThrow(/not closed by "}}"/);
    expect(() => definePrompt({ template: 'Hello {{first name}}' })).toThrow(/not a variable name/);
  });

  it('renders any string values exactly (property)', () => {
    const pair = definePrompt({ template: '<{{a}}|{{b}}>' });
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(pair.format({ a, b })).toBe(`<${a}|${b}>`);
      }),
    );
  });
});
