import { ValidationError, type ValidationIssue } from '../errors/errors.js';
import { isRecord } from '../provider-utils/parse-json.js';
import type { Message } from '../types/messages.js';
import { fillTemplate, parseTemplate, type TemplatePiece, variablesOf } from './parse-template.js';
import type { PromptVariables, TemplateVariables } from './template-variables.js';

/** A worked example: the template's variables, and the answer the model should give. */
export interface PromptExample<Name extends string> {
  input: PromptVariables<Name>;
  output: string;
}

export interface PromptDefinition<Template extends string, System extends string> {
  /** For logs and traces. */
  name?: string;
  /** The system prompt; may use variables too. */
  system?: System;
  /** The user message, e.g. `'Explain {{topic}} to {{audience}}'`. */
  template: Template;
  /** Few-shot examples, sent as user/assistant pairs before the real question. */
  examples?: ReadonlyArray<PromptExample<TemplateVariables<Template>>>;
}

/** `render()` takes no argument for a template without variables. */
type RenderArgs<Name extends string> = [Name] extends [never]
  ? [variables?: Record<string, never>]
  : [variables: PromptVariables<Name>];

/** A typed prompt: render it with its variables to get messages for `generateText`. */
export interface Prompt<Name extends string> {
  readonly name?: string;
  /** Every variable the prompt needs (system and template), in order of first use. */
  readonly variables: readonly string[];
  /** System message, few-shot pairs, then the user message. */
  render(...args: RenderArgs<Name>): Message[];
  /** The user message's text alone. */
  format(...args: RenderArgs<Name>): string;
}

function checkValues(
  values: unknown,
  needed: readonly string[],
  path: Array<string | number>,
  issues: ValidationIssue[],
): Record<string, string> {
  const record = values === undefined ? {} : values;
  if (!isRecord(record)) {
    issues.push({ path, message: 'variables must be an object of strings' });
    return {};
  }
  for (const name of needed) {
    if (!(name in record)) issues.push({ path: [...path, name], message: 'missing variable' });
    else if (typeof record[name] !== 'string') {
      issues.push({
        path: [...path, name],
        message: `must be a string, got ${record[name] === null ? 'null' : typeof record[name]}`,
      });
    }
  }
  for (const name of Object.keys(record)) {
    if (!needed.includes(name)) {
      issues.push({
        path: [...path, name],
        message: `unknown variable; the prompt uses ${needed.join(', ') || 'none'}`,
      });
    }
  }
  return record as Record<string, string>;
}

function fail(prefix: string, issues: ValidationIssue[]): never {
  const detail = issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  throw new ValidationError(`${prefix}: ${detail}`, { issues });
}

/**
 * Defines a prompt template whose variables are checked at compile time (from the template
 * string's `{{name}}` slots) and again at run time (missing, unknown or non-string values
 * throw a `ValidationError`). Write `\{{` for a literal `{{`.
 *
 * @example
 * const explain = definePrompt({ system: 'You are a teacher.', template: 'Explain {{topic}} to {{audience}}.' });
 * await generateText({ model, messages: explain.render({ topic: 'RAG', audience: 'a child' }) });
 */
export function definePrompt<const Template extends string, const System extends string = never>(
  definition: PromptDefinition<Template, System>,
): Prompt<TemplateVariables<Template> | TemplateVariables<System>> {
  if (!isRecord(definition)) throw new ValidationError('definePrompt needs a definition object.');
  const label = definition.name ? `Prompt "${definition.name}"` : 'Prompt';
  const templatePieces = parseTemplate(definition.template, 'template');
  const systemPieces: TemplatePiece[] | undefined =
    definition.system === undefined ? undefined : parseTemplate(definition.system, 'system');
  const templateVariables = variablesOf(templatePieces);
  const variables = [...new Set([...variablesOf(systemPieces ?? []), ...templateVariables])];

  const examples = definition.examples ?? [];
  if (!Array.isArray(examples)) fail(label, [{ path: ['examples'], message: 'must be an array' }]);
  const issues: ValidationIssue[] = [];
  const exampleMessages: Message[] = [];
  examples.forEach((example: unknown, index) => {
    const path = ['examples', index];
    if (!isRecord(example)) {
      issues.push({ path, message: 'must be { input, output }' });
      return;
    }
    const values = checkValues(example.input, templateVariables, [...path, 'input'], issues);
    if (typeof example.output !== 'string') {
      issues.push({ path: [...path, 'output'], message: 'must be a string' });
    }
    exampleMessages.push(
      { role: 'user', content: fillTemplate(templatePieces, values) },
      { role: 'assistant', content: String(example.output) },
    );
  });
  if (issues.length > 0) fail(`${label} has invalid examples`, issues);

  const valuesOf = (args: unknown[]): Record<string, string> => {
    const found: ValidationIssue[] = [];
    const values = checkValues(args[0], variables, ['variables'], found);
    if (found.length > 0) fail(`${label} cannot be rendered`, found);
    return values;
  };

  return {
    ...(definition.name === undefined ? {} : { name: definition.name }),
    variables,
    render(...args) {
      const values = valuesOf(args);
      const messages: Message[] = [];
      if (systemPieces)
        messages.push({ role: 'system', content: fillTemplate(systemPieces, values) });
      messages.push(...exampleMessages.map((message) => ({ ...message })));
      messages.push({ role: 'user', content: fillTemplate(templatePieces, values) });
      return messages;
    },
    format(...args) {
      return fillTemplate(templatePieces, valuesOf(args));
    },
  };
}
