import type { ProviderError } from '../errors/errors.js';
import { invalidResponseError } from '../provider-utils/http.js';
import { isRecord, numberField, recordField } from '../provider-utils/parse-json.js';
import type { EmbeddingResponse } from '../types/embedding-model.js';
import type { Usage } from '../types/usage.js';
import {
  decodeBase64Float32,
  EmbeddingDecodeError,
  float32FromNumbers,
} from './decode-embedding.js';

/**
 * Parses an OpenAI-style `/embeddings` response: `{ data: [{ index, embedding }], usage }`.
 * `embedding` is a base64 string (what we ask for) or a number array (what some compatible
 * servers send anyway). Vectors come back in the order of `index`; every input must have
 * exactly one, and all must have the same length.
 */
export function parseEmbeddingResponse(
  provider: string,
  json: unknown,
  inputCount: number,
  requestId?: string,
): EmbeddingResponse {
  const fail = (detail: string): ProviderError =>
    invalidResponseError({ provider }, detail, requestId);
  if (!isRecord(json) || !Array.isArray(json.data)) throw fail('no `data` array');
  if (json.data.length !== inputCount) {
    throw fail(`${json.data.length} embeddings for ${inputCount} inputs`);
  }
  const embeddings = new Array<Float32Array | undefined>(inputCount);
  let dimensions: number | undefined;
  for (let position = 0; position < json.data.length; position++) {
    const item: unknown = json.data[position];
    if (!isRecord(item)) throw fail(`data[${position}] is not an object`);
    // Servers that omit `index` answer in input order.
    const index = item.index === undefined ? position : numberField(item, 'index');
    if (index === undefined || !Number.isInteger(index) || index < 0 || index >= inputCount) {
      throw fail(`data[${position}].index is not an input position`);
    }
    if (embeddings[index] !== undefined) throw fail(`two embeddings for input ${index}`);
    const vector = decodeVector(item.embedding, position, fail);
    if (dimensions === undefined) dimensions = vector.length;
    else if (vector.length !== dimensions) {
      throw fail(`data[${position}] has ${vector.length} dimensions, data[0] has ${dimensions}`);
    }
    embeddings[index] = vector;
  }
  return { embeddings: embeddings as Float32Array[], usage: parseEmbeddingUsage(json) };
}

function decodeVector(
  value: unknown,
  position: number,
  fail: (detail: string) => ProviderError,
): Float32Array {
  try {
    if (typeof value === 'string') return decodeBase64Float32(value);
    if (Array.isArray(value)) return float32FromNumbers(value);
  } catch (error) {
    if (error instanceof EmbeddingDecodeError) {
      throw fail(`data[${position}].embedding: ${error.message}`);
    }
    throw error;
  }
  throw fail(`data[${position}].embedding is neither a base64 string nor a number array`);
}

function parseEmbeddingUsage(json: Record<string, unknown>): Usage | undefined {
  const usage = recordField(json, 'usage');
  if (!usage) return undefined;
  const inputTokens = numberField(usage, 'prompt_tokens');
  const totalTokens = numberField(usage, 'total_tokens') ?? inputTokens;
  if (inputTokens === undefined && totalTokens === undefined) return undefined;
  return { inputTokens, totalTokens };
}
