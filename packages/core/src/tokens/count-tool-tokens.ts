import { isRecord } from '../provider-utils/parse-json.js';
import type { ChatTool } from '../types/tools.js';
import type { EncodingName } from './encoding-name.js';
import type { Tokenizer } from './tokenizer.js';

/**
 * Fixed overheads of tool definitions, fitted by OpenAI's cookbook ("How to count tokens with
 * tiktoken", `num_tokens_for_tools`) against the API's reported counts: gpt-4o-family models
 * (o200k_base) and gpt-4/gpt-3.5-turbo (cl100k_base) differ only in the per-function start.
 */
const toolOverheads: Record<EncodingName, ToolOverheads> = {
  o200k_base: {
    functionStart: 7,
    propertiesStart: 3,
    propertyKey: 3,
    enumStart: -3,
    enumItem: 3,
    end: 12,
  },
  cl100k_base: {
    functionStart: 10,
    propertiesStart: 3,
    propertyKey: 3,
    enumStart: -3,
    enumItem: 3,
    end: 12,
  },
};

interface ToolOverheads {
  functionStart: number;
  propertiesStart: number;
  propertyKey: number;
  enumStart: number;
  enumItem: number;
  end: number;
}

function withoutFinalPeriod(text: string): string {
  return text.endsWith('.') ? text.slice(0, -1) : text;
}

function typeName(type: unknown): string {
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return type.filter((entry) => typeof entry === 'string').join(' | ');
  return 'object';
}

/**
 * An approximation of the prompt tokens that tool definitions add, after the cookbook:
 * `name:description` per function, `key:type:description` per top-level parameter, enum
 * values, and fixed overheads. Nested objects beyond the top-level properties are not
 * counted (neither does the cookbook), so very deep schemas are under-estimated.
 */
export function countToolTokens(tools: readonly ChatTool[], tokenizer: Tokenizer): number {
  if (tools.length === 0) return 0;
  const overheads = toolOverheads[tokenizer.encoding];
  let total = 0;
  for (const tool of tools) {
    total += overheads.functionStart;
    total += tokenizer.count(`${tool.name}:${withoutFinalPeriod(tool.description ?? '')}`);
    const properties = isRecord(tool.inputSchema.properties) ? tool.inputSchema.properties : {};
    const keys = Object.keys(properties);
    if (keys.length === 0) continue;
    total += overheads.propertiesStart;
    for (const key of keys) {
      const property = properties[key];
      const schema = isRecord(property) ? property : {};
      total += overheads.propertyKey;
      if (Array.isArray(schema.enum)) {
        total += overheads.enumStart;
        for (const item of schema.enum) {
          total += overheads.enumItem + tokenizer.count(String(item));
        }
      }
      const description = typeof schema.description === 'string' ? schema.description : '';
      total += tokenizer.count(
        `${key}:${typeName(schema.type)}:${withoutFinalPeriod(description)}`,
      );
    }
  }
  return total + overheads.end;
}
