import { ValidationError } from '../errors/errors.js';
import { isRecord } from '../provider-utils/parse-json.js';
import type { ChatTool, JSONSchema, ToolDefinition, ToolInputSchema } from '../types/tools.js';

function isSchemaObject(
  schema: ToolInputSchema,
): schema is Extract<ToolInputSchema, { '~standard': unknown }> {
  return isRecord(schema) && isRecord((schema as Record<string, unknown>)['~standard']);
}

/**
 * Converts a tool input schema to JSON Schema: plain JSON Schema passes through; zod 4 and
 * other Standard JSON Schema libraries convert themselves.
 */
export function toJsonSchema(schema: ToolInputSchema, path: string): JSONSchema {
  if (!isSchemaObject(schema)) return schema as JSONSchema;
  const standard = schema['~standard'];
  if (!standard.jsonSchema) {
    throw new ValidationError(
      `${path}: this ${standard.vendor} schema cannot produce JSON Schema (it does not implement Standard JSON Schema; with zod, use zod >= 4.2).`,
      { issues: [{ path: path.split('.'), message: 'schema cannot be converted to JSON Schema' }] },
    );
  }
  let converted: unknown;
  try {
    converted = standard.jsonSchema.input({ target: 'draft-2020-12' });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ValidationError(
      `${path}: the schema cannot be represented as JSON Schema: ${reason}`,
      {
        cause: error,
        issues: [{ path: path.split('.'), message: reason }],
      },
    );
  }
  if (!isRecord(converted)) {
    throw new ValidationError(
      `${path}: the schema converted to something that is not a JSON Schema object.`,
    );
  }
  const { $schema: _ignored, ...jsonSchema } = converted;
  return jsonSchema;
}

/** Tools as models receive them: names checked later, schemas as JSON Schema. */
export function toChatTools(tools: readonly ToolDefinition[] | undefined): ChatTool[] | undefined {
  if (tools === undefined) return undefined;
  if (!Array.isArray(tools)) {
    throw new ValidationError('tools must be an array of { name, description?, inputSchema }.', {
      issues: [{ path: ['tools'], message: 'must be an array' }],
    });
  }
  return tools.map((tool: ToolDefinition, index) => {
    if (!isRecord(tool as unknown) || !isRecord(tool.inputSchema as unknown)) {
      throw new ValidationError(`tools.${index}: a tool needs a name and an inputSchema object.`, {
        issues: [{ path: ['tools', index, 'inputSchema'], message: 'required object' }],
      });
    }
    const chatTool: ChatTool = {
      name: tool.name,
      inputSchema: toJsonSchema(tool.inputSchema, `tools.${index}.inputSchema`),
    };
    if (tool.description !== undefined) chatTool.description = tool.description;
    return chatTool;
  });
}
