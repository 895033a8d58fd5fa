import { ValidationError } from '../errors/errors.js';
import { type EncodingName, encodingNames, isEncodingName } from './encoding-name.js';

// Families by id prefix, so dated snapshots (`gpt-4o-2024-08-06`) and new sizes
// (`gpt-5-mini`) resolve without a table edit. Order matters: `gpt-4o` and `gpt-4.1` before
// plain `gpt-4`.
const modelFamilies: ReadonlyArray<{ pattern: RegExp; encoding: EncodingName }> = [
  { pattern: /^(gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-5)(\b|-|$)/, encoding: 'o200k_base' },
  { pattern: /^o\d+(-|$)/, encoding: 'o200k_base' },
  { pattern: /^(gpt-4|gpt-3\.5-turbo|gpt-35-turbo)(-|$)/, encoding: 'cl100k_base' },
  { pattern: /^text-embedding-(3-small|3-large|ada-002)$/, encoding: 'cl100k_base' },
];

/** The model families `encodingForModel` knows, for error messages and docs. */
export const knownModelFamilies =
  'gpt-5*, gpt-4.1*, gpt-4.5*, gpt-4o*, o1/o3/o4* (o200k_base); gpt-4, gpt-4-turbo*, ' +
  'gpt-3.5-turbo*, text-embedding-3-small/large, text-embedding-ada-002 (cl100k_base)';

/**
 * The encoding of an OpenAI model, or `undefined` for an id it does not know. A provider
 * prefix such as `openai/` (OpenRouter, gateways) is ignored.
 */
export function findEncodingForModel(modelId: string): EncodingName | undefined {
  const id = modelId
    .trim()
    .toLowerCase()
    .replace(/^openai\//, '');
  return modelFamilies.find((family) => family.pattern.test(id))?.encoding;
}

/** Which encoding to load: `{ model }` (an OpenAI model id) or `{ encoding }`. */
export type TokenizerSelector = { model: string } | { encoding: EncodingName };

/**
 * Resolves a selector to an encoding, or throws a `ValidationError` that lists what is known.
 * Non-OpenAI models (Claude, Llama...) have no public tiktoken encoding; ask for
 * `{ encoding: 'o200k_base' }` explicitly to get an estimate for them.
 */
export function resolveEncoding(selector: TokenizerSelector): EncodingName {
  if ('encoding' in selector) {
    if (isEncodingName(selector.encoding)) return selector.encoding;
    throw new ValidationError(
      `Unknown encoding ${JSON.stringify(selector.encoding)}: use one of ${encodingNames.join(', ')}.`,
      { issues: [{ path: ['encoding'], message: `expected ${encodingNames.join(' or ')}` }] },
    );
  }
  const model = (selector as { model?: unknown }).model;
  if (typeof model !== 'string' || model.trim() === '') {
    throw new ValidationError('Pass { model: "<model id>" } or { encoding: "o200k_base" }.', {
      issues: [{ path: ['model'], message: 'expected a model id or an encoding' }],
    });
  }
  const encoding = findEncodingForModel(model);
  if (encoding) return encoding;
  throw new ValidationError(
    `No tokenizer is known for model ${JSON.stringify(model)}. Known OpenAI families: ` +
      `${knownModelFamilies}. For other models pass { encoding: 'o200k_base' } to get an estimate.`,
    { issues: [{ path: ['model'], message: `unknown model ${model}` }] },
  );
}
