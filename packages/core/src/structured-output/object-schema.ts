import type { ValidationIssue } from '../errors/errors.js';
import { toJsonSchema } from '../prompt/to-chat-tools.js';
import type { JSONSchema } from '../types/tools.js';

/** One problem a Standard Schema validator reports. */
export interface StandardIssue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

/** What a Standard Schema validator returns. */
export type StandardResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: ReadonlyArray<StandardIssue> };

/**
 * A schema for `generateObject`: anything implementing Standard Schema (`~standard.validate`)
 * and Standard JSON Schema (`~standard.jsonSchema`), such as zod >= 4.2. Weft never imports
 * zod; the schema validates and converts itself.
 */
export interface ObjectSchema<Output = unknown> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => StandardResult<Output> | Promise<StandardResult<Output>>;
    readonly types?: { readonly input: unknown; readonly output: Output } | undefined;
    readonly jsonSchema?: { input(options: { target: string }): unknown };
  };
}

/** The type a schema validates to, e.g. `z.infer<typeof schema>` for a zod schema. */
export type InferObject<S extends ObjectSchema> = NonNullable<S['~standard']['types']>['output'];

/** The schema as JSON Schema; a `ValidationError` when it cannot be one (e.g. `z.date()`). */
export function objectJsonSchema(schema: ObjectSchema): JSONSchema {
  return toJsonSchema(schema, 'schema');
}

function pathKey(segment: PropertyKey | { readonly key: PropertyKey }): string | number {
  const key = typeof segment === 'object' && segment !== null ? segment.key : segment;
  return typeof key === 'number' ? key : String(key);
}

/** Validates `value` with the schema's own validator (which may be async). */
export async function validateObject<Output>(
  schema: ObjectSchema<Output>,
  value: unknown,
): Promise<{ ok: true; value: Output } | { ok: false; issues: ValidationIssue[] }> {
  const result = await schema['~standard'].validate(value);
  if (result.issues === undefined) return { ok: true, value: result.value };
  return {
    ok: false,
    issues: result.issues.map((issue) => ({
      path: (issue.path ?? []).map(pathKey),
      message: issue.message,
    })),
  };
}
