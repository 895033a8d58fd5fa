import { ValidationError, type ValidationIssue } from '../errors/errors.js';
import { isRecord } from '../provider-utils/parse-json.js';
import type { Warning } from '../types/chat-model.js';
import type { JSONSchema } from '../types/tools.js';

/**
 * OpenAI's strict structured outputs accept a subset of JSON Schema: every object closed
 * (`additionalProperties: false`) with all its properties required, and only these keywords.
 * https://platform.openai.com/docs/guides/structured-outputs#supported-schemas
 */
const keptKeywords = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'enum',
  'const',
  'anyOf',
  '$ref',
  '$defs',
  'definitions',
  'description',
  'title',
  'pattern',
  'format',
  'multipleOf',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'minItems',
  'maxItems',
]);

/** Keywords that change which values are allowed in a way strict mode cannot express. */
const refusedKeywords: Record<string, string> = {
  allOf: 'allOf (intersections)',
  not: 'not',
  if: 'if/then/else',
  prefixItems: 'prefixItems (tuples)',
  patternProperties: 'patternProperties',
  propertyNames: 'propertyNames (records)',
  dependentSchemas: 'dependentSchemas',
  dependentRequired: 'dependentRequired',
  contains: 'contains',
};

const supportedFormats = new Set([
  'date-time',
  'time',
  'date',
  'duration',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'uuid',
]);

export interface StrictSchemaResult {
  schema: JSONSchema;
  /** Constraints strict mode does not take; validation after the answer still checks them. */
  warnings: Warning[];
}

/** Whether a schema accepts `null` (as a type, a const, an enum member or a union branch). */
export function acceptsNull(schema: unknown, root: JSONSchema): boolean {
  const resolved = resolveRef(schema, root);
  if (!isRecord(resolved)) return resolved === true;
  const { type } = resolved;
  if (type === 'null' || (Array.isArray(type) && type.includes('null'))) return true;
  if (resolved.const === null) return true;
  if (Array.isArray(resolved.enum) && resolved.enum.includes(null)) return true;
  const branches = resolved.anyOf ?? resolved.oneOf;
  return Array.isArray(branches) && branches.some((branch) => acceptsNull(branch, root));
}

/** Follows a local `$ref` (`#`, `#/$defs/x`, `#/definitions/x`); other schemas pass through. */
export function resolveRef(schema: unknown, root: JSONSchema, depth = 0): unknown {
  if (!isRecord(schema) || typeof schema.$ref !== 'string' || depth > 32) return schema;
  const ref = schema.$ref;
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return schema;
  let target: unknown = root;
  for (const part of ref.slice(2).split('/')) {
    const key = decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~');
    target = isRecord(target) ? target[key] : undefined;
  }
  return target === undefined ? schema : resolveRef(target, root, depth + 1);
}

function makeNullable(schema: JSONSchema, root: JSONSchema): JSONSchema {
  if (acceptsNull(schema, root)) return schema;
  const { type } = schema;
  if (typeof type === 'string' && schema.$ref === undefined && schema.anyOf === undefined) {
    const nullable: JSONSchema = { ...schema, type: [type, 'null'] };
    if (Array.isArray(schema.enum)) nullable.enum = [...schema.enum, null];
    if ('const' in schema) {
      // A const cannot also be null: list both values instead.
      delete nullable.const;
      nullable.enum = [schema.const, null];
    }
    return nullable;
  }
  if (Array.isArray(schema.anyOf)) return { ...schema, anyOf: [...schema.anyOf, { type: 'null' }] };
  return { anyOf: [schema, { type: 'null' }] };
}

function where(path: Array<string | number>): string {
  return path.length === 0 ? '(root)' : path.join('.');
}

class StrictConverter {
  readonly warnings: Warning[] = [];
  readonly issues: ValidationIssue[] = [];

  constructor(private readonly root: JSONSchema) {}

  convert(schema: unknown, path: Array<string | number>): JSONSchema {
    if (!isRecord(schema)) {
      this.issues.push({
        path,
        message: `a schema that allows any value (${JSON.stringify(schema)}) is not accepted in strict mode; give it a type`,
      });
      return {};
    }
    const out: JSONSchema = {};
    for (const [key, value] of Object.entries(schema)) {
      if (key in refusedKeywords) {
        this.issues.push({
          path,
          message: `${refusedKeywords[key]} is not supported by OpenAI strict mode`,
        });
      } else if (key === 'oneOf') {
        // Validation afterwards still checks that exactly one branch matches.
        out.anyOf = this.convertList(value, [...path, 'oneOf']);
      } else if (key === 'anyOf') {
        out.anyOf = this.convertList(value, [...path, 'anyOf']);
      } else if (key === 'format' && !supportedFormats.has(String(value))) {
        this.drop(path, `format "${String(value)}"`);
      } else if (keptKeywords.has(key)) {
        out[key] = value;
      } else if (!['$schema', '$id', '$comment', 'properties'].includes(key)) {
        this.drop(path, key);
      }
    }
    if (Array.isArray(out.anyOf) && out.type === undefined && Object.keys(out).length === 1) {
      return out;
    }
    if (isRecord(schema.items)) out.items = this.convert(schema.items, [...path, 'items']);
    else if (schema.items !== undefined) {
      this.issues.push({ path, message: 'items must be a schema in strict mode' });
    }
    for (const defsKey of ['$defs', 'definitions'] as const) {
      const defs = schema[defsKey];
      if (!isRecord(defs)) continue;
      out[defsKey] = Object.fromEntries(
        Object.entries(defs).map(([name, def]) => [name, this.convert(def, [defsKey, name])]),
      );
    }
    const isObject =
      schema.type === 'object' || (schema.properties !== undefined && schema.type === undefined);
    if (isObject) this.closeObject(schema, out, path);
    else if (
      out.type === undefined &&
      out.$ref === undefined &&
      out.anyOf === undefined &&
      out.enum === undefined &&
      !('const' in out)
    ) {
      this.issues.push({
        path,
        message: 'a schema without a type is not accepted in strict mode; give it a type',
      });
    }
    return out;
  }

  private convertList(value: unknown, path: Array<string | number>): JSONSchema[] {
    if (!Array.isArray(value)) return [];
    return value.map((branch, index) => this.convert(branch, [...path, index]));
  }

  private closeObject(schema: JSONSchema, out: JSONSchema, path: Array<string | number>) {
    if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) {
      this.issues.push({
        path,
        message:
          'objects with arbitrary keys (records, catchall, passthrough) are not supported by OpenAI strict mode',
      });
    }
    const properties = isRecord(schema.properties) ? schema.properties : {};
    const required = new Set(Array.isArray(schema.required) ? schema.required : []);
    const strictProperties: JSONSchema = {};
    for (const [name, property] of Object.entries(properties)) {
      const converted = this.convert(property, [...path, 'properties', name]);
      // Strict mode requires every property: an optional one becomes nullable, and a null
      // answer is turned back into an absent property before validation.
      strictProperties[name] = required.has(name) ? converted : makeNullable(converted, this.root);
    }
    out.type = 'object';
    out.properties = strictProperties;
    out.required = Object.keys(strictProperties);
    out.additionalProperties = false;
  }

  private drop(path: Array<string | number>, keyword: string) {
    this.warnings.push({
      type: 'unsupported-setting',
      setting: 'schema',
      message: `OpenAI strict mode does not accept ${keyword} at ${where(path)}; it was left out of the request and is checked when the answer is validated.`,
    });
  }
}

/**
 * Converts a JSON Schema to what OpenAI's strict structured outputs accept: objects closed
 * with every property required, optional properties made nullable, unsupported constraints
 * left out (with a warning; validation still enforces them). Constructs strict mode cannot
 * express (records, tuples, intersections) throw a `ValidationError` before any request.
 */
export function toStrictJsonSchema(schema: JSONSchema): StrictSchemaResult {
  const converter = new StrictConverter(schema);
  const strict = converter.convert(schema, []);
  if (converter.issues.length > 0) {
    const lines = converter.issues.map((issue) => `  - ${where(issue.path)}: ${issue.message}`);
    throw new ValidationError(
      `The schema cannot be used with OpenAI strict structured outputs:\n${lines.join('\n')}\nUse mode: 'tool' or mode: 'json' for this schema.`,
      { issues: converter.issues.map((issue) => ({ ...issue, path: ['schema', ...issue.path] })) },
    );
  }
  return { schema: strict, warnings: converter.warnings };
}

function branchFor(value: unknown, branches: unknown[], root: JSONSchema): unknown {
  if (!isRecord(value)) return undefined;
  const keys = Object.keys(value);
  return branches
    .map((branch) => resolveRef(branch, root))
    .find((branch) => {
      if (!isRecord(branch) || !isRecord(branch.properties)) return false;
      const properties = branch.properties;
      return keys.every((key) => key in properties);
    });
}

/**
 * Undoes the nullable-optional step of {@link toStrictJsonSchema} on an answer: a `null` for
 * a property that was optional (and never nullable) in `schema` becomes an absent property.
 * Returns a new value; the input is not changed.
 */
export function dropNullOptionals(value: unknown, schema: unknown, root: JSONSchema): unknown {
  const resolved = resolveRef(schema, root);
  if (!isRecord(resolved)) return value;
  if (Array.isArray(value)) {
    return resolved.items === undefined
      ? value
      : value.map((item) => dropNullOptionals(item, resolved.items, root));
  }
  if (!isRecord(value)) return value;
  const branches = resolved.anyOf ?? resolved.oneOf;
  if (Array.isArray(branches) && !isRecord(resolved.properties)) {
    const branch = branchFor(value, branches, root);
    return branch === undefined ? value : dropNullOptionals(value, branch, root);
  }
  const properties = isRecord(resolved.properties) ? resolved.properties : {};
  const required = new Set(Array.isArray(resolved.required) ? resolved.required : []);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const propertySchema = properties[key];
    if (
      item === null &&
      propertySchema !== undefined &&
      !required.has(key) &&
      !acceptsNull(propertySchema, root)
    ) {
      continue;
    }
    const restored =
      propertySchema === undefined ? item : dropNullOptionals(item, propertySchema, root);
    Object.defineProperty(out, key, {
      value: restored,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}
