import { ValidationError } from '../errors/errors.js';
import { buildTextRequest, type TextCallOptions } from '../generate-text/build-request.js';
import { toolNamePattern } from '../prompt/validate-request.js';
import { isRecord } from '../provider-utils/parse-json.js';
import type { CallOptions, ChatRequest, Warning } from '../types/chat-model.js';
import type { JSONSchema } from '../types/tools.js';
import { type ObjectSchema, objectJsonSchema } from './object-schema.js';
import { toStrictJsonSchema } from './strict-json-schema.js';

/**
 * How the model is asked for the object. `native`: the provider's JSON Schema output
 * (OpenAI strict `json_schema`); `tool`: one forced tool call whose input is the object
 * (Anthropic); `json`: JSON mode plus the schema in the system prompt; `prompt`: the schema
 * in the system prompt only, for servers without JSON mode. `auto` follows
 * `model.capabilities.structuredOutput` (`prompt` capability -> `json`).
 */
export type ObjectMode = 'auto' | 'native' | 'tool' | 'json' | 'prompt';

/** The options `generateObject` and `streamObject` share. */
export interface ObjectCallOptions<S extends ObjectSchema = ObjectSchema>
  extends Omit<TextCallOptions, 'tools' | 'toolChoice'> {
  /** The object's schema: zod >= 4.2, or any Standard Schema with Standard JSON Schema. */
  schema: S;
  /** Names the object for the model: the `json_schema` name or the tool name. */
  schemaName?: string;
  /** Tells the model what the object is. */
  schemaDescription?: string;
  mode?: ObjectMode;
  /** One repair round when the answer does not match the schema. Default true. */
  repair?: boolean;
}

/** What a call for an object needs to know after the request is sent. */
export interface ObjectPlan {
  mode: Exclude<ObjectMode, 'auto'>;
  schema: ObjectSchema;
  /** The JSON Schema the answer follows, before any strict-mode changes. */
  answerSchema: JSONSchema;
  /** True when a non-object root was wrapped as `{ value: ... }`. */
  wrapped: boolean;
  /** The forced tool's name (tool mode). */
  toolName: string;
  repair: boolean;
  /** Warnings from preparing the request (constraints strict mode dropped). */
  warnings: Warning[];
}

const defaultToolName = 'json_response';
const defaultFormatName = 'response';

function isObjectSchema(schema: JSONSchema): boolean {
  return schema.type === 'object' || (schema.type === undefined && isRecord(schema.properties));
}

/** Providers want an object at the root: other roots become `{ value: <root> }`. */
function wrapRoot(schema: JSONSchema): { schema: JSONSchema; wrapped: boolean } {
  if (isObjectSchema(schema)) return { schema, wrapped: false };
  const { $defs, definitions, ...root } = schema;
  return {
    wrapped: true,
    schema: {
      type: 'object',
      properties: { value: root },
      required: ['value'],
      additionalProperties: false,
      ...($defs === undefined ? {} : { $defs }),
      ...(definitions === undefined ? {} : { definitions }),
    },
  };
}

/** The system instruction for modes that describe the schema in the prompt. */
export function schemaInstruction(schema: JSONSchema, description: string | undefined): string {
  return [
    'Answer with one JSON object that matches this JSON Schema, and nothing else: no prose, no code fences.',
    ...(description ? [`The object: ${description}`] : []),
    `JSON Schema:\n${JSON.stringify(schema)}`,
  ].join('\n');
}

function resolveMode(options: ObjectCallOptions): Exclude<ObjectMode, 'auto'> {
  const mode = options.mode ?? 'auto';
  if (!['auto', 'native', 'tool', 'json', 'prompt'].includes(mode)) {
    throw new ValidationError(`mode must be auto, native, tool, json or prompt, not "${mode}".`, {
      issues: [{ path: ['mode'], message: 'unknown mode' }],
    });
  }
  if (mode !== 'auto') return mode;
  const capability = options.model?.capabilities?.structuredOutput;
  return capability === 'native' || capability === 'tool' ? capability : 'json';
}

function checkOptions(options: ObjectCallOptions): void {
  if (!options || typeof options !== 'object') throw new ValidationError('Options are required.');
  const standard = isRecord(options.schema) ? options.schema['~standard'] : undefined;
  if (!isRecord(standard) || typeof standard.validate !== 'function') {
    throw new ValidationError(
      '`schema` must be a zod schema (zod >= 4.2) or another Standard Schema with a validate function.',
      { issues: [{ path: ['schema'], message: 'required Standard Schema' }] },
    );
  }
  if (options.schemaName !== undefined && !toolNamePattern.test(options.schemaName)) {
    throw new ValidationError(`schemaName must match ${toolNamePattern}.`, {
      issues: [{ path: ['schemaName'], message: `must match ${toolNamePattern}` }],
    });
  }
}

/**
 * Checks the options and builds the first request: everything that can be wrong with the
 * input throws a `ValidationError` here, before anything is sent.
 */
export function planObjectCall(options: ObjectCallOptions): {
  plan: ObjectPlan;
  request: ChatRequest;
  callOptions: CallOptions;
} {
  checkOptions(options);
  const mode = resolveMode(options);
  const { schema: answerSchema, wrapped } = wrapRoot(objectJsonSchema(options.schema));
  const plan: ObjectPlan = {
    mode,
    schema: options.schema,
    answerSchema,
    wrapped,
    toolName: options.schemaName ?? defaultToolName,
    repair: options.repair ?? true,
    warnings: [],
  };
  const {
    schema: _schema,
    schemaName,
    schemaDescription,
    mode: _mode,
    repair: _repair,
    ...base
  } = options as ObjectCallOptions & Pick<TextCallOptions, 'tools' | 'toolChoice'>;
  if (mode === 'tool') {
    base.tools = [
      {
        name: plan.toolName,
        description:
          schemaDescription ?? 'Respond by calling this tool with the answer as its input.',
        inputSchema: answerSchema,
      },
    ];
    base.toolChoice = { type: 'tool', toolName: plan.toolName };
  }
  if (mode === 'json' || mode === 'prompt') {
    const instruction = schemaInstruction(answerSchema, schemaDescription);
    base.system = options.system ? `${options.system}\n\n${instruction}` : instruction;
  }
  let strictSchema: JSONSchema | undefined;
  if (mode === 'native') {
    const strict = toStrictJsonSchema(answerSchema);
    plan.warnings.push(...strict.warnings);
    strictSchema =
      schemaDescription && strict.schema.description === undefined
        ? { ...strict.schema, description: schemaDescription }
        : strict.schema;
  }
  const { request, callOptions } = buildTextRequest(base);
  if (strictSchema) {
    request.responseFormat = {
      type: 'json',
      schema: strictSchema,
      name: schemaName ?? defaultFormatName,
    };
  } else if (mode === 'json') {
    request.responseFormat = { type: 'json' };
  }
  return { plan, request, callOptions };
}
